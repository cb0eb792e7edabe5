import { DataSource } from 'typeorm';

export interface RememberedResponse {
  requestHash: string;
  response: Record<string, unknown>;
}

/** Answers remembered per (tenant, Idempotency-Key), kept for the retention period. */
export class IdempotencyStore {
  constructor(private readonly dataSource: DataSource) {}

  async find(tenantId: string, key: string): Promise<RememberedResponse | undefined> {
    const rows: { request_hash: string; response: Record<string, unknown> }[] =
      await this.dataSource.query(
        'SELECT request_hash, response FROM idempotency_keys WHERE tenant_id = $1 AND key = $2',
        [tenantId, key],
      );
    return rows[0] ? { requestHash: rows[0].request_hash, response: rows[0].response } : undefined;
  }

  /** Remembers the answer; if another request won the race, returns that one's instead. */
  async remember(
    tenantId: string,
    key: string,
    value: RememberedResponse,
  ): Promise<RememberedResponse> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys (tenant_id, key, request_hash, response) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING key`,
      [tenantId, key, value.requestHash, JSON.stringify(value.response)],
    );
    if (rows.length > 0) return value;
    return (await this.find(tenantId, key)) ?? value;
  }
}
