import { randomUUID } from 'crypto';
import { Message, Producer } from 'kafkajs';
import { TOPICS } from '@herald/contracts';
import { createKafkaForBrokers } from '@herald/kafka';

export interface BenchTenant {
  tenantId: string;
  apiKey: string;
}

async function call<T>(
  baseUrl: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

/** Creates a tenant with a key through the public API. */
export async function createTenant(
  apiUrl: string,
  adminToken: string,
  name: string,
): Promise<BenchTenant> {
  const tenant = await call<{ id: string }>(apiUrl, adminToken, 'POST', '/v1/tenants', { name });
  const key = await call<{ key: string }>(
    apiUrl,
    adminToken,
    'POST',
    `/v1/tenants/${tenant.id}/api-keys`,
    {
      name: 'bench',
    },
  );
  return { tenantId: tenant.id, apiKey: key.key };
}

/** One subscription per endpoint path, each matching only its own entity id. */
export async function createSubscriptions(
  apiUrl: string,
  tenant: BenchTenant,
  receiverUrl: string,
  count: number,
  extra: Record<string, unknown> = {},
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const sub = await call<{ id: string }>(apiUrl, tenant.apiKey, 'POST', '/v1/subscriptions', {
      url: `${receiverUrl}/r/${i}`,
      eventTypes: ['bench.*'],
      entityType: 'item',
      entityId: `item-${i}`,
      ...extra,
    });
    ids.push(sub.id);
  }
  return ids;
}

/** Produces CloudEvents to herald.events.inbound with `data.sentAt` for latency measurement. */
export class EventLoad {
  private constructor(private readonly producer: Producer) {}

  static async connect(brokers: string): Promise<EventLoad> {
    const producer = createKafkaForBrokers(brokers, 'herald-bench').producer({ idempotent: true });
    await producer.connect();
    return new EventLoad(producer);
  }

  private message(tenantId: string, endpoint: number) {
    const event = {
      specversion: '1.0',
      id: randomUUID(),
      source: '/bench',
      type: 'bench.event',
      tenantid: tenantId,
      entitytype: 'item',
      entityid: `item-${endpoint}`,
      action: 'updated',
      data: { sentAt: Date.now(), padding: 'x'.repeat(200) },
    };
    return { key: tenantId, value: JSON.stringify(event) };
  }

  /** One event per endpoint, to `send` (again, after an error: ingest drops the repeats). */
  batch(tenantId: string, endpoints: number[]): Message[] {
    return endpoints.map((e) => this.message(tenantId, e));
  }

  async send(messages: Message[]): Promise<void> {
    await this.producer.send({ topic: TOPICS.eventsInbound, acks: -1, messages });
  }

  /** One request carrying events of several tenants (each keyed by its tenant). */
  async sendMixed(events: { tenantId: string; endpoint: number }[]): Promise<void> {
    await this.send(events.map((e) => this.message(e.tenantId, e.endpoint)));
  }

  async sendBatch(tenantId: string, endpoints: number[]): Promise<void> {
    await this.send(this.batch(tenantId, endpoints));
  }

  /** `perSecond` events for `seconds`, spread over endpoints round-robin, in 10 ms ticks. */
  async fixedRate(
    tenantId: string,
    endpoints: number,
    perSecond: number,
    seconds: number,
  ): Promise<number> {
    const perTick = perSecond / 100;
    let sent = 0;
    let carry = 0;
    const started = Date.now();
    for (let tick = 0; tick < seconds * 100; tick++) {
      carry += perTick;
      const n = Math.floor(carry);
      carry -= n;
      if (n > 0) {
        await this.sendBatch(
          tenantId,
          Array.from({ length: n }, (_, i) => (sent + i) % endpoints),
        );
        sent += n;
      }
      const wait = started + (tick + 1) * 10 - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    return sent;
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
  }
}

/** Waits until `count()` reaches `target` or `timeoutMs` passes; returns when it got there. */
export async function waitForCount(
  count: () => number,
  target: number,
  timeoutMs: number,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (count() < target && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return Date.now();
}
