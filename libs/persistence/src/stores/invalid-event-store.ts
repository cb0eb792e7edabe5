import { DataSource } from 'typeorm';
import { Keyset, KeysetColumns, Page } from './cursor';
import { rowsOf } from './query-rows';

/** A tenant's invalid events, newest first. */
const INVALID_EVENT_PAGES = new Keyset({ time: 'rejected_at', id: 'id', direction: 'DESC' });

/** A rejected event as stored and listed (no payload, no headers). */
export interface InvalidEventRecord {
  tenantId: string;
  id: string;
  eventId: string | null;
  type: string | null;
  source: string | null;
  reason: string;
  detail: string;
  topic: string;
  partition: number;
  offset: string;
  sizeBytes: number;
  rejectedAt: string;
}

interface Row {
  tenant_id: string;
  id: string;
  event_id: string | null;
  type: string | null;
  source: string | null;
  reason: string;
  detail: string;
  topic: string;
  partition: number;
  offset: string;
  size_bytes: number;
  rejected_at: Date;
}

const COLUMNS = [
  'tenant_id',
  'id',
  'event_id',
  'type',
  'source',
  'reason',
  'detail',
  'topic',
  'partition',
  'offset',
  'size_bytes',
  'rejected_at',
] as const;

/** The rejected Kafka events of each tenant (event-ingest writes, the API lists). */
export class InvalidEventStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores each once (a retried batch finds its rows there already), in one statement. */
  async recordMany(records: readonly InvalidEventRecord[]): Promise<void> {
    if (records.length === 0) return;
    const values: unknown[] = [];
    const tuples = records.map((r, i) => {
      values.push(
        r.tenantId,
        r.id,
        r.eventId,
        r.type,
        r.source,
        r.reason,
        r.detail,
        r.topic,
        r.partition,
        r.offset,
        r.sizeBytes,
        r.rejectedAt,
      );
      const base = i * COLUMNS.length;
      return `(${COLUMNS.map((_, j) => `$${base + j + 1}`).join(', ')})`;
    });
    await this.dataSource.query(
      `INSERT INTO invalid_events (${COLUMNS.map((c) => `"${c}"`).join(', ')})
       VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING`,
      values,
    );
  }

  /** Newest first, keyset-paginated on (rejected_at, id); optionally of one reason. */
  async list(
    tenantId: string,
    query: { reason?: string; cursor?: string; limit: number },
  ): Promise<Page<InvalidEventRecord>> {
    const where = ['tenant_id = $1'];
    const values: unknown[] = [tenantId];
    if (query.reason !== undefined) {
      values.push(query.reason);
      where.push(`reason = $${values.length}`);
    }
    const after = INVALID_EVENT_PAGES.after(query.cursor);
    if (after) where.push(INVALID_EVENT_PAGES.where(after, values));
    values.push(query.limit + 1);
    const rows = rowsOf<Row & KeysetColumns>(
      await this.dataSource.query(
        `SELECT *, ${INVALID_EVENT_PAGES.columns()} FROM invalid_events WHERE ${where.join(' AND ')}
          ORDER BY ${INVALID_EVENT_PAGES.orderBy()} LIMIT $${values.length}`,
        values,
      ),
    );
    return INVALID_EVENT_PAGES.page(rows, query.limit, toRecord);
  }
}

function toRecord(row: Row): InvalidEventRecord {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    eventId: row.event_id,
    type: row.type,
    source: row.source,
    reason: row.reason,
    detail: row.detail,
    topic: row.topic,
    partition: row.partition,
    offset: row.offset,
    sizeBytes: row.size_bytes,
    rejectedAt: row.rejected_at.toISOString(),
  };
}
