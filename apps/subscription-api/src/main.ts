import { ConfigError, loadConfig, subscriptionApiSchema } from '@herald/config';
import { bootstrapService, heraldVersion } from '@herald/observability';
import { configureHttp, httpServerOptions } from './http/configure-http';
import { SubscriptionApiModule } from './subscription-api.module';

async function main(): Promise<void> {
  const config = loadConfig(subscriptionApiSchema);
  const version = heraldVersion();
  await bootstrapService({
    name: 'subscription-api',
    module: SubscriptionApiModule.register(config, version),
    port: config.HERALD_API_PORT,
    host: config.HERALD_HTTP_HOST,
    logLevel: config.HERALD_LOG_LEVEL,
    shutdownTimeoutMs: config.HERALD_SHUTDOWN_TIMEOUT_MS,
    server: httpServerOptions(config),
    bodyParser: false,
    configure: (app) => configureHttp(app, version, config),
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `subscription-api failed to start: ${error instanceof ConfigError ? error.message : String((error as Error)?.stack ?? error)}\n`,
  );
  process.exit(1);
});
