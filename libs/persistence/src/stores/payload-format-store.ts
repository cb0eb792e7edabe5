import { DataSource, EntityManager } from 'typeorm';
import { Subscription } from '@herald/contracts';
import { PayloadFormatEntity } from '../entities/payload-format.entity';
import { SubscriptionEntity } from '../entities/subscription.entity';
import { toSubscription, toSubscriptionRow } from '../mapping/subscription-row';
import { Keyset, Page } from './cursor';
import { appendSubscriptionChange } from './outbox';
import { retryOnDeadlock } from './deadlock-retry';
import { withSigningKeys } from './signing-key-store';

/** A tenant's payload formats, by name. */
const PAYLOAD_FORMAT_PAGES = new Keyset({ id: 'f.name', direction: 'ASC' });

/** Most named payload formats one tenant may keep. */
export const MAX_PAYLOAD_FORMATS_PER_TENANT = 100;

export interface PayloadFormatInput {
  name: string;
  description: string | null;
  template: string;
}

export class PayloadFormatExistsError extends Error {
  constructor(readonly format: string) {
    super(`payload format ${format} already exists`);
    this.name = 'PayloadFormatExistsError';
  }
}

export class PayloadFormatLimitError extends Error {
  constructor(readonly limit: number) {
    super(`a tenant may keep at most ${limit} payload formats`);
    this.name = 'PayloadFormatLimitError';
  }
}

export class PayloadFormatNotFoundError extends Error {
  constructor(readonly format: string) {
    super(`payload format ${format} was not found`);
    this.name = 'PayloadFormatNotFoundError';
  }
}

export class PayloadFormatInUseError extends Error {
  constructor(
    readonly format: string,
    readonly subscriptions: number,
  ) {
    super(`payload format ${format} is used by ${subscriptions} subscription(s)`);
    this.name = 'PayloadFormatInUseError';
  }
}

const FORMATS_LOCK = 0x5046_4d54;

/**
 * Inside a subscription's transaction: a subscription naming a format gets that format's
 * template, read under a share lock so a concurrent change of the format either comes first
 * (and this copy is the new one) or waits for this transaction (and then republishes it).
 */
export async function resolvePayloadFormat(
  manager: EntityManager,
  subscription: Subscription,
): Promise<Subscription> {
  const name = subscription.payloadFormatName ?? null;
  if (name === null) return { ...subscription, payloadFormatName: null };
  const rows: { template: string }[] = await manager.query(
    'SELECT template FROM payload_formats WHERE tenant_id = $1 AND name = $2 FOR SHARE',
    [subscription.tenantId, name],
  );
  if (rows.length === 0) throw new PayloadFormatNotFoundError(name);
  return {
    ...subscription,
    payloadFormat: 'template',
    payloadTemplate: rows[0].template,
    payloadFormatName: name,
  };
}

/** A tenant's named payload formats, keyed by (tenant, name). */
export class PayloadFormatStore {
  constructor(private readonly dataSource: DataSource) {}

