import { randomBytes } from 'crypto';
import { DataSource } from 'typeorm';
import { TenantEntity } from '../entities/tenant.entity';
import { Page, decodeCursor, encodeCursor } from './cursor';

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
  }): Promise<TenantEntity> {
    const row = new TenantEntity();
    row.id = input.id ?? `ten_${randomBytes(8).toString('hex')}`;
    row.name = input.name;
    row.metadata = input.metadata ?? {};
    row.createdAt = new Date();
    const inserted: { id: string }[] = await this.dataSource.query(
      `INSERT INTO tenants (id, name, metadata, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [row.id, row.name, JSON.stringify(row.metadata), row.createdAt],
    );
    if (inserted.length === 0) throw new TenantExistsError(row.id);
    return row;
  }

  findById(id: string): Promise<TenantEntity | null> {
    return this.dataSource.getRepository(TenantEntity).findOneBy({ id });
  }

  /** Oldest first, keyset-paginated on (created_at, id). */
  async list(query: { cursor?: string; limit: number }): Promise<Page<TenantEntity>> {
    const qb = this.dataSource.getRepository(TenantEntity).createQueryBuilder('t');
    if (query.cursor) {
      const after = decodeCursor(query.cursor);
      qb.where('(t.created_at, t.id) > (:at, :id)', { at: new Date(after.at), id: after.id });
    }
    const rows = await qb
      .orderBy('t.created_at', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .take(query.limit + 1)
      .getMany();
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor({ at: last.createdAt.toISOString(), id: last.id })
          : null,
    };
  }
}
