import { decodeJson, validateSubscriptionRecord } from '@herald/contracts';
import { SubscriptionIndex } from '@herald/matching';
import { subscriptionFixture } from '../testing/subscription.fixture';
import { IndexUpdater } from './index-updater';

describe('IndexUpdater', () => {
  it('leaves out a changelog record whose condition is nested 10,000 deep, and keeps reading', () => {
    const index = new SubscriptionIndex();
    const rejected: string[] = [];
    const updater = new IndexUpdater(index, (id, reason) => rejected.push(`${id}: ${reason}`));
    // As it arrives on herald.subscriptions.changelog: JSON text JSON.stringify could not write.
    const record = JSON.stringify({
      kind: 'herald.subscription',
      version: 2,
      subscription: { ...subscriptionFixture('sub_deep'), condition: '__DEEP__' },
    }).replace('"__DEEP__"', '{"$and":['.repeat(10_000) + '{"data.x":1}' + ']}'.repeat(10_000));
    const decoded = decodeJson(Buffer.from(record), validateSubscriptionRecord);
    expect(decoded.ok ? [] : decoded.issues).toEqual([]);
    if (!decoded.ok) return;

    expect(() => updater.upsert(decoded.value.subscription)).not.toThrow();
    updater.upsert(subscriptionFixture('sub_ok'));

    expect(rejected).toEqual([expect.stringMatching(/^sub_deep: .*nested deeper than 12/)]);
    expect(index.size).toBe(1);
  });
});
