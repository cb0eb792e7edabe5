import { DEFAULT_RETRY_LADDER, Subscription, SubscriptionRecord } from '@herald/contracts';
import { seededRandom, subscriptionStream } from './workload';

/** One changelog record as subscription-api writes it: keyed by subscription id, JSON value. */
export interface ChangelogRecord {
  key: string;
  value: string;
}

const TEAMS = ['erp', 'crm', 'shop', 'bi', 'warehouse'];
const CREATED = Date.parse('2026-01-05T08:00:00.000Z');

/**
 * The workload's subscriptions (its filters: event types, entity, action and trigger filters,
 * conditions on a quarter) dressed as subscription-api publishes them, so a record weighs what
 * a real one does (about 1.2 kB of JSON): each with its own URL, sealed signing secret,
 * fingerprint and timestamps, the default retry ladder, and the optional settings a share of
 * subscriptions set (a description, custom headers, metadata, a rate limit).
 */
export function* changelogRecords(count: number, seed = 7): Generator<ChangelogRecord> {
  const random = seededRandom(seed);
  let n = 0;
  for (const filters of subscriptionStream(count, random)) {
    const subscription = dressed(filters, n++, random);
    const record: SubscriptionRecord = { kind: 'herald.subscription', version: 2, subscription };
    yield { key: subscription.id, value: JSON.stringify(record) };
  }
}

function dressed(filters: Subscription, n: number, random: () => number): Subscription {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const created = new Date(CREATED + n * 29_000);
  const updated = new Date(created.getTime() + Math.floor(random() * 86_400_000));
  const team = pick(TEAMS);
  return {
    ...filters,
    url: `https://${team}.${filters.tenantId.replace('_', '-')}.example.com/webhooks/herald/${n}`,
    description: random() < 0.5 ? `${team} sync of ${filters.eventTypes.join(', ')}` : null,
    headers: random() < 0.3 ? { 'x-api-version': '2024-06', 'x-partner-id': `P-${n % 9_973}` } : {},
    retryPolicy: { delays: [...DEFAULT_RETRY_LADDER], maxAttempts: DEFAULT_RETRY_LADDER.length },
    signing: {
      scheme: 'standard-webhooks',
      secrets: [
        {
          // AES-256-GCM of `whsec_` + 32 random bytes, base64: what sealing writes.
          sealed: `hsk1:k2026a:${randomBase64(random, 78)}`,
          fingerprint: `sha256:${randomHex(random, 16)}`,
          expiresAt: null,
        },
      ],
    },
    rateLimitPerSecond: random() < 0.2 ? 50 : null,
    metadata: random() < 0.4 ? { team, environment: 'production' } : {},
    createdAt: created.toISOString(),
    updatedAt: updated.toISOString(),
    revision: 1 + Math.floor(random() * 3),
  };
}

function randomBytes(random: () => number, count: number): Buffer {
  const bytes = Buffer.allocUnsafe(count);
  for (let i = 0; i < count; i++) bytes[i] = Math.floor(random() * 256);
  return bytes;
}

function randomBase64(random: () => number, bytes: number): string {
  return randomBytes(random, bytes).toString('base64');
}

function randomHex(random: () => number, digits: number): string {
  return randomBytes(random, digits / 2).toString('hex');
}
