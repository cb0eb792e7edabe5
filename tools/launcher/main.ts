import { launcherSchema, loadConfig } from '@herald/config';
import { describeSignatureChecks, startDemoReceiver } from '@herald/testing';
import { renderBanner } from './banner';
import { openDemoPortal } from './demo-portal';
import { startStack } from '@herald/stack';

/** `npm start`: the whole platform on embedded defaults, supervised, stopped by Ctrl-C. */
async function main(): Promise<void> {
  const config = loadConfig(launcherSchema);
  const log = (source: string, line: string) => process.stdout.write(`[${source}] ${line}\n`);
  const external = config.HERALD_KAFKA_BROKERS.length > 0;
  log(
    'launcher',
    external
      ? `starting the stack in ${config.HERALD_HOME} on Kafka at ${config.HERALD_KAFKA_BROKERS.join(',')}`
      : `starting the embedded stack in ${config.HERALD_HOME}`,
  );
  const stack = await startStack({
    home: config.HERALD_HOME,
    persistent: true,
    kafkaPort: config.HERALD_EMBEDDED_KAFKA_PORT,
    externalKafka: external ? { connection: config } : undefined,
    postgresPort: config.HERALD_EMBEDDED_POSTGRES_PORT,
    servicePorts: {
      HERALD_API_PORT: config.HERALD_API_PORT,
      HERALD_INGEST_PORT: config.HERALD_INGEST_PORT,
      HERALD_MATCHER_PORT: config.HERALD_MATCHER_PORT,
      HERALD_DISPATCHER_PORT: config.HERALD_DISPATCHER_PORT,
      HERALD_RETRY_SCHEDULER_PORT: config.HERALD_RETRY_SCHEDULER_PORT,
    },
    restartLimit: config.HERALD_RESTART_LIMIT,
    log,
  });
  const receiver = config.HERALD_DEMO_RECEIVER
    ? await startDemoReceiver({
        port: config.HERALD_DEMO_RECEIVER_PORT,
        onDelivery: (d) =>
          log(
            'demo-receiver',
            `${d.path} webhook-id=${d.webhookId} attempt=${d.attempt} -> ${d.status} ${describeSignatureChecks(d)}`,
          ),
      })
    : undefined;
  // Until the portal page is built, the API answers /portal/ with 503: no link to a dead page.
  const portalBuilt = await fetch(`${stack.apiUrl}/portal/`).then(
    (r) => r.status === 200,
    () => false,
  );
  const portalUrl = portalBuilt
    ? await openDemoPortal(stack.apiUrl, stack.adminToken).catch(() => undefined)
    : undefined;
  process.stdout.write(
    renderBanner(stack, receiver?.url, portalUrl, portalBuilt, config.HERALD_HOME),
  );

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    log(
      'launcher',
      external ? 'stopping services and PostgreSQL' : 'stopping services, broker and PostgreSQL',
    );
    await receiver?.close();
    await stack.stop();
    log('launcher', 'stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: Error) => {
  process.stderr.write(`npm start failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
