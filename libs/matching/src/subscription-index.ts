import { EventAction, HeraldEvent, Subscription } from '@herald/contracts';
import { ConditionCache } from './condition-cache';
import { ConditionTester, ConditionView, conditionViewOf } from './condition';
import { EventTypePattern, parseEventTypePattern } from './event-type-pattern';
import { WildcardCatalogue } from './wildcard-catalogue';

/** A subscription's filters, flattened so a candidate is decided from this one object. */
interface Entry {
  subscription: Subscription;
  patterns: readonly EventTypePattern[];
  entityType: string | null;
  entityId: string | null;
  /** null = every action / trigger. */
  actions: readonly EventAction[] | null;
  triggers: readonly string[] | null;
  condition: ConditionTester | null;
  /** The last match call that reached this entry: de-duplicates multi-pattern hits. */
  stamp: number;
}

/** Pattern (an exact type or a wildcard pattern) → the entries that listed it. */
type Buckets = Map<string, Entry[]>;

/**
 * Every subscription in memory, indexed so that matching an event touches only subscriptions
 * whose event-type pattern fits it. Buckets are keyed by (tenant, pattern); the patterns tried
 * for an event are its exact type plus the few distinct wildcard patterns in use that match
 * that type (memoised per type). Public events (tenantId null) use the same buckets over all
 * tenants. Entity, action, trigger and condition filters then run on those candidates only, so
 * the cost grows with the matches, not with the number of subscriptions.
 *
 * `match` returns every matching subscription, deliverable or not: the caller holds the
 * deliveries of inactive, paused and disabled ones instead of dropping them.
 */
export class SubscriptionIndex {
  private readonly byId = new Map<string, Entry>();
  private readonly byTenant = new Map<string, Buckets>();
  /** Every tenant's subscriptions: public events reach all of them. */
  private readonly everyone: Buckets = new Map();
  private readonly wildcards = new WildcardCatalogue();
  private readonly conditions = new ConditionCache();
  private stamp = 0;

  get size(): number {
    return this.byId.size;
  }

  get(subscriptionId: string): Subscription | undefined {
    return this.byId.get(subscriptionId)?.subscription;
  }

  /**
   * Adds or replaces a subscription. Throws `InvalidEventTypePattern` or `InvalidCondition`
   * when it cannot be indexed; the previous version is removed first either way, so a broken
   * update never keeps matching with stale filters.
   */
  upsert(subscription: Subscription): void {
    this.remove(subscription.id);
    const entry: Entry = {
      subscription,
      patterns: [...new Set(subscription.eventTypes)].map(parseEventTypePattern),
      entityType: subscription.entityType,
      entityId: subscription.entityId,
      actions: subscription.actions.length > 0 ? subscription.actions : null,
      triggers: subscription.triggers.length > 0 ? subscription.triggers : null,
      condition:
        subscription.condition === null ? null : this.conditions.acquire(subscription.condition),
      stamp: 0,
    };
    this.byId.set(subscription.id, entry);
    let tenant = this.byTenant.get(subscription.tenantId);
    if (!tenant) this.byTenant.set(subscription.tenantId, (tenant = new Map()));
    for (const pattern of entry.patterns) {
      const key = keyOf(pattern);
      addTo(tenant, key, entry);
      addTo(this.everyone, key, entry);
      if (pattern.kind === 'wildcard') this.wildcards.add(key, pattern.segments);
    }
  }

  /** Removes a subscription; unknown ids are ignored (a tombstone may come twice). */
  remove(subscriptionId: string): boolean {
    const entry = this.byId.get(subscriptionId);
    if (!entry) return false;
    this.byId.delete(subscriptionId);
    if (entry.subscription.condition !== null)
      this.conditions.release(entry.subscription.condition);
    const tenantId = entry.subscription.tenantId;
    const tenant = this.byTenant.get(tenantId);
    for (const pattern of entry.patterns) {
      const key = keyOf(pattern);
      if (tenant) removeFrom(tenant, key, entry);
      removeFrom(this.everyone, key, entry);
      if (pattern.kind === 'wildcard') this.wildcards.remove(key);
    }
    if (tenant?.size === 0) this.byTenant.delete(tenantId);
    return true;
  }

  /** Every subscription the event matches, each once. */
  match(event: HeraldEvent): Subscription[] {
    const buckets = event.tenantId === null ? this.everyone : this.byTenant.get(event.tenantId);
    const matches: Subscription[] = [];
    if (!buckets) return matches;
    const stamp = ++this.stamp;
    const context: MatchContext = { event, stamp, matches, view: undefined };
    const exact = buckets.get(event.type);
    if (exact) collect(exact, context);
    const wildcards = this.wildcards.matching(event.type);
    for (let i = 0; i < wildcards.length; i++) {
      const bucket = buckets.get(wildcards[i]);
      if (bucket) collect(bucket, context);
    }
    return matches;
  }
}

interface MatchContext {
  event: HeraldEvent;
  stamp: number;
  matches: Subscription[];
  view: ConditionView | undefined;
}

function collect(bucket: readonly Entry[], context: MatchContext): void {
  const { event, stamp } = context;
  for (let i = 0; i < bucket.length; i++) {
    const entry = bucket[i];
    if (entry.stamp === stamp) continue;
    entry.stamp = stamp;
    if (entry.entityType !== null && entry.entityType !== event.entityType) continue;
    if (entry.entityId !== null && entry.entityId !== event.entityId) continue;
    if (entry.actions !== null && (event.action === null || !entry.actions.includes(event.action)))
      continue;
    if (
      entry.triggers !== null &&
      (event.trigger === null || !entry.triggers.includes(event.trigger))
    )
      continue;
    if (entry.condition !== null && !entry.condition((context.view ??= conditionViewOf(event))))
      continue;
    context.matches.push(entry.subscription);
  }
}

function keyOf(pattern: EventTypePattern): string {
  return pattern.kind === 'exact' ? pattern.type : pattern.pattern;
}

function addTo(buckets: Buckets, key: string, entry: Entry): void {
  const bucket = buckets.get(key);
  if (bucket) bucket.push(entry);
  else buckets.set(key, [entry]);
}

function removeFrom(buckets: Buckets, key: string, entry: Entry): void {
  const bucket = buckets.get(key);
  if (!bucket) return;
  const at = bucket.indexOf(entry);
  if (at >= 0) bucket.splice(at, 1);
  if (bucket.length === 0) buckets.delete(key);
}