  async create(
    tenantId: string,
    input: PayloadFormatInput,
    now: Date = new Date(),
  ): Promise<PayloadFormatEntity> {
    const rows: unknown[] = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
        FORMATS_LOCK,
        tenantId,
      ]);
      const [{ used }]: { used: number }[] = await manager.query(
        'SELECT count(*)::int AS used FROM payload_formats WHERE tenant_id = $1',
        [tenantId],
      );
      if (used >= MAX_PAYLOAD_FORMATS_PER_TENANT) {
        throw new PayloadFormatLimitError(MAX_PAYLOAD_FORMATS_PER_TENANT);
      }
      return manager.query(
        `INSERT INTO payload_formats (tenant_id, name, description, template, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT DO NOTHING RETURNING name`,
        [tenantId, input.name, input.description, input.template, now],
      );
    });
    if (rows.length === 0) throw new PayloadFormatExistsError(input.name);
    return Object.assign(new PayloadFormatEntity(), {
      tenantId,
      ...input,
      createdAt: now,
      updatedAt: now,
    });
  }

  find(tenantId: string, name: string): Promise<PayloadFormatEntity | null> {
    return this.dataSource.getRepository(PayloadFormatEntity).findOneBy({ tenantId, name });
  }

  /** By name, keyset-paginated. */
  async list(
    tenantId: string,
    query: { cursor?: string; limit: number },
  ): Promise<Page<PayloadFormatEntity>> {
    const qb = this.dataSource
      .getRepository(PayloadFormatEntity)
      .createQueryBuilder('f')
      .where('f.tenant_id = :tenantId', { tenantId });
    return PAYLOAD_FORMAT_PAGES.pageOf(qb, query);
  }

  /** How many of the tenant's subscriptions use the format. */
  async usage(tenantId: string, name: string): Promise<number> {
    const [{ used }]: { used: number }[] = await this.dataSource.query(
      'SELECT count(*)::int AS used FROM subscriptions WHERE tenant_id = $1 AND payload_format_name = $2',
      [tenantId, name],
    );
    return used;
  }

  /**
   * Changes a format and, when its template changed, copies the template into every
   * subscription using it (revision bumped, changelog record in the outbox), in one
   * transaction: the dispatchers then render every one of them with the new template.
   * Null when not found.
   */
  update(
    tenantId: string,
    name: string,
    patch: Partial<Omit<PayloadFormatInput, 'name'>>,
    now: Date = new Date(),
  ): Promise<{ format: PayloadFormatEntity; republished: number } | null> {
    return retryOnDeadlock(() =>
      this.dataSource.transaction(async (manager) => {
        const repo = manager.getRepository(PayloadFormatEntity);
        const current = await repo.findOne({
          where: { tenantId, name },
          lock: { mode: 'pessimistic_write' },
        });
        if (!current) return null;
        const templateChanged = patch.template !== undefined && patch.template !== current.template;
        const next = Object.assign(current, patch, { updatedAt: now });
        await repo.save(next);
        const republished = templateChanged
          ? await republishUsers(manager, tenantId, name, next.template, now)
          : 0;
        return { format: next, republished };
      }),
    );
  }

  /** Deletes an unused format (PayloadFormatInUseError otherwise). False when not found. */
  delete(tenantId: string, name: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const found: unknown[] = await manager.query(
        'SELECT name FROM payload_formats WHERE tenant_id = $1 AND name = $2 FOR UPDATE',
        [tenantId, name],
      );
      if (found.length === 0) return false;
      const [{ used }]: { used: number }[] = await manager.query(
        'SELECT count(*)::int AS used FROM subscriptions WHERE tenant_id = $1 AND payload_format_name = $2',
        [tenantId, name],
      );
      if (used > 0) throw new PayloadFormatInUseError(name, used);
      await manager.query('DELETE FROM payload_formats WHERE tenant_id = $1 AND name = $2', [
        tenantId,
        name,
      ]);
      return true;
    });
  }
}

async function republishUsers(
  manager: EntityManager,
  tenantId: string,
  name: string,
  template: string,
  now: Date,
): Promise<number> {
  const repo = manager.getRepository(SubscriptionEntity);
  const rows = await repo
    .createQueryBuilder('s')
    .where('s.tenant_id = :tenantId AND s.payload_format_name = :name', { tenantId, name })
    .orderBy('s.id', 'ASC')
    .setLock('pessimistic_write')
    .getMany();
  for (const row of rows) {
    const current = toSubscription(row);
    const next: Subscription = {
      ...current,
      payloadFormat: 'template',
      payloadTemplate: template,
      updatedAt: now.toISOString(),
      revision: current.revision + 1,
    };
    const updated = toSubscriptionRow(next);
    updated.canaryNextDueAt = row.canaryNextDueAt;
    await repo.save(updated);
    // The record carries the subscription's sealed key pairs, as every changelog record does.
    await appendSubscriptionChange(manager, {
      tenantId,
      subscriptionId: next.id,
      subscription: await withSigningKeys(manager, next, now),
    });
  }
  return rows.length;
}
