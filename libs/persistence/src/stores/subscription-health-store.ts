import { DataSource, EntityManager } from 'typeorm';
import type { DurableCircuit } from '@herald/delivery';

/** One subscription's circuit, as the dispatcher records it with the attempts that moved it. */
export interface SubscriptionHealthRecord {
  tenantId: string;
  subscriptionId: string;
  circuit: DurableCircuit;
}

export interface SubscriptionKey {
  tenantId: string;
  subscriptionId: string;
}

interface HealthRow {
  subscription_id: string;
  failures: number[];
  failing_since: Date | null;
  open_until: Date | null;
  half_open: boolean;
}

/**
 * The durable half of the dispatcher's circuit breaker (`subscription_health`): written in the
 * outcome batches (one upsert for every subscription whose circuit moved in the batch), read
 * when an instance first sees a subscription (after a start or a rebalance), cleared when the
 * subscription is reactivated or deleted. Every query is scoped by tenant.
 */
export class SubscriptionHealthStore {
  constructor(private readonly dataSource: DataSource) {}

  /** The stored circuits of these subscriptions, by subscription id (absent = closed). */
  async load(keys: readonly SubscriptionKey[]): Promise<Map<string, DurableCircuit>> {
    const found = new Map<string, DurableCircuit>();
    if (keys.length === 0) return found;
    const rows: HealthRow[] = await this.dataSource.query(
      `SELECT h.subscription_id, h.failures, h.failing_since, h.open_until, h.half_open
         FROM subscription_health h
         JOIN unnest($1::text[], $2::text[]) AS k(tenant_id, subscription_id)
           ON h.tenant_id = k.tenant_id AND h.subscription_id = k.subscription_id`,
      [keys.map((k) => k.tenantId), keys.map((k) => k.subscriptionId)],
    );
    for (const row of rows) {
      found.set(row.subscription_id, {
        failures: row.failures.map(Number),
        failingSince: row.failing_since ? row.failing_since.getTime() : null,
        openUntil: row.open_until ? row.open_until.getTime() : null,
        halfOpen: row.half_open,
      });
    }
    return found;
  }

  /** Upserts the circuits (the last record of a subscription wins), in one statement. */
  async saveMany(records: readonly SubscriptionHealthRecord[], now = new Date()): Promise<void> {
    const latest = new Map<string, SubscriptionHealthRecord>();
    for (const r of records) latest.set(`${r.tenantId}\u0000${r.subscriptionId}`, r);
    if (latest.size === 0) return;
    const rows = [...latest.values()];
    const at = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    await this.dataSource.query(
      `INSERT INTO subscription_health
         (tenant_id, subscription_id, failures, failing_since, open_until, half_open, updated_at)
       SELECT t, s, f::jsonb, fs, ou, ho, $7
         FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[],
                     $6::boolean[]) AS r(t, s, f, fs, ou, ho)
       ON CONFLICT (tenant_id, subscription_id) DO UPDATE SET
         failures = EXCLUDED.failures, failing_since = EXCLUDED.failing_since,
         open_until = EXCLUDED.open_until, half_open = EXCLUDED.half_open,
         updated_at = EXCLUDED.updated_at`,
      [
        rows.map((r) => r.tenantId),
        rows.map((r) => r.subscriptionId),
        rows.map((r) => JSON.stringify(r.circuit.failures)),
        rows.map((r) => at(r.circuit.failingSince)),
        rows.map((r) => at(r.circuit.openUntil)),
        rows.map((r) => r.circuit.halfOpen),
        now,
      ],
    );
  }
}

/**
 * Forgets a subscription's circuit, inside the transaction that reactivates or deletes it: it
 * starts again closed on every instance, including one that starts later and never saw the
 * reactivation on the changelog.
 */
export async function clearSubscriptionHealth(
  manager: EntityManager,
  tenantId: string,
  subscriptionId: string,
): Promise<void> {
  await manager.query(
    'DELETE FROM subscription_health WHERE tenant_id = $1 AND subscription_id = $2',
    [tenantId, subscriptionId],
  );
}
