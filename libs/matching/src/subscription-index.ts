import { EventAction, HeraldEvent, Subscription } from '@herald/contracts';
import { Filters, actionBit, matchCandidates } from './candidate-list';
import { ConditionCache } from './condition/condition-cache';
import { EventTypePattern, isOperationalType, parseEventTypePattern } from './event-type-pattern';
import { PatternBuckets } from './pattern-buckets';
import { NO_AUDIENCE, ResolvedCandidates } from './resolved-candidates';
import { SharedValues } from './shared-values';
import { TenantNumbers } from './tenant-numbers';

/**
 * What the index reads of a subscription: its id, its tenant and its filters. The index keeps
 * the object it is given and hands it back from `match` and `get`, so a caller that needs fewer
 * fields than a whole `Subscription` indexes a smaller object (the matcher does, to hold less).
 */
export type IndexedSubscription = Pick<
  Subscription,
  'id' | 'tenantId' | 'entityType' | 'entityId' | 'condition'
> & {
  readonly eventTypes: readonly string[];
  readonly actions: readonly EventAction[];
  readonly triggers: readonly string[];
};

interface Entry<S> extends Filters<S> {
  patterns: readonly EventTypePattern[];
}

type Audience<S> = PatternBuckets<Entry<S>>;

/**
 * Every subscription in memory, indexed so that matching an event touches only subscriptions
 * whose event-type pattern fits it. Each tenant's subscriptions are filed by pattern, and the
 * candidates for an event type (exact bucket plus the wildcard buckets that fit) are resolved
 * once per tenant and type into one flat table (`ResolvedCandidates`), so an event costs one
 * tenant lookup, one type lookup and one table slot. Public events (tenantId null) use the same
 * filing over all tenants. Entity, action, trigger and condition filters then run on those
 * candidates only, so the cost grows with the matches, not with the number of subscriptions.
 *
 * `match` returns every matching subscription, deliverable or not: the caller holds the
 * deliveries of inactive, paused and disabled ones instead of dropping them.
 */
export class SubscriptionIndex<S extends IndexedSubscription = Subscription> {
  private readonly byId = new Map<string, Entry<S>>();
  private readonly byTenant = new Map<string, Audience<S>>();
  /** Every tenant's subscriptions: public events reach all of them. */
  private readonly everyone: Audience<S> = new PatternBuckets<Entry<S>>();
  private readonly resolved = new ResolvedCandidates();
  /**
   * Each tenant's audience number in `resolved`, renewed on every change to its subscriptions
   * (which is what forgets its resolved lists). Found by the characters of the event's tenant id,
   * which is a new string for every decoded event (see `TenantNumbers`).
   */
  private readonly tenantNumbers = new TenantNumbers();
  /** The audience number of public events, renewed on every change to any subscription. */
  private everyoneNumber = this.resolved.newNumber();
  private readonly conditions = new ConditionCache();
  private readonly strings = new SharedValues<string>();
  private readonly triggerLists = new SharedValues<readonly string[]>();
  /** Each batch event's audience number, type number and candidate range, reused by each batch. */
  private audiences = new Int32Array(0);
  private types = new Int32Array(0);
  private starts = new Int32Array(0);
  private ends = new Int32Array(0);

  get size(): number {
    return this.byId.size;
  }

  get(subscriptionId: string): S | undefined {
    return this.byId.get(subscriptionId)?.subscription;
  }

  /**
   * Adds or replaces a subscription. Throws `InvalidEventTypePattern` or `InvalidCondition`
   * when it cannot be indexed; the previous version is removed first either way, so a broken
   * update never keeps matching with stale filters.
   */
  upsert(subscription: S): void {
    // remove() renumbers the tenant: if parsing below throws, no resolved list keeps the old
    // version (the renumbering at the end then covers the new one).
    this.remove(subscription.id);
    const entry: Entry<S> = {
      subscription,
      patterns: [...new Set(subscription.eventTypes)].map(parseEventTypePattern),
      entityType: this.acquireString(subscription.entityType),
      entityId: this.acquireString(subscription.entityId),
      actions: subscription.actions.reduce((bits, action) => bits | actionBit(action), 0),
      triggers:
        subscription.triggers.length === 0
          ? null
          : this.triggerLists.acquire(JSON.stringify(subscription.triggers), () => [
              ...subscription.triggers,
            ]),
      condition:
        subscription.condition === null ? null : this.conditions.acquire(subscription.condition),
    };
    this.byId.set(subscription.id, entry);
    let tenant = this.byTenant.get(subscription.tenantId);
    if (!tenant)
      this.byTenant.set(subscription.tenantId, (tenant = new PatternBuckets<Entry<S>>()));
    for (const pattern of entry.patterns) {
      tenant.add(pattern, entry);
      this.everyone.add(pattern, entry);
    }
    this.renumber(subscription.tenantId, true);
  }

