import { ConfigOf, cliSchema } from '@herald/config';
import { ApiClient } from './api-client';
import { produceCloudEvent } from './cloudevent-producer';

type CliConfig = ConfigOf<typeof cliSchema>;

interface Delivery {
  id: string;
  status: string;
  attempts?: number;
}

const DEMO_RECEIVER = 'http://localhost:4000';

/**
 * The README walkthrough as one command, against `npm start`: a tenant and key, an event type,
 * a subscription to the demo receiver (signature verified there), an event produced to Kafka,
 * a failing subscription that retries into the dead-letter queue, and its redrive.
 */
/** How long a new subscription takes at most to reach the matcher (outbox relay + changelog). */
const SUBSCRIPTION_PROPAGATION_MS = 1_000;

export async function runWalkthrough(config: CliConfig, admin: ApiClient): Promise<void> {
  const step = (text: string) => console.log(`\n== ${text}`);

  step('1. create a tenant and an API key (admin token)');
  const tenant = await admin.call<{ id: string }>('POST', '/v1/tenants', {
    name: `walkthrough-${Date.now()}`,
  });
  const key = await admin.call<{ key: string }>('POST', `/v1/tenants/${tenant.id}/api-keys`, {
    name: 'walkthrough',
  });
  console.log(`tenant ${tenant.id}, key ${key.key.slice(0, 12)}... (shown once)`);
  const api = new ApiClient(config.HERALD_API_URL, key.key);

  step('2. register an event type');
  await api.call('POST', '/v1/event-types', {
    name: 'order.created',
    description: 'An order was placed',
    code: '100',
  });

  step(
    '3. subscribe the demo receiver (Standard Webhooks v1 and v1a, RFC 9421 ed25519), and give it the secret and the JWKS URL so it verifies each',
  );
  const ok = await api.call<{ id: string; secret: string }>('POST', '/v1/subscriptions', {
    url: `${DEMO_RECEIVER}/ok`,
    eventTypes: ['order.*'],
    signing: {
      options: {
        standardWebhooks: { symmetric: true, asymmetric: true },
        httpMessageSignatures: { algorithm: 'ed25519' },
      },
    },
  });
  const jwksUrl = `${config.HERALD_API_URL}/v1/tenants/${tenant.id}/jwks.json`;
  await fetch(`${DEMO_RECEIVER}/_secrets`, {
    method: 'POST',
    body: JSON.stringify({ path: '/ok', secret: ok.secret, jwksUrl }),
  });
  console.log(`public keys (no credential needed): ${jwksUrl}`);
  const failing = await api.call<{ id: string }>('POST', '/v1/subscriptions', {
    url: `${DEMO_RECEIVER}/fail`,
    eventTypes: ['order.*'],
    retryPolicy: { delays: ['0s', '1s', '2s'], maxAttempts: 3 },
  });
  console.log(`subscriptions: ${ok.id} (-> /ok), ${failing.id} (-> /fail, 3 attempts)`);
  // New subscriptions reach the matcher through the changelog topic, within a second; an event
  // matched before that does not see them.
  console.log('(waiting a second for them to reach the matcher through the changelog)');
  await new Promise((resolve) => setTimeout(resolve, SUBSCRIPTION_PROPAGATION_MS));

  step('4. produce a CloudEvent to Kafka (herald.events.inbound)');
  const event = await produceCloudEvent(config.HERALD_KAFKA_BROKERS, {
    type: 'order.created',
    source: '/shop',
    tenantid: tenant.id,
    entitytype: 'order',
    entityid: 'o-1',
    action: 'created',
    data: { orderId: 'o-1', total: 42 },
  });
  console.log(`event ${event.id}`);

  step('5. watch it arrive signed at the demo receiver');
  const delivered = await waitFor(api, ok.id, (d) => d.status === 'succeeded');
  console.log(`delivery ${delivered.id}: ${delivered.status}`);

  step('6. watch the failing one retry and land in the dead-letter queue');
  const dead = await waitFor(api, failing.id, (d) => d.status === 'dead', 60_000);
  console.log(`delivery ${dead.id}: ${dead.status}`);
  console.log(
    JSON.stringify(await api.call('GET', `/v1/dead-letters?subscriptionId=${failing.id}`), null, 2),
  );

  step('7. redrive it (it will fail again here, since /fail always fails)');
  console.log(
    JSON.stringify(
      await api.call('POST', '/v1/dead-letters/redrive', { subscriptionId: failing.id }),
      null,
      2,
    ),
  );
  // The portal page is not built yet (the API answers /portal/ with 503): no dead link.
  const portalPage = await fetch(`${api.baseUrl}/portal/`).then(
    (r) => r.status,
    () => 0,
  );
  if (portalPage === 200) {
    step('8. open the tenant portal for this tenant (a link for a browser, valid 1 h)');
    const portal = await api.call<{ url: string }>('POST', '/v1/portal-sessions', {});
    console.log(portal.url);
  }
  console.log(
    '\nDone. Export HERALD_API_KEY to keep exploring with `npm run herald -- deliveries --follow`.',
  );
}

async function waitFor(
  api: ApiClient,
  subscriptionId: string,
  done: (d: Delivery) => boolean,
  timeoutMs = 30_000,
): Promise<Delivery> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const page = await api.call<{ items: Delivery[] }>(
      'GET',
      `/v1/deliveries?subscriptionId=${subscriptionId}`,
    );
    const found = page.items.find(done);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no matching delivery for subscription ${subscriptionId} within ${timeoutMs} ms`);
}
