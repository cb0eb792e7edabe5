import { EventAction, Subscription } from '@herald/contracts';
import { IndexedSubscription } from '@herald/matching';

/**
 * What the matcher keeps of each subscription: what the index files and filters it by, and what
 * a match needs (the job's ids, whether it is deliverable now, the revision). The rest of a
 * changelog record (URL, sealed secrets, headers, policies, timestamps: most of its heap) is
 * the dispatcher's business, and held there.
 */
export type MatchedSubscription = IndexedSubscription &
  Pick<Subscription, 'active' | 'state' | 'pausedUntil' | 'revision'>;

const EVERY_ACTION: readonly EventAction[] = Object.freeze([]);
const EVERY_TRIGGER: readonly string[] = Object.freeze([]);

/** The matcher's copy of a changelog subscription (empty filter lists shared by all). */
export function matchedSubscription(subscription: Subscription): MatchedSubscription {
  const { actions, triggers } = subscription;
  return {
    id: subscription.id,
    tenantId: subscription.tenantId,
    eventTypes: subscription.eventTypes,
    entityType: subscription.entityType,
    entityId: subscription.entityId,
    actions: actions.length === 0 ? EVERY_ACTION : actions,
    triggers: triggers.length === 0 ? EVERY_TRIGGER : triggers,
    condition: subscription.condition,
    active: subscription.active,
    state: subscription.state,
    pausedUntil: subscription.pausedUntil,
    revision: subscription.revision,
  };
}
