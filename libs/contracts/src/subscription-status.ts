import { Subscription } from './subscription';

/** What a subscription is doing, as a tenant reads it: its health state or the tenant's switch. */
export type SubscriptionStatusState = 'active' | 'paused' | 'disabled' | 'inactive';

export interface SubscriptionStatus {
  state: SubscriptionStatusState;
  /**
   * Why, in words: `paused until <time>` (and its cause), `disabled: 410 Gone`,
   * `disabled: failing since <time>`, `deactivated by the tenant`; null when active.
   */
  reason: string | null;
}

/** Who changed a subscription's state: a tenant's API key, the admin, or a dispatcher. */
export type StateActorKind = 'tenant' | 'admin' | 'dispatcher';

export interface StateActor {
  kind: StateActorKind;
  /** The API key id (tenant) or the dispatcher's instance; null when not known. */
  id: string | null;
}

export const DEACTIVATED_BY_TENANT = 'deactivated by the tenant';
/** The cause the dispatcher records when a receiver answers 410 Gone. */
export const GONE_CAUSE = '410 Gone';

/** The cause recorded when a subscription has failed without a success since `since`. */
export function failingSinceCause(since: Date): string {
  return `failing since ${since.toISOString()}`;
}

/**
 * The status of a subscription: the tenant's switch first (an inactive subscription is inactive
 * whatever its health), then the health state Herald set with its recorded cause.
 */
export function subscriptionStatus(
  s: Pick<Subscription, 'active' | 'state' | 'stateReason' | 'pausedUntil'>,
): SubscriptionStatus {
  if (!s.active) return { state: 'inactive', reason: DEACTIVATED_BY_TENANT };
  if (s.state === 'paused') {
    const until = `paused until ${s.pausedUntil ?? 'further notice'}`;
    return { state: 'paused', reason: s.stateReason ? `${until} (${s.stateReason})` : until };
  }
  if (s.state === 'disabled') {
    return { state: 'disabled', reason: `disabled: ${s.stateReason ?? 'by Herald'}` };
  }
  return { state: 'active', reason: null };
}

export function sameStatus(a: SubscriptionStatus, b: SubscriptionStatus): boolean {
  return a.state === b.state && a.reason === b.reason;
}
