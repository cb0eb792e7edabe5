import { ConfigOf, Schema, ValueFreeError } from './variable';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export type Environment = Record<string, string | undefined>;

/**
 * Reads and validates every variable of a schema at once, so start-up reports all
 * problems together, each naming its variable. Secrets never appear in messages.
 */
export function loadConfig<S extends Schema>(
  schema: S,
  env: Environment = process.env,
): ConfigOf<S> {
  const problems: string[] = [];
  const config: Record<string, unknown> = {};
  for (const [name, variable] of Object.entries(schema)) {
    const raw = env[name] ?? variable.default;
    if (raw === undefined) {
      problems.push(`${name} is required (${variable.description})`);
      continue;
    }
    try {
      config[name] = variable.parse(raw);
    } catch (error) {
      const shown =
        variable.sensitive && !(error instanceof ValueFreeError)
          ? ''
          : ` (${(error as Error).message})`;
      problems.push(`${name} is invalid${shown || ': value hidden because it is sensitive'}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config as ConfigOf<S>;
}

/** A printable view of a loaded configuration with secrets masked. */
export function redactConfig<S extends Schema>(
  schema: S,
  config: ConfigOf<S>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(schema).map((name) => [
      name,
      schema[name].sensitive ? '***' : (config as Record<string, unknown>)[name],
    ]),
  );
}
