import { decodeJson, validateSubscriptionRecord } from '@herald/contracts';
import { SubscriptionIndex } from '@herald/matching';
import { eventFixture, subscriptionFixture } from '../testing/matching-fixtures';
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

  it.each([
    ['a backreference', '(a)\\1', /uses a backreference/],
    ['a lookahead', '^(?!test)', /lookahead or lookbehind/],
    ['an RE2 repeat limit', 'a{5000}', /invalid repeat count/],
  ])(
    'leaves out a stored subscription whose $regex has %s (saved before the check), matching nothing',
    (_kind, regex, reason) => {
      const index = new SubscriptionIndex();
      const rejected: string[] = [];
      const updater = new IndexUpdater(index, (id, why) => rejected.push(`${id}: ${why}`));
      const stored = {
        ...subscriptionFixture('sub_old'),
        condition: { 'data.s': { $regex: regex } },
      };
      expect(() => updater.upsert(stored)).not.toThrow();
      expect(rejected).toEqual([expect.stringMatching(reason)]);
      expect(index.size).toBe(0);
    },
  );

  it('keeps a catastrophic $regex (RE2 runs it) and matches hostile input in linear time', () => {
    const index = new SubscriptionIndex();
    const updater = new IndexUpdater(index, (id, why) => {
      throw new Error(`${id} rejected: ${why}`);
    });
    const subscription = {
      ...subscriptionFixture('sub_redos'),
      condition: { 'data.s': { $regex: '(a+)+$' } },
    };
    updater.upsert(subscription);
    const hostile = eventFixture('evt_redos', { data: { s: `${'a'.repeat(100_000)}!` } });
    const start = Date.now();
    expect(index.match(hostile)).toEqual([]);
    expect(Date.now() - start).toBeLessThan(1_000);
    expect(index.match({ ...hostile, data: { s: 'aaa' } })).toHaveLength(1);
  });
});
