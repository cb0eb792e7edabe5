import { randomUUID } from 'crypto';
import { Producer } from 'kafkajs';
import { InboundCloudEvent, TOPICS } from '@herald/contracts';
import { createKafkaForBrokers } from '@herald/kafka';

/** The platform as its users see it: the HTTP API and a kafkajs producer, nothing internal. */
export class PublicApi {
  private producer: Producer | undefined;

  constructor(
    private readonly apiUrl: string,
    private readonly brokers: string,
  ) {}

  async call<T = Record<string, unknown>>(
    token: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.apiUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }

  async ok<T = Record<string, unknown>>(
    token: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    const { status, body: answer } = await this.call<T>(token, method, path, body);
    if (status >= 300) throw new Error(`${method} ${path} -> ${status} ${JSON.stringify(answer)}`);
    return answer;
  }

  async tenant(adminToken: string, name: string): Promise<{ id: string; key: string }> {
    const tenant = await this.ok<{ id: string }>(adminToken, 'POST', '/v1/tenants', { name });
    const key = await this.ok<{ key: string }>(
      adminToken,
      'POST',
      `/v1/tenants/${tenant.id}/api-keys`,
      { name },
    );
    return { id: tenant.id, key: key.key };
  }

  /** Produces a CloudEvent to herald.events.inbound, as a platform team would. */
  async produce(event: Partial<InboundCloudEvent> & { type: string }): Promise<string> {
    if (!this.producer) {
      this.producer = createKafkaForBrokers(this.brokers, 'herald-e2e').producer({
        idempotent: true,
      });
      await this.producer.connect();
    }
    const id = event.id ?? randomUUID();
    await this.producer.send({
      topic: TOPICS.eventsInbound,
      acks: -1,
      messages: [
        {
          key: event.tenantid ?? id,
          value: JSON.stringify({ specversion: '1.0', source: '/e2e', ...event, id }),
        },
      ],
    });
    return id;
  }

  async close(): Promise<void> {
    await this.producer?.disconnect();
  }
}

/** Polls until `check` returns a value (not undefined), or fails naming what it waited for. */
export async function eventuallyValue<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
