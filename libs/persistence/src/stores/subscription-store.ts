import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Pool } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { SigningKeyType, StateActor, Subscription, signingKeyTypesOf } from '@herald/contracts';
import type { TenantLimits } from '@herald/tenancy';
import { SubscriptionEntity } from '../entities/subscription.entity';
import { toSubscription, toSubscriptionRow } from '../mapping/subscription-row';
import { appendSubscriptionChange } from './outbox';
import { Keyset, Page } from './cursor';
import { enforceQuota } from './tenant-quota';
import { deleteStateHistory, recordStateChange } from './state-history';
import { clearSubscriptionHealth } from './subscription-health-store';
import { rowsOf } from './query-rows';
import { resolvePayloadFormat } from './payload-format-store';
import { retryOnDeadlock } from './deadlock-retry';
import {
  NewSigningKey,
  SigningKeyMaker,
  TENANT_SCOPE,
  insertKeyIfAbsent,
  withSigningKeys,
} from './signing-key-store';

/** A tenant's subscriptions, oldest first (ids are time-ordered). */
const SUBSCRIPTION_PAGES = new Keyset({ id: 's.id', direction: 'ASC' });

/** Who changes a subscription when the caller does not say: its tenant. */
const TENANT: StateActor = { kind: 'tenant', id: null };

export interface SubscriptionQuery {
  /** Only these subscriptions (a limited portal session). */
  ids?: readonly string[];
  eventType?: string;
  active?: boolean;
  state?: Subscription['state'];
  cursor?: string;
  limit: number;
}

/** A key rotation: what became current, and which subscriptions were re-published. */
export interface SigningKeyRotation {
  kid: string;
  /** The previous current key, signing too until `previousExpiresAt`; null when none. */
  previousKid: string | null;
  previousExpiresAt: string | null;
  republished: string[];
}

/**
 * Subscriptions, scoped by tenant. Every change bumps `revision` and writes the changelog
 * record to the outbox in the same transaction, so the changelog topic never misses one; the
 * record carries the sealed key pairs of the subscription's key scope (`signing_keys`), made
 * with `makeKey` when the scope lacks a kind the subscription signs with.
 */
