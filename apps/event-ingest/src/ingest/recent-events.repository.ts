import { DataSource } from 'typeorm';
import { HeraldEvent } from '@herald/contracts';
import { PUBLIC_TENANT_ID } from '@herald/persistence';

/** `tenant\0id`: the de-duplication key of an event (public events use the public tenant id). */
export function dedupKey(event: HeraldEvent): string {
  return `${event.tenantId ?? PUBLIC_TENANT_ID}\u0000${event.id}`;
}

/**
 * Which events were already accepted within the de-duplication window: one query per batch on
 * `event_ids` (the table EventStore.insertMany writes). Lives here because the persistence
 * library's EventStore de-duplicates only while inserting, and event-ingest must know before it
 * forwards (see IngestEvents for why).
 */
export class RecentEventsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async seenSince(events: readonly HeraldEvent[], since: Date): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    const rows: { tenant_id: string; id: string }[] = await this.dataSource.query(
      `SELECT e.tenant_id, e.id
         FROM event_ids e
         JOIN unnest($1::text[], $2::text[]) AS k(tenant_id, id)
           ON e.tenant_id = k.tenant_id AND e.id = k.id
        WHERE e.received_at >= $3`,
      [events.map((e) => e.tenantId ?? PUBLIC_TENANT_ID), events.map((e) => e.id), since],
    );
    return new Set(rows.map((r) => `${r.tenant_id}\u0000${r.id}`));
  }
}
