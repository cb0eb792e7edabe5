import { launcherSchema, loadConfig } from '@herald/config';
import { describeSignatureChecks, startDemoReceiver } from '@herald/testing';

/** `npm run demo`: the demo receiver on its own, printing every delivery. */
async function main(): Promise<void> {
  const config = loadConfig(launcherSchema);
  const receiver = await startDemoReceiver({
    port: config.HERALD_DEMO_RECEIVER_PORT,
    onDelivery: (d) =>
      console.log(
        `${d.receivedAt} ${d.path} webhook-id=${d.webhookId} attempt=${d.attempt} -> ${d.status}` +
          ` ${describeSignatureChecks(d)}${d.verified === null ? ' (POST /_secrets to register keys)' : ''}`,
      ),
  });
  console.log(
    `demo receiver on ${receiver.url} (paths: /ok /fail /flaky?failures=N /gone /slow?ms=N)`,
  );
  const stop = () => void receiver.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