export class SubscriptionStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly makeKey?: SigningKeyMaker,
  ) {}

  /**
   * With `limits`, refuses (QuotaExceededError) a tenant that has its maxSubscriptions. A
   * subscription naming a payload format gets its template (PayloadFormatNotFoundError if none).
   */
  async create(
    draft: Subscription,
    now: Date = new Date(),
    limits?: TenantLimits,
    actor: StateActor = TENANT,
  ): Promise<Subscription> {
    return this.dataSource.transaction(async (manager) => {
      if (limits) await enforceQuota(manager, draft.tenantId, 'maxSubscriptions', limits);
      const subscription = await resolvePayloadFormat(manager, draft);
      const row = toSubscriptionRow(subscription);
      row.canaryNextDueAt = nextCanaryDue(subscription, null, now);
      await manager.getRepository(SubscriptionEntity).insert(insertable(row));
      const published = await withSigningKeys(manager, subscription, now, this.makeKey);
      await appendSubscriptionChange(manager, {
        tenantId: subscription.tenantId,
        subscriptionId: subscription.id,
        subscription: published,
      });
      await recordStateChange(manager, null, subscription, actor, now);
      return published;
    });
  }

  /**
   * The hot read path (GET /v1/subscriptions/{id}): a named prepared statement straight on the
   * driver's pg pool (parsed and planned once per connection), no query builder.
   */
  async findById(tenantId: string, id: string): Promise<Subscription | undefined> {
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    const { rows } = await pool.query<Record<string, unknown>>({
      name: 'herald_subscription_by_id',
      text: 'SELECT * FROM subscriptions WHERE tenant_id = $1 AND id = $2',
      values: [tenantId, id],
    });
    return rows[0] ? toSubscription(this.fromColumns(rows[0])) : undefined;
  }

  private columnMap: [string, string][] | undefined;

  /** A raw row (column names) as the entity (property names), using TypeORM's metadata. */
  private fromColumns(raw: Record<string, unknown>): SubscriptionEntity {
    this.columnMap ??= this.dataSource
      .getMetadata(SubscriptionEntity)
      .columns.map((c) => [c.databaseName, c.propertyName]);
    const row = new SubscriptionEntity() as unknown as Record<string, unknown>;
    for (const [column, property] of this.columnMap) row[property] = raw[column];
    return row as unknown as SubscriptionEntity;
  }

  /** Oldest first (ids are time-ordered), keyset-paginated on id. */
  async list(tenantId: string, query: SubscriptionQuery): Promise<Page<Subscription>> {
    const qb = this.dataSource
      .getRepository(SubscriptionEntity)
      .createQueryBuilder('s')
      .where('s.tenant_id = :tenantId', { tenantId });
    if (query.ids) qb.andWhere('s.id = ANY(:ids)', { ids: [...query.ids] });
    if (query.eventType) qb.andWhere(':t = ANY(s.event_types)', { t: query.eventType });
    if (query.active !== undefined) qb.andWhere('s.active = :active', { active: query.active });
    if (query.state) qb.andWhere('s.state = :state', { state: query.state });
    const page = await SUBSCRIPTION_PAGES.pageOf(qb, query);
    return { items: page.items.map(toSubscription), nextCursor: page.nextCursor };
  }

  /**
   * Applies `change` to the current subscription under a row lock, bumps the revision and
   * writes the outbox record. `change` may throw to abort. Undefined when not found. A change of
   * status is recorded in the state history as made by `actor`. A named payload format's
   * template is (re)read here (PayloadFormatNotFoundError if it is gone).
   */
  async update(
    tenantId: string,
    id: string,
    change: (current: Subscription) => Subscription,
    now: Date = new Date(),
    actor: StateActor = TENANT,
  ): Promise<Subscription | undefined> {
    // A format change locks its subscriptions while this reads its format: one may deadlock.
    return retryOnDeadlock(() =>
      this.dataSource.transaction((manager) =>
        this.updateIn(manager, tenantId, id, change, now, actor),
      ),
    );
  }

  private async updateIn(
    manager: EntityManager,
    tenantId: string,
    id: string,
    change: (current: Subscription) => Subscription,
    now: Date,
    actor: StateActor,
  ): Promise<Subscription | undefined> {
    const repo = manager.getRepository(SubscriptionEntity);
    const currentRow = await repo.findOne({
      where: { tenantId, id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!currentRow) return undefined;
    const current = toSubscription(currentRow);
    const next: Subscription = {
      ...(await resolvePayloadFormat(manager, change(current))),
      id: current.id,
      tenantId: current.tenantId,
      createdAt: current.createdAt,
      updatedAt: now.toISOString(),
      revision: current.revision + 1,
    };
    const row = toSubscriptionRow(next);
    row.canaryNextDueAt = nextCanaryDue(next, current, now, currentRow.canaryNextDueAt);
    await repo.save(row);
    const published = await withSigningKeys(manager, next, now, this.makeKey);
    await appendSubscriptionChange(manager, {
      tenantId,
      subscriptionId: id,
      subscription: published,
    });
    await recordStateChange(manager, current, next, actor, now);
    // Reactivated (by its tenant, the admin, or a successful probe): its circuit starts closed.
    if (current.state !== 'active' && next.state === 'active')
      await clearSubscriptionHealth(manager, tenantId, id);
    return published;
  }

  /**
   * Rotates the current key of a kind of one scope (`subscriptionId`, or null for the tenant's
   * keys): `fresh` becomes current, the previous current key signs too until `now + overlapMs`,
   * keys past their overlap are dropped. Every subscription signing with that scope and kind is
   * re-published in the same transaction, so the dispatcher signs with both keys at once.
   */
  async rotateSigningKey(input: {
    tenantId: string;
    subscriptionId: string | null;
    type: SigningKeyType;
    fresh: NewSigningKey;
    overlapMs: number;
    now: Date;
  }): Promise<SigningKeyRotation> {
    const { tenantId, type, fresh, now } = input;
    const scope = input.subscriptionId ?? TENANT_SCOPE;
    const expiresAt = new Date(now.getTime() + input.overlapMs);
    return this.dataSource.transaction(async (manager) => {
      // One rotation of a scope and kind at a time (the first key has no row to lock yet).
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `signing_keys:${tenantId}:${scope}:${type}`,
      ]);
      // Keys still in the overlap of an earlier rotation stop now: at most two of a kind sign
      // (each is a signature on every request; RSA costs about a millisecond of CPU each).
      await manager.query(
        `DELETE FROM signing_keys
          WHERE tenant_id = $1 AND subscription_id = $2 AND type = $3 AND expires_at IS NOT NULL`,
        [tenantId, scope, type],
      );
      const previous = rowsOf<{ kid: string }>(
        await manager.query(
          `UPDATE signing_keys SET expires_at = $4
            WHERE tenant_id = $1 AND subscription_id = $2 AND type = $3 AND expires_at IS NULL
            RETURNING kid`,
          [tenantId, scope, type, expiresAt],
        ),
      );
      await insertKeyIfAbsent(manager, tenantId, scope, fresh, now);
      const republished = await this.republishScope(manager, tenantId, scope, [type], now);
      return {
        kid: fresh.kid,
        previousKid: previous[0]?.kid ?? null,
        previousExpiresAt: previous[0] ? expiresAt.toISOString() : null,
        republished,
      };
    });
  }

  /**
   * Reseals the private keys of one key scope (`reseal` returns the value sealed with the
   * current key, or the same value when it already is), under the scope's rotation locks, and
   * re-publishes every subscription signing with a changed kind, so the changelog carries the
   * resealed keys. Returns how many keys changed and which subscriptions were re-published.
   */
  async resealSigningKeys(
    tenantId: string,
    scope: string,
    reseal: (sealed: string) => string,
    now: Date = new Date(),
  ): Promise<{ keys: number; republished: string[] }> {
    return this.dataSource.transaction(async (manager) => {
      for (const type of ['ed25519', 'ecdsa-p256', 'rsa'] as const) {
        await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
          `signing_keys:${tenantId}:${scope}:${type}`,
        ]);
      }
      const rows = rowsOf<{ kid: string; type: SigningKeyType; sealed_private_key: string }>(
        await manager.query(
          `SELECT kid, type, sealed_private_key FROM signing_keys
            WHERE tenant_id = $1 AND subscription_id = $2 ORDER BY kid FOR UPDATE`,
          [tenantId, scope],
        ),
      );
      const changed = new Set<SigningKeyType>();
      for (const row of rows) {
        const sealed = reseal(row.sealed_private_key);
        if (sealed === row.sealed_private_key) continue;
        await manager.query(
          'UPDATE signing_keys SET sealed_private_key = $3 WHERE tenant_id = $1 AND kid = $2',
          [tenantId, row.kid, sealed],
        );
        changed.add(row.type);
      }
      const republished =
        changed.size === 0
          ? []
          : await this.republishScope(manager, tenantId, scope, [...changed], now);
      return { keys: rows.filter((r) => changed.has(r.type)).length, republished };
    });
  }

  /** Re-publishes (a new revision, the outbox) the subscriptions signing with `types` of a scope. */
  private async republishScope(
    manager: EntityManager,
    tenantId: string,
    scope: string,
    types: readonly SigningKeyType[],
    now: Date,
  ): Promise<string[]> {
    const candidates = rowsOf<{
      id: string;
      signing_options: Subscription['signing']['options'];
    }>(
      scope === TENANT_SCOPE
        ? await manager.query(
            `SELECT id, signing_options FROM subscriptions
              WHERE tenant_id = $1 AND signing_options->>'keyScope' = 'tenant' ORDER BY id`,
            [tenantId],
          )
        : await manager.query(
            `SELECT id, signing_options FROM subscriptions
              WHERE tenant_id = $1 AND id = $2 AND signing_options->>'keyScope' = 'subscription'`,
            [tenantId, scope],
          ),
    );
    const republished: string[] = [];
    for (const c of candidates) {
      if (!c.signing_options) continue;
      const kinds = signingKeyTypesOf(c.signing_options);
      if (!types.some((t) => kinds.includes(t))) continue;
      const again = await this.updateIn(manager, tenantId, c.id, (s) => s, now, TENANT);
      if (again) republished.push(c.id);
    }
    return republished;
  }

  /** Deletes and writes a tombstone. False when not found. */
  async delete(tenantId: string, id: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => deleteIn(manager, tenantId, id));
  }

  async countByTenant(tenantId: string): Promise<number> {
    return this.dataSource.getRepository(SubscriptionEntity).countBy({ tenantId });
  }
}

