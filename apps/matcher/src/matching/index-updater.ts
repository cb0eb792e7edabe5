import { Subscription } from '@herald/contracts';
import { ChangelogListener } from '@herald/kafka';
import { SubscriptionIndex } from '@herald/matching';
import { MatchedSubscription, matchedSubscription } from './matched-subscription';

/**
 * Applies changelog records to the index, keeping only what matching needs of each. A record that cannot be indexed (a bad pattern or
 * condition) is reported and leaves the subscription out, instead of stopping the reader:
 * the index already dropped its previous version, so it never matches with stale filters.
 */
export class IndexUpdater implements ChangelogListener {
  constructor(
    private readonly index: SubscriptionIndex<MatchedSubscription>,
    private readonly onRejected: (subscriptionId: string, reason: string) => void,
  ) {}

  upsert(subscription: Subscription): void {
    try {
      this.index.upsert(matchedSubscription(subscription));
    } catch (error) {
      this.onRejected(subscription.id, (error as Error).message);
    }
  }

  remove(subscriptionId: string): void {
    this.index.remove(subscriptionId);
  }
}
