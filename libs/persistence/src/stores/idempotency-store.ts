import { DataSource } from 'typeorm';
import { rowsOf } from './query-rows';

export interface RememberedResponse {
  requestHash: string;
  response: Record<string, unknown>;
}

/** What claiming a key found: it is ours now, answered already, or held by a request running. */
export type IdempotencyClaim =
  | { kind: 'claimed' }
  | { kind: 'done'; remembered: RememberedResponse }
  | { kind: 'pending'; requestHash: string };

/**
 * Answers remembered per (tenant, Idempotency-Key), kept for the retention period. A key is
 * claimed (a row without a response) before the request does anything, by an INSERT only one
 * request can win, then completed with the answer, or released if the request failed.
 */
export class IdempotencyStore {
  constructor(private readonly dataSource: DataSource) {}

  async find(tenantId: string, key: string): Promise<RememberedResponse | undefined> {
    const rows: { request_hash: string; response: Record<string, unknown> | null }[] =
      await this.dataSource.query(
        'SELECT request_hash, response FROM idempotency_keys WHERE tenant_id = $1 AND key = $2',
        [tenantId, key],
      );
    const row = rows[0];
    return row?.response ? { requestHash: row.request_hash, response: row.response } : undefined;
  }

  /**
   * Claims the key for a request with body hash `requestHash`. A claim left unanswered for
   * `staleAfterMs` (its request crashed) is taken over.
   */
  async claim(
    tenantId: string,
    key: string,
    requestHash: string,
    staleAfterMs: number,
  ): Promise<IdempotencyClaim> {
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys (tenant_id, key, request_hash, response, created_at)
       VALUES ($1, $2, $3, NULL, now()) ON CONFLICT DO NOTHING RETURNING key`,
      [tenantId, key, requestHash],
    );
    if (inserted.length > 0) return { kind: 'claimed' };
    const taken = rowsOf<unknown>(
      await this.dataSource.query(
        `UPDATE idempotency_keys SET request_hash = $3, created_at = now()
          WHERE tenant_id = $1 AND key = $2 AND response IS NULL
            AND created_at < now() - make_interval(secs => $4::double precision / 1000)
          RETURNING key`,
        [tenantId, key, requestHash, staleAfterMs],
      ),
    );
    if (taken.length > 0) return { kind: 'claimed' };
    const rows: { request_hash: string; response: Record<string, unknown> | null }[] =
      await this.dataSource.query(
        'SELECT request_hash, response FROM idempotency_keys WHERE tenant_id = $1 AND key = $2',
        [tenantId, key],
      );
    const row = rows[0];
    if (!row) return this.claim(tenantId, key, requestHash, staleAfterMs); // released meanwhile
    return row.response
      ? { kind: 'done', remembered: { requestHash: row.request_hash, response: row.response } }
      : { kind: 'pending', requestHash: row.request_hash };
  }

  /** Stores the claimed key's answer: later requests with the key get it. */
  async complete(tenantId: string, key: string, response: Record<string, unknown>): Promise<void> {
    await this.dataSource.query(
      'UPDATE idempotency_keys SET response = $3 WHERE tenant_id = $1 AND key = $2',
      [tenantId, key, JSON.stringify(response)],
    );
  }

  /** Gives up an unanswered claim (the request failed): the next request may try again. */
  async release(tenantId: string, key: string): Promise<void> {
    await this.dataSource.query(
      'DELETE FROM idempotency_keys WHERE tenant_id = $1 AND key = $2 AND response IS NULL',
      [tenantId, key],
    );
  }
}
