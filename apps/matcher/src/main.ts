import { ConfigError, loadConfig, matcherSchema } from '@herald/config';
import { bootstrapService, heraldVersion } from '@herald/observability';
import { MatcherModule } from './matcher.module';

async function main(): Promise<void> {
  const config = loadConfig(matcherSchema);
  await bootstrapService({
    name: 'matcher',
    module: MatcherModule.register(config, heraldVersion()),
    port: config.HERALD_MATCHER_PORT,
    host: config.HERALD_HTTP_HOST,
    logLevel: config.HERALD_LOG_LEVEL,
    shutdownTimeoutMs: config.HERALD_SHUTDOWN_TIMEOUT_MS,
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `matcher failed to start: ${error instanceof ConfigError ? error.message : String((error as Error)?.stack ?? error)}\n`,
  );
  process.exit(1);
});