async function deleteIn(manager: EntityManager, tenantId: string, id: string): Promise<boolean> {
  const result = await manager.getRepository(SubscriptionEntity).delete({ tenantId, id });
  if (!result.affected) return false;
  await deleteStateHistory(manager, tenantId, id);
  await clearSubscriptionHealth(manager, tenantId, id);
  // Its own key pairs go with it (and out of its JWKS document).
  await manager.query('DELETE FROM signing_keys WHERE tenant_id = $1 AND subscription_id = $2', [
    tenantId,
    id,
  ]);
  await appendSubscriptionChange(manager, { tenantId, subscriptionId: id, subscription: null });
  return true;
}

/** When the next canary is due: kept while the interval is unchanged, null when disabled. */
function nextCanaryDue(
  next: Subscription,
  previous: Subscription | null,
  now: Date,
  previousDue: Date | null = null,
): Date | null {
  if (!next.canary.enabled) return null;
  if (
    previous &&
    previous.canary.enabled &&
    previous.canary.intervalMs === next.canary.intervalMs &&
    previousDue
  ) {
    return previousDue;
  }
  return new Date(now.getTime() + next.canary.intervalMs);
}

/**
 * TypeORM's insert type maps every column through a deep partial, which `Record<string,
 * unknown>` (the condition's jsonb) does not fit; the row itself is whole.
 */
function insertable(row: SubscriptionEntity): QueryDeepPartialEntity<SubscriptionEntity> {
  return row as QueryDeepPartialEntity<SubscriptionEntity>;
}