  /** Removes a subscription; unknown ids are ignored (a tombstone may come twice). */
  remove(subscriptionId: string): boolean {
    const entry = this.byId.get(subscriptionId);
    if (!entry) return false;
    this.byId.delete(subscriptionId);
    const { condition, entityType, entityId, triggers } = entry.subscription;
    if (condition !== null) this.conditions.release(condition);
    if (entityType !== null) this.strings.release(entityType);
    if (entityId !== null) this.strings.release(entityId);
    if (triggers.length > 0) this.triggerLists.release(JSON.stringify(triggers));
    const tenantId = entry.subscription.tenantId;
    const tenant = this.byTenant.get(tenantId);
    for (const pattern of entry.patterns) {
      tenant?.remove(pattern, entry);
      this.everyone.remove(pattern, entry);
    }
    const tenantRemains = tenant !== undefined && !tenant.isEmpty;
    if (!tenantRemains) this.byTenant.delete(tenantId);
    this.renumber(tenantId, tenantRemains);
    return true;
  }

  /** Every subscription the event matches, each once. */
  match(event: HeraldEvent): S[] {
    return this.matchMany([event])[0];
  }

  /**
   * `match` for each event of a batch, worked in stages: every event's tenant number, then every
   * event's type number, then every event's candidate range, then their filters. The lookups
   * within a stage do not depend on one another, so the CPU overlaps their cache misses instead
   * of waiting for them one event at a time.
   */
  matchMany(events: readonly HeraldEvent[]): S[][] {
    // Compaction moves ranges, so it happens here, never while a batch holds some.
    this.resolved.tidy();
    const count = events.length;
    if (this.starts.length < count) {
      this.audiences = new Int32Array(count);
      this.types = new Int32Array(count);
      this.starts = new Int32Array(count);
      this.ends = new Int32Array(count);
    }
    const { audiences, types, starts, ends, resolved } = this;
    for (let i = 0; i < count; i++) {
      const tenantId = events[i].tenantId;
      audiences[i] = tenantId === null ? this.everyoneNumber : this.tenantNumbers.get(tenantId);
    }
    for (let i = 0; i < count; i++)
      types[i] = audiences[i] === NO_AUDIENCE ? 0 : resolved.typeNumber(events[i].type);
    for (let i = 0; i < count; i++) {
      const audience = audiences[i];
      if (audience === NO_AUDIENCE) {
        starts[i] = ends[i] = 0;
        continue;
      }
      let slot = resolved.find(audience, types[i]);
      if (slot < 0) slot = resolved.store(audience, types[i], this.resolve(events[i]));
      starts[i] = resolved.start(slot);
      ends[i] = resolved.end(slot);
    }
    const pool = resolved.candidates;
    const matches: S[][] = new Array(count);
    for (let i = 0; i < count; i++) {
      matches[i] = matchCandidates<S>(pool, starts[i], ends[i], events[i]);
      if (isOperationalType(events[i].type)) matches[i] = notAboutItself(events[i], matches[i]);
    }
    return matches;
  }

  /**
   * The event's candidates, gathered from its audience's patterns (when `resolved` lacks them).
   * An operational event is always about one tenant's subscription: without a tenant it reaches
   * nobody, rather than every tenant's `herald.*` subscriptions.
   */
  private resolve(event: HeraldEvent): readonly Entry<S>[] {
    if (event.tenantId === null && isOperationalType(event.type)) return [];
    const audience = event.tenantId === null ? this.everyone : this.byTenant.get(event.tenantId)!;
    return audience.resolve(event.type);
  }

  /** Forgets a tenant's resolved lists (and the public ones) after its subscriptions change. */
  private renumber(tenantId: string, tenantRemains: boolean): void {
    const old = this.tenantNumbers.get(tenantId);
    if (old !== NO_AUDIENCE) this.resolved.retire(old);
    if (tenantRemains) this.tenantNumbers.set(tenantId, this.resolved.newNumber());
    else this.tenantNumbers.delete(tenantId);
    this.resolved.retire(this.everyoneNumber);
    this.everyoneNumber = this.resolved.newNumber();
  }

  /** The one shared copy of a filter string (null stays null). */
  private acquireString(value: string | null): string | null {
    return value === null ? null : this.strings.acquire(value, () => value);
  }
}

/**
 * An operational event about subscription S never goes to S itself: a failing `herald.*`
 * subscription is not fed the news of its own pause, so its state changes cannot feed on
 * themselves (each reaches the tenant's other `herald.*` subscriptions once, when it commits).
 */
function notAboutItself<S extends { id: string }>(event: HeraldEvent, matches: S[]): S[] {
  if (event.entityType !== 'subscription' || event.entityId === null) return matches;
  return matches.filter((s) => s.id !== event.entityId);
}
