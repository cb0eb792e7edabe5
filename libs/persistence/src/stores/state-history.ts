import { randomUUID } from 'crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  StateActor,
  Subscription,
  SubscriptionStatusState,
  TOPICS,
  sameStatus,
  subscriptionStatus,
} from '@herald/contracts';
import {
  STATE_EVENT_SOURCE,
  operationalEvent,
  stateChangeDetails,
  stateChangeEventType,
} from '@herald/delivery';
import { SubscriptionStateChangeEntity } from '../entities/subscription-state-change.entity';
import { Keyset, Page } from './cursor';

/** A subscription's state changes, newest first (ids are a sequence). */
const STATE_CHANGE_PAGES = new Keyset({ id: 'c.id', direction: 'DESC', idPattern: /^\d{1,18}$/ });

export interface StateChange {
  id: string;
  changedAt: string;
  fromState: SubscriptionStatusState | null;
  toState: SubscriptionStatusState;
  reason: string | null;
  changedBy: StateActor;
}

/**
 * Inside the transaction that changes a subscription: when its status (state or reason) changes,
 * appends a history row and, for the transitions that announce one (paused, resumed, disabled,
 * reactivated), the operational event to the outbox, so the event goes out exactly when the
 * change commits, whichever service made it. `previous` null = the subscription is new.
 */
export async function recordStateChange(
  manager: EntityManager,
  previous: Subscription | null,
  next: Subscription,
  actor: StateActor,
  now: Date,
): Promise<void> {
  const to = subscriptionStatus(next);
  const from = previous ? subscriptionStatus(previous) : null;
  if (from && sameStatus(from, to)) return;
  await manager.query(
    `INSERT INTO subscription_state_changes
       (tenant_id, subscription_id, changed_at, from_state, to_state, reason, actor_kind, actor_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [next.tenantId, next.id, now, from?.state ?? null, to.state, to.reason, actor.kind, actor.id],
  );
  const type = from ? stateChangeEventType(from, to) : null;
  if (!from || !type) return;
  const event = {
    ...operationalEvent(
      type,
      next,
      stateChangeDetails(from, to, actor, next.pausedUntil),
      randomUUID(),
      now,
    ),
    source: STATE_EVENT_SOURCE,
  };
  await manager.query(
    `INSERT INTO outbox (topic, message_key, value, tenant_id) VALUES ($1, $2, $3::jsonb, $4)`,
    [TOPICS.eventsOperational, next.tenantId, JSON.stringify(event), next.tenantId],
  );
}

/** A subscription's status history, newest first. */
export class StateHistoryStore {
  constructor(private readonly dataSource: DataSource) {}

  async list(
    tenantId: string,
    subscriptionId: string,
    query: { limit: number; cursor?: string },
  ): Promise<Page<StateChange>> {
    const qb = this.dataSource
      .getRepository(SubscriptionStateChangeEntity)
      .createQueryBuilder('c')
      .where('c.tenant_id = :tenantId AND c.subscription_id = :subscriptionId', {
        tenantId,
        subscriptionId,
      });
    const page = await STATE_CHANGE_PAGES.pageOf(qb, query);
    return { items: page.items.map(toStateChange), nextCursor: page.nextCursor };
  }
}

function toStateChange(row: SubscriptionStateChangeEntity): StateChange {
  return {
    id: row.id,
    changedAt: row.changedAt.toISOString(),
    fromState: row.fromState,
    toState: row.toState,
    reason: row.reason,
    changedBy: { kind: row.actorKind, id: row.actorId },
  };
}

export async function deleteStateHistory(
  manager: EntityManager,
  tenantId: string,
  subscriptionId: string,
): Promise<void> {
  await manager.query(
    `DELETE FROM subscription_state_changes WHERE tenant_id = $1 AND subscription_id = $2`,
    [tenantId, subscriptionId],
  );
}
