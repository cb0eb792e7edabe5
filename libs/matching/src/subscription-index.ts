import { Subscription, HeraldEvent } from '@herald/contracts';
import {
  CandidateList,
  Filters,
  actionBit,
  matchCandidates,
  packCandidates,
} from './candidate-list';
import { CanonicalStrings } from './canonical-strings';
import { ConditionCache } from './condition-cache';
import { EventTypePattern, parseEventTypePattern } from './event-type-pattern';
import { PatternBuckets } from './pattern-buckets';
import { SharedValues } from './shared-values';

interface Entry extends Filters {
  patterns: readonly EventTypePattern[];
}

type Audience = PatternBuckets<Entry, CandidateList>;

/**
 * Every subscription in memory, indexed so that matching an event touches only subscriptions
 * whose event-type pattern fits it. Each tenant's subscriptions are filed by pattern, and the
 * candidates for an event type (exact bucket plus the wildcard buckets that fit) are resolved
 * once per tenant and type, so an event costs one tenant lookup and one type lookup. Public
 * events (tenantId null) use the same filing over all tenants. Entity, action, trigger and
 * condition filters then run on those candidates only, so the cost grows with the matches, not
 * with the number of subscriptions.
 *
 * `match` returns every matching subscription, deliverable or not: the caller holds the
 * deliveries of inactive, paused and disabled ones instead of dropping them.
 */
export class SubscriptionIndex {
  private readonly byId = new Map<string, Entry>();
  private readonly byTenant = new Map<string, Audience>();
  /** Every tenant's subscriptions: public events reach all of them. */
  private readonly everyone: Audience = new PatternBuckets<Entry, CandidateList>(packCandidates);
  private readonly conditions = new ConditionCache();
  private readonly strings = new SharedValues<string>();
  private readonly triggerLists = new SharedValues<readonly string[]>();
  /** Event types, so each audience's resolved lists are looked up with their own key. */
  private readonly eventTypes = new CanonicalStrings();

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
      this.byTenant.set(
        subscription.tenantId,
        (tenant = new PatternBuckets<Entry, CandidateList>(packCandidates)),
      );
    for (const pattern of entry.patterns) {
      tenant.add(pattern, entry);
      this.everyone.add(pattern, entry);
    }
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
    if (tenant?.isEmpty) this.byTenant.delete(tenantId);
    return true;
  }

  /** Every subscription the event matches, each once. */
  match(event: HeraldEvent): Subscription[] {
    const audience = this.audienceOf(event);
    return audience
      ? matchCandidates(audience.candidates(this.eventTypes.of(event.type)), event)
      : [];
  }

  /**
   * `match` for each event of a batch, worked in stages: every event's audience, then every
   * event's candidates, then their filters. The lookups within a stage do not depend on one
   * another, so the CPU overlaps their cache misses instead of waiting for them one event at a
   * time (about a fifth faster when the events land on thousands of different tenants).
   */
  matchMany(events: readonly HeraldEvent[]): Subscription[][] {
    const count = events.length;
    const audiences: (Audience | undefined)[] = new Array(count);
    for (let i = 0; i < count; i++) audiences[i] = this.audienceOf(events[i]);
    const lists: (CandidateList | undefined)[] = new Array(count);
    for (let i = 0; i < count; i++)
      lists[i] = audiences[i]?.candidates(this.eventTypes.of(events[i].type));
    const matches: Subscription[][] = new Array(count);
    for (let i = 0; i < count; i++) {
      const list = lists[i];
      matches[i] = list ? matchCandidates(list, events[i]) : [];
    }
    return matches;
  }

  private audienceOf(event: HeraldEvent): Audience | undefined {
    return event.tenantId === null ? this.everyone : this.byTenant.get(event.tenantId);
  }

  /** The one shared copy of a filter string (null stays null). */
  private acquireString(value: string | null): string | null {
    return value === null ? null : this.strings.acquire(value, () => value);
  }
}
