/** The test kit's knobs: they steer test runs, never a service, and are read through libs/config. */
import { childEnvironment, int, loadConfig, optionalStr } from '@herald/config';

/** Seed and run count of the property-based specs: HERALD_PROPERTY_SEED reproduces a failure. */
export function propertyRunSettings(defaults = { seed: 18, runs: 300 }): {
  seed: number;
  runs: number;
} {
  const settings = loadConfig({
    HERALD_PROPERTY_SEED: int({
      description: 'seed of the property-based specs',
      default: String(defaults.seed),
    }),
    HERALD_PROPERTY_RUNS: int({
      description: 'runs of each property-based spec',
      default: String(defaults.runs),
      min: 1,
    }),
  });
  return { seed: settings.HERALD_PROPERTY_SEED, runs: settings.HERALD_PROPERTY_RUNS };
}

/** An environment for a child process: only `env` plus this process's PATH. */
export function withInheritedPath(env: Record<string, string>): Record<string, string> {
  return childEnvironment(env, ['PATH']);
}

/** Whether whole-platform specs echo every service log line (`E2E_LOG=1`), not only errors. */
export function serviceLogsShown(): boolean {
  const { E2E_LOG } = loadConfig({
    E2E_LOG: optionalStr({
      description: 'set to show every service log line in e2e specs',
      default: '',
    }),
  });
  return E2E_LOG !== undefined;
}
