/**
 * The environment handed to child processes. Services are given exactly the variables they
 * read; these helpers let tests, tools and benchmarks do that without reading `process.env`
 * themselves (only libs/config does).
 */

/** `env` plus the named variables of this process that are set (by default PATH and HOME). */
export function childEnvironment(
  env: Record<string, string> = {},
  inherit: readonly string[] = ['PATH', 'HOME'],
): Record<string, string> {
  const inherited: Record<string, string> = {};
  for (const name of inherit) {
    const value = process.env[name];
    if (value !== undefined) inherited[name] = value;
  }
  return { ...inherited, ...env };
}
