import { Message } from 'kafkajs';
import { HEADERS, TOPICS } from '@herald/contracts';
import { TenantLimits, TenantRateLimiter } from '@herald/tenancy';
import { InboundMessage } from './inbound-decoder';
import { IngestEvents } from './ingest-events.usecase';
import { OverLimitAction, TenantAdmission } from './tenant-admission';

const limits: TenantLimits = {
  httpEventsPerSecond: 0,
  kafkaEventsPerSecond: 2,
  burstSeconds: 1,
  maxSubscriptions: 0,
  maxEventTypes: 0,
  maxInFlightDeliveries: 0,
};

function inbound(tenant: string | undefined, id: string, offset: number): InboundMessage {
  return {
    topic: TOPICS.eventsInbound,
    partition: 0,
    offset: String(offset),
    key: null,
    headers: {},
    value: Buffer.from(
      JSON.stringify({ specversion: '1.0', id, source: 'urn:s', type: 't', tenantid: tenant }),
    ),
  };
}

/** IngestEvents with in-memory ports and a frozen clock: what went where. */
function ingestWith(overLimit: OverLimitAction) {
  const published: Record<string, Message[]> = {};
  const stored: string[] = [];
  const admission = new TenantAdmission(
    { limitsOf: () => limits },
    new TenantRateLimiter(() => 0),
    overLimit,
  );
  const ingest = new IngestEvents(
    {
      catalog: {
        tenant: async () => ({ strict: false }),
        eventType: async () => ({ validateData: null }),
      },
      publish: async (batches) => {
        for (const b of batches) (published[b.topic] ??= []).push(...b.messages);
      },
      admit: (tenantId) => admission.admit(tenantId),
      accept: async (events, _since, beforeCommit) => {
        await beforeCommit([...events]);
        stored.push(...events.map((e) => e.event.id));
        return { accepted: [...events], duplicates: [] };
      },
      recordRejected: async () => undefined,
      now: () => new Date(0),
    },
    { maxEventBytes: 10_000, maxEventDepth: 64, dedupWindowMs: 60_000 },
  );
  const ids = (topic: string) =>
    (published[topic] ?? []).map((m) => JSON.parse(String(m.value)).id as string);
  return { ingest, published, stored, ids };
}

describe('events over their tenant’s Kafka rate', () => {
  const batch = [
    inbound('noisy', 'n1', 0),
    inbound('noisy', 'n2', 1),
    inbound('noisy', 'n3', 2),
    inbound('quiet', 'q1', 3),
    inbound(undefined, 'broadcast', 4),
    inbound('noisy', 'n4', 5),
  ];

  it('are deferred as they came, keyed by tenant, unstored until their turn; others and broadcasts go on', async () => {
    const { ingest, published, stored, ids } = ingestWith('defer');
    const outcome = await ingest.execute(batch);
    expect(ids(TOPICS.events)).toEqual(['n1', 'n2', 'q1', 'broadcast']);
    expect(ids(TOPICS.eventsDeferred)).toEqual(['n3', 'n4']);
    expect(published[TOPICS.eventsDeferred].map((m) => String(m.key))).toEqual(['noisy', 'noisy']);
    expect(published[TOPICS.eventsDeferred][0].value).toBe(batch[2].value);
    expect(outcome.deferred.map((d) => d.message.offset)).toEqual(['2', '5']);
    expect(stored.sort()).toEqual(['broadcast', 'n1', 'n2', 'q1']);
  });

  it('go to herald.events.invalid as rate_limited, unstored, when the operator chose drop', async () => {
    const { ingest, published, stored, ids } = ingestWith('drop');
    await ingest.execute(batch);
    expect(ids(TOPICS.events)).toEqual(['n1', 'n2', 'q1', 'broadcast']);
    expect(ids(TOPICS.eventsDeferred)).toEqual([]);
    const dropped = published[TOPICS.eventsInvalid];
    expect(dropped.map((m) => m.headers?.[HEADERS.invalidCode])).toEqual([
      'rate_limited',
      'rate_limited',
    ]);
    expect(stored).not.toContain('n3');
  });
});
