import { randomBytes } from 'crypto';
import { DataSource } from 'typeorm';
import type { TenantLimitOverrides } from '@herald/tenancy';
import { TenantEntity } from '../entities/tenant.entity';
import { Keyset, Page } from './cursor';

/** Tenants, oldest first. */
const TENANT_PAGES = new Keyset({ time: 't.created_at', id: 't.id', direction: 'ASC' });

export class TenantExistsError extends Error {
  constructor(readonly tenantId: string) {
    super(`tenant ${tenantId} already exists`);
    this.name = 'TenantExistsError';
  }
}

/** Tenants (managed with the admin token). */
export class TenantStore {
  constructor(private readonly dataSource: DataSource) {}

  async create(input: {
    id?: string;
    name: string;
    metadata?: Record<string, string>;
    limits?: TenantLimitOverrides;
    requireHttps?: boolean;
  }): Promise<TenantEntity> {
    const row = new TenantEntity();
    row.id = input.id ?? `ten_${randomBytes(8).toString('hex')}`;
    row.name = input.name;
    row.metadata = input.metadata ?? {};
    row.limits = input.limits ?? {};
    row.requireHttps = input.requireHttps ?? false;
    row.createdAt = new Date();
    const inserted: { id: string }[] = await this.dataSource.query(
      `INSERT INTO tenants (id, name, metadata, limits, require_https, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        row.id,
        row.name,
        JSON.stringify(row.metadata),
        JSON.stringify(row.limits),
        row.requireHttps,
        row.createdAt,
      ],
    );
    if (inserted.length === 0) throw new TenantExistsError(row.id);
    return row;
  }

  findById(id: string): Promise<TenantEntity | null> {
    return this.dataSource.getRepository(TenantEntity).findOneBy({ id });
  }

  /**
   * Changes a tenant's name, metadata or limit overrides. `limits` is merged: a limit given as
   * null goes back to the configured default. Null when there is no such tenant.
   */
  async update(
    id: string,
    patch: {
      name?: string;
      metadata?: Record<string, string>;
      limits?: { [K in keyof TenantLimitOverrides]?: number | null };
      requireHttps?: boolean;
      strictEventTypes?: boolean;
    },
  ): Promise<TenantEntity | null> {
    const limits = patch.limits ?? {};
    const set = Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== null));
    const unset = Object.keys(limits).filter(
      (name) => limits[name as keyof typeof limits] === null,
    );
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `UPDATE tenants SET name = COALESCE($2, name), metadata = COALESCE($3::jsonb, metadata),
         limits = (limits - $5::text[]) || $4::jsonb,
         require_https = COALESCE($6, require_https),
         strict_event_types = COALESCE($7, strict_event_types)
       WHERE id = $1 RETURNING id`,
      [
        id,
        patch.name ?? null,
        patch.metadata === undefined ? null : JSON.stringify(patch.metadata),
        JSON.stringify(set),
        unset,
        patch.requireHttps ?? null,
        patch.strictEventTypes ?? null,
      ],
    );
    return rows.length === 0 ? null : this.findById(id);
  }

  /** The tenant's event catalogue settings; null for no such tenant. */
  async catalogueOf(id: string): Promise<{ strict: boolean } | null> {
    const rows: { strict_event_types: boolean }[] = await this.dataSource.query(
      `SELECT strict_event_types FROM tenants WHERE id = $1`,
      [id],
    );
    return rows[0] ? { strict: rows[0].strict_event_types } : null;
  }

  /** Whether the tenant's callback and token URLs must use https (false for no such tenant). */
  async requiresHttps(id: string): Promise<boolean> {
    const rows: { require_https: boolean }[] = await this.dataSource.query(
      `SELECT require_https FROM tenants WHERE id = $1`,
      [id],
    );
    return rows[0]?.require_https ?? false;
  }

  /** Ids of up to `limit` of the tenant's subscriptions whose callback or token URL is http://. */
  async plainHttpSubscriptions(id: string, limit = 10): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM subscriptions WHERE tenant_id = $1
          AND (lower(url) LIKE 'http:%' OR lower(delivery_credential->>'tokenUrl') LIKE 'http:%')
        ORDER BY id LIMIT $2`,
      [id, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Every tenant with at least one limit override (the rest use the defaults). */
  async limitOverrides(): Promise<Map<string, TenantLimitOverrides>> {
    const rows: { id: string; limits: TenantLimitOverrides }[] = await this.dataSource.query(
      `SELECT id, limits FROM tenants WHERE limits <> '{}'::jsonb`,
    );
    return new Map(rows.map((r) => [r.id, r.limits]));
  }

  /** Oldest first, keyset-paginated on (created_at, id). */
  async list(query: { cursor?: string; limit: number }): Promise<Page<TenantEntity>> {
    return TENANT_PAGES.pageOf(
      this.dataSource.getRepository(TenantEntity).createQueryBuilder('t'),
      query,
    );
  }
}
