import { DataSource } from 'typeorm';
import { StateActor, Subscription, SubscriptionState } from '@herald/contracts';
import { SubscriptionStore } from './subscription-store';

/**
 * How Herald itself changes a subscription's health state (the dispatcher pauses after too many
 * failures, disables after failing for days; the API reactivates). The change goes through the
 * subscriptions table and the outbox, so the changelog topic stays the single source every
 * instance of every service reads: no service keeps its own idea of a subscription's state.
 */
export class SubscriptionStateStore {
  private readonly subscriptions: SubscriptionStore;

  constructor(dataSource: DataSource) {
    this.subscriptions = new SubscriptionStore(dataSource);
  }

  /**
   * Sets the state (`paused` needs `pausedUntil`). Returns the new subscription, or undefined
   * when it no longer exists. Setting the state it already has with the same reason and pause
   * end is a no-op (no new revision), so several dispatcher instances may report the same thing.
   */
  async setState(
    tenantId: string,
    id: string,
    state: SubscriptionState,
    reason: string | null,
    pausedUntil: Date | null = null,
    now: Date = new Date(),
    actor: StateActor = { kind: 'dispatcher', id: null },
  ): Promise<Subscription | undefined> {
    if (state === 'paused' && pausedUntil === null) {
      throw new Error('pausedUntil is required when pausing a subscription');
    }
    const until = state === 'paused' && pausedUntil ? pausedUntil.toISOString() : null;
    const current = await this.subscriptions.findById(tenantId, id);
    if (!current) return undefined;
    if (
      current.state === state &&
      current.stateReason === reason &&
      current.pausedUntil === until
    ) {
      return current;
    }
    return this.subscriptions.update(
      tenantId,
      id,
      (s) => ({ ...s, state, stateReason: reason, pausedUntil: until }),
      now,
      actor,
    );
  }
}
