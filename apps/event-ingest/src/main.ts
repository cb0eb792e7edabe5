import { ConfigError, loadConfig, eventIngestSchema } from '@herald/config';
import { bootstrapService, heraldVersion } from '@herald/observability';
import { EventIngestModule } from './event-ingest.module';

async function main(): Promise<void> {
  const config = loadConfig(eventIngestSchema);
  await bootstrapService({
    name: 'event-ingest',
    module: EventIngestModule.register(config, heraldVersion()),
    port: config.HERALD_INGEST_PORT,
    host: config.HERALD_HTTP_HOST,
    logLevel: config.HERALD_LOG_LEVEL,
    shutdownTimeoutMs: config.HERALD_SHUTDOWN_TIMEOUT_MS,
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `event-ingest failed to start: ${error instanceof ConfigError ? error.message : String((error as Error)?.stack ?? error)}\n`,
  );
  process.exit(1);
});
