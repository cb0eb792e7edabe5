import { ConfigError, loadConfig, dispatcherSchema } from '@herald/config';
import { bootstrapService, heraldVersion } from '@herald/observability';
import { DispatcherModule } from './dispatcher.module';

async function main(): Promise<void> {
  const config = loadConfig(dispatcherSchema);
  await bootstrapService({
    name: 'dispatcher',
    module: DispatcherModule.register(config, heraldVersion()),
    port: config.HERALD_DISPATCHER_PORT,
    host: config.HERALD_HTTP_HOST,
    logLevel: config.HERALD_LOG_LEVEL,
    shutdownTimeoutMs: config.HERALD_SHUTDOWN_TIMEOUT_MS,
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `dispatcher failed to start: ${error instanceof ConfigError ? error.message : String((error as Error)?.stack ?? error)}\n`,
  );
  process.exit(1);
});
