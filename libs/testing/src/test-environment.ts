/**
 * The test kit's knobs read from the environment (the lint rule that keeps `process.env` in
 * libs/config lets the test kit through: these steer test runs, never a service).
 */

/** Seed and run count of the property-based specs: HERALD_PROPERTY_SEED reproduces a failure. */
export function propertyRunSettings(defaults = { seed: 18, runs: 300 }): {
  seed: number;
  runs: number;
} {
  return {
    seed: Number(process.env.HERALD_PROPERTY_SEED ?? defaults.seed),
    runs: Number(process.env.HERALD_PROPERTY_RUNS ?? defaults.runs),
  };
}

/** An environment for a child process: only `env` plus this process's PATH. */
export function withInheritedPath(env: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', ...env };
}
