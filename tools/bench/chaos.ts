import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { int, loadConfig } from '@herald/config';
import { startStack } from '@herald/stack';
import { startCountingReceiver } from '@herald/testing';
import { createSubscriptions, createTenant, EventLoad } from './platform-driver';

/**
 * `npm run chaos`: fault injection under steady load. Each event matches exactly one
 * subscription, so every event must arrive at least once: lost = sent - distinct webhook-ids.
 * Faults in turn: kill -9 of each service (the launcher restarts it), a broker restart on its
 * data dir, PostgreSQL stopped for CHAOS_PG_DOWN_SECONDS (30).
 */
const knobs = loadConfig({
  CHAOS_RATE: int({ description: 'events per second', default: '200', min: 1 }),
  CHAOS_SETTLE_SECONDS: int({ description: 'seconds to wait for stragglers', default: '120' }),
  CHAOS_PG_DOWN_SECONDS: int({ description: 'seconds PostgreSQL is stopped', default: '30' }),
});
const RATE = knobs.CHAOS_RATE;
const ENDPOINTS = 20;
const SETTLE_MS = knobs.CHAOS_SETTLE_SECONDS * 1000;
const PG_DOWN_MS = knobs.CHAOS_PG_DOWN_SECONDS * 1000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'herald-chaos-'));
  const stack = await startStack({
    home,
    persistent: true,
    kafkaPort: 0,
    postgresPort: 0,
    servicePorts: 'free',
    restartLimit: 20,
    env: { HERALD_LOG_LEVEL: 'warn' },
    log: (source, line) => {
      if (/restarting|giving up/.test(line)) console.log(`[${source}] ${line}`);
    },
  });
  const receiver = await startCountingReceiver();
  const tenant = await createTenant(stack.apiUrl, stack.adminToken, 'chaos');
  await createSubscriptions(stack.apiUrl, tenant, receiver.url, ENDPOINTS, {
    retryPolicy: { delays: ['0s', '1s', '5s', '10s', '30s', '1m', '5m'], maxAttempts: 7 },
  });
  await sleep(2_000);
  const load = await EventLoad.connect(stack.brokers);
  let sent = 0;
  let producing = true;
  let produceErrors = 0;
  const producer = (async () => {
    while (producing) {
      const batch = Array.from({ length: RATE / 10 }, (_, i) => (sent + i) % ENDPOINTS);
      try {
        await load.sendBatch(tenant.tenantId, batch);
        sent += batch.length;
      } catch {
        produceErrors++; // the broker is down: the producer retries, as a real one would
      }
      await sleep(100);
    }
  })();

  const faults: { fault: string; recoverySeconds: number | null }[] = [];
  const recoverAfter = async (fault: string, inject: () => Promise<void>) => {
    await sleep(5_000);
    const target = sent;
    const at = Date.now();
    console.log(`fault: ${fault}`);
    await inject();
    while (receiver.seen.size < target && Date.now() - at < 120_000) await sleep(100);
    const recoverySeconds = receiver.seen.size >= target ? (Date.now() - at) / 1000 : null;
    faults.push({ fault, recoverySeconds });
    console.log(`  caught up with everything sent before it after ${recoverySeconds ?? '>120'} s`);
  };

  for (const [name, service] of stack.services) {
    await recoverAfter(`kill -9 ${name}`, async () => service.process.kill());
    await sleep(3_000);
  }
  await recoverAfter('restart the embedded broker (data dir kept)', () => stack.restartBroker());
  await recoverAfter(`stop PostgreSQL for ${PG_DOWN_MS / 1000} s`, () =>
    stack.interruptPostgres(PG_DOWN_MS),
  );

  producing = false;
  await producer;
  const settleStart = Date.now();
  while (receiver.seen.size < sent && Date.now() - settleStart < SETTLE_MS) await sleep(200);
  const distinct = receiver.seen.size;
  const duplicated = [...receiver.seen.values()].filter((n) => n > 1).length;
  const report = {
    date: new Date().toISOString(),
    eventsSent: sent,
    produceRetries: produceErrors,
    distinctDelivered: distinct,
    lost: sent - distinct,
    duplicatedWebhookIds: duplicated,
    extraDeliveries: receiver.received - distinct,
    faults,
  };
  await load.close().catch(() => undefined);
  await receiver.close();
  await stack.stop();
  rmSync(home, { recursive: true, force: true });
  mkdirSync('reports', { recursive: true });
  writeFileSync('reports/chaos.json', `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify(report, null, 2));
  console.log(
    `chaos: ${report.lost} lost of ${sent}, ${duplicated} webhook-ids delivered more than once (all de-duplicable by webhook-id)`,
  );
  process.exit(report.lost === 0 ? 0 : 1);
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
