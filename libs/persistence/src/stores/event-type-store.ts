import { DataSource } from 'typeorm';
import type { TenantLimits } from '@herald/tenancy';
import { EventTypeEntity, EventTypeVisibility } from '../entities/event-type.entity';
import { PUBLIC_TENANT_ID } from '../entities/event.entity';
import { Keyset, Page } from './cursor';
import { enforceQuota } from './tenant-quota';

/** A tenant's event types, by name. */
const EVENT_TYPE_PAGES = new Keyset({ id: 'e.name', direction: 'ASC' });

export interface EventTypeInput {
  name: string;
  description: string | null;
  code: string | null;
  schema: Record<string, unknown> | null;
  visibility: EventTypeVisibility;
}

export class EventTypeExistsError extends Error {
  constructor(readonly eventType: string) {
    super(`event type ${eventType} already exists`);
    this.name = 'EventTypeExistsError';
  }
}

/**
 * Event types, keyed by (tenant, name). Public (broadcast) types belong to the operator: they are
 * the rows of {@link PUBLIC_TENANT_ID}, written through the admin routes only; a tenant's own
 * rows are never consulted for another tenant's events, whatever their `visibility` says.
 */
export class EventTypeStore {
  constructor(private readonly dataSource: DataSource) {}

  /** With `limits`, refuses (QuotaExceededError) a tenant that has its maxEventTypes. */
  async create(
    tenantId: string,
    input: EventTypeInput,
    now: Date = new Date(),
    limits?: TenantLimits,
  ): Promise<EventTypeEntity> {
    const rows: unknown[] = await this.dataSource.transaction(async (manager) => {
      if (limits) await enforceQuota(manager, tenantId, 'maxEventTypes', limits);
      return manager.query(
        `INSERT INTO event_types (tenant_id, name, description, code, schema, visibility, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT DO NOTHING RETURNING name`,
        [
          tenantId,
          input.name,
          input.description,
          input.code,
          input.schema === null ? null : JSON.stringify(input.schema),
          input.visibility,
          now,
        ],
      );
    });
    if (rows.length === 0) throw new EventTypeExistsError(input.name);
    return Object.assign(new EventTypeEntity(), {
      tenantId,
      ...input,
      createdAt: now,
      updatedAt: now,
    });
  }

  find(tenantId: string, name: string): Promise<EventTypeEntity | null> {
    return this.dataSource.getRepository(EventTypeEntity).findOneBy({ tenantId, name });
  }

  /**
   * The type an event of `name` is checked against: the tenant's own, else the operator's public
   * one. A public event (no tenant) is checked against the operator's public type only.
   */
  async findForEvent(tenantId: string | null, name: string): Promise<EventTypeEntity | null> {
    if (tenantId !== null && tenantId !== PUBLIC_TENANT_ID) {
      const own = await this.find(tenantId, name);
      if (own) return own;
    }
    return this.find(PUBLIC_TENANT_ID, name);
  }

  /** By name, keyset-paginated. */
  async list(
    tenantId: string,
    query: { cursor?: string; limit: number },
  ): Promise<Page<EventTypeEntity>> {
    const qb = this.dataSource
      .getRepository(EventTypeEntity)
      .createQueryBuilder('e')
      .where('e.tenant_id = :tenantId', { tenantId });
    return EVENT_TYPE_PAGES.pageOf(qb, query);
  }

  async update(
    tenantId: string,
    name: string,
    patch: Partial<Omit<EventTypeInput, 'name'>>,
    now: Date = new Date(),
  ): Promise<EventTypeEntity | null> {
    const current = await this.find(tenantId, name);
    if (!current) return null;
    const next = Object.assign(current, patch, { updatedAt: now });
    await this.dataSource.getRepository(EventTypeEntity).save(next);
    return next;
  }

  async delete(tenantId: string, name: string): Promise<boolean> {
    const result = await this.dataSource.getRepository(EventTypeEntity).delete({ tenantId, name });
    return (result.affected ?? 0) > 0;
  }
}
