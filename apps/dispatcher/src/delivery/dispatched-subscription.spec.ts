import { DEFAULT_RETRY_LADDER, Subscription } from '@herald/contracts';
import { baseSubscription } from '@herald/contracts/testing';
import { dispatchedSubscription } from './dispatched-subscription';

/** As subscription-api writes a subscription with every default, decoded from the changelog. */
function decoded(overrides: Partial<Subscription> = {}): Subscription {
  const written = baseSubscription({
    retryPolicy: { delays: [...DEFAULT_RETRY_LADDER], maxAttempts: DEFAULT_RETRY_LADDER.length },
    description: 'orders to the ERP',
    eventTypes: ['order.created'],
    condition: { 'data.total': { $gt: 10 } },
    ...overrides,
  });
  return JSON.parse(JSON.stringify(written)) as Subscription;
}

/** What no delivery, gate or state change of the dispatcher reads. */
const UNREAD = [
  'description',
  'eventTypes',
  'entityType',
  'entityId',
  'actions',
  'triggers',
  'condition',
  'stateReason',
  'createdAt',
  'updatedAt',
];

describe("the dispatcher's copy of a changelog subscription", () => {
  it('keeps every field a delivery reads, and leaves out matching filters and notes', () => {
    const record = decoded({ headers: { 'x-api-version': '2024-06' }, metadata: { team: 'erp' } });
    const kept = dispatchedSubscription(record);
    const read = Object.fromEntries(Object.entries(record).filter(([f]) => !UNREAD.includes(f)));
    expect(kept).toEqual(read);
    for (const field of UNREAD) expect(field in kept).toBe(false);
    // Absent in the record (written before authenticated delivery): absent in the copy too.
    expect('credential' in kept).toBe(false);
  });

  it('shares one frozen copy of default policies and empty headers between subscriptions', () => {
    const a = dispatchedSubscription(decoded({ id: 'sub_a' }));
    const b = dispatchedSubscription(decoded({ id: 'sub_b' }));
    for (const field of [
      'successRule',
      'retryPolicy',
      'disablePolicy',
      'canary',
      'headers',
      'metadata',
    ] as const) {
      expect(a[field]).toBe(b[field]);
      expect(Object.isFrozen(a[field])).toBe(true);
    }
    expect(Object.isFrozen(a.retryPolicy.delays)).toBe(true);
    expect(a.retryPolicy).toEqual({
      delays: [...DEFAULT_RETRY_LADDER],
      maxAttempts: DEFAULT_RETRY_LADDER.length,
    });
  });

  it('keeps its own copy of a policy that differs from the defaults', () => {
    const custom = { delays: ['0s', '1m'], maxAttempts: 2 };
    const kept = dispatchedSubscription(decoded({ retryPolicy: custom, credential: null }));
    expect(kept.retryPolicy).toEqual(custom);
    expect(Object.isFrozen(kept.retryPolicy)).toBe(false);
    expect(kept.credential).toBeNull();
  });
});
