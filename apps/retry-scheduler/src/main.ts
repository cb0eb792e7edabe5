import { ConfigError, loadConfig, retrySchedulerSchema } from '@herald/config';
import { bootstrapService, heraldVersion } from '@herald/observability';
import { RetrySchedulerModule } from './retry-scheduler.module';

async function main(): Promise<void> {
  const config = loadConfig(retrySchedulerSchema);
  await bootstrapService({
    name: 'retry-scheduler',
    module: RetrySchedulerModule.register(config, heraldVersion()),
    port: config.HERALD_RETRY_SCHEDULER_PORT,
    host: config.HERALD_HTTP_HOST,
    logLevel: config.HERALD_LOG_LEVEL,
    shutdownTimeoutMs: config.HERALD_SHUTDOWN_TIMEOUT_MS,
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `retry-scheduler failed to start: ${error instanceof ConfigError ? error.message : String((error as Error)?.stack ?? error)}\n`,
  );
  process.exit(1);
});
