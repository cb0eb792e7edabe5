import fc from 'fast-check';
import { HeraldEvent } from '@herald/contracts';
import { EVENTS } from './testing/event-fixtures';
import { subscription } from './testing/subscription-fixtures';
import {
  eventTypeMatches,
  eventTypePatternProblem,
  isOperationalType,
  parseEventTypePattern,
} from './event-type-pattern';
import { SubscriptionIndex } from './subscription-index';

/** The operational types Herald emits today (libs/delivery OPERATIONAL_EVENT_TYPES). */
const OPERATIONAL = [
  'herald.subscription.paused',
  'herald.subscription.resumed',
  'herald.subscription.disabled',
  'herald.subscription.reactivated',
  'herald.delivery.exhausted',
  'herald.delivery.recovered',
];

/** Patterns an ordinary subscription plausibly has, each of which fits herald.* by shape. */
const ORDINARY = [
  '*',
  '*.*',
  '*.*.*',
  '*.paused',
  '*.subscription.*',
  '*.delivery.*',
  '*.herald.*',
  '*.exhausted',
  'subscription.*',
];

const operationalEvent = (type: string, tenantId: string | null = 'acme'): HeraldEvent => ({
  ...EVENTS.orderCreated,
  id: `op-${type}`,
  type,
  tenantId,
  source: 'herald/dispatcher',
});

describe('operational event types (herald.*)', () => {
  it.each(OPERATIONAL.flatMap((type) => ORDINARY.map((pattern) => [pattern, type])))(
    'the ordinary pattern %s never matches %s',
    (pattern, type) => {
      expect(eventTypePatternProblem(pattern)).toBeNull();
      expect(eventTypeMatches(pattern, type)).toBe(false);
    },
  );

  it.each([
    ['herald.*', 'herald.subscription.paused', true],
    ['herald.*', 'herald.delivery.recovered', true],
    ['herald.subscription.*', 'herald.subscription.disabled', true],
    ['herald.subscription.*', 'herald.delivery.exhausted', false],
    ['herald.*.paused', 'herald.subscription.paused', true],
    ['herald.delivery.exhausted', 'herald.delivery.exhausted', true],
    ['herald.delivery.exhausted', 'herald.delivery.recovered', false],
    ['herald', 'herald.subscription.paused', false],
  ])('the herald pattern %s vs %s → %s', (pattern, type, expected) => {
    expect(eventTypeMatches(pattern, type)).toBe(expected);
  });

  it('rejects ** and partial wildcards rather than reading them as a match-all', () => {
    expect(eventTypePatternProblem('**')).not.toBeNull();
    expect(eventTypePatternProblem('herald*')).not.toBeNull();
    expect(eventTypePatternProblem('*.**')).not.toBeNull();
  });

  it('leaves ordinary types to ordinary patterns', () => {
    expect(isOperationalType('heralded.order')).toBe(false);
    expect(eventTypeMatches('*', 'heralded.order')).toBe(true);
    expect(eventTypeMatches('*.herald', 'order.herald')).toBe(true);
    expect(eventTypeMatches('*.herald.*', 'order.herald.sent')).toBe(true);
  });

  const segment = fc.constantFrom(
    '*',
    'herald',
    'subscription',
    'delivery',
    'paused',
    'exhausted',
    'order',
    'x',
  );
  const pattern = fc.array(segment, { minLength: 1, maxLength: 5 }).map((s) => s.join('.'));
  const operationalType = fc
    .array(fc.constantFrom('subscription', 'delivery', 'paused', 'herald', 'x', 'order'), {
      minLength: 1,
      maxLength: 4,
    })
    .map((s) => ['herald', ...s].join('.'));

  it('on generated patterns and types: an operational type matches only herald-first patterns', () => {
    fc.assert(
      fc.property(pattern, fc.oneof(operationalType, fc.constantFrom(...OPERATIONAL)), (p, t) => {
        const matches = eventTypeMatches(p, t);
        if (!p.startsWith('herald.') && p !== t) expect(matches).toBe(false);
        // A herald-first pattern matches as the plain segment rule says.
        if (p.startsWith('herald.')) expect(matches).toBe(plainMatch(p, t));
      }),
      { numRuns: 2_000 },
    );
  });

  it('on generated patterns: ordinary types match as before', () => {
    const ordinaryType = fc
      .array(fc.constantFrom('order', 'subscription', 'paused', 'herald', 'x'), {
        minLength: 1,
        maxLength: 4,
      })
      .filter((s) => s[0] !== 'herald')
      .map((s) => s.join('.'));
    fc.assert(
      fc.property(pattern, ordinaryType, (p, t) => {
        expect(eventTypeMatches(p, t)).toBe(plainMatch(p, t));
      }),
      { numRuns: 2_000 },
    );
  });

  it('the index agrees: generated subscriptions get an operational event only by a herald pattern', () => {
    fc.assert(
      fc.property(
        fc.array(pattern, { minLength: 1, maxLength: 8 }),
        fc.constantFrom(...OPERATIONAL),
        (patterns, type) => {
          const index = new SubscriptionIndex();
          const subs = patterns.map((p) => subscription({ eventTypes: [p] }));
          for (const s of subs) index.upsert(s);
          const matched = new Set(index.match(operationalEvent(type)).map((s) => s.id));
          for (const s of subs) {
            const p = s.eventTypes[0];
            expect(matched.has(s.id)).toBe(
              (p.startsWith('herald.') || p === type) && plainMatch(p, type),
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('delivers an operational event to the tenant’s herald.* subscription only', () => {
    const index = new SubscriptionIndex();
    const everything = subscription({ eventTypes: ['*'] });
    const ordinary = ORDINARY.map((p) => subscription({ eventTypes: [p] }));
    const feed = subscription({ eventTypes: ['herald.*'] });
    const pauses = subscription({ eventTypes: ['herald.subscription.paused', 'order.*'] });
    const otherTenant = subscription({ tenantId: 'globex', eventTypes: ['herald.*'] });
    for (const s of [everything, ...ordinary, feed, pauses, otherTenant]) index.upsert(s);

    for (const type of OPERATIONAL) {
      const ids = index.match(operationalEvent(type)).map((s) => s.id);
      const expected = type === 'herald.subscription.paused' ? [feed.id, pauses.id] : [feed.id];
      expect(ids.sort()).toEqual(expected.sort());
    }
    // The ordinary subscriptions still get ordinary events.
    expect(index.match(EVENTS.orderCreated).map((s) => s.id)).toEqual(
      expect.arrayContaining([everything.id, pauses.id]),
    );
    expect(index.match(EVENTS.orderCreated).map((s) => s.id)).not.toContain(feed.id);
  });

  it('never sends an operational event to the subscription it is about', () => {
    const index = new SubscriptionIndex();
    const failing = subscription({ eventTypes: ['herald.*'] });
    const watcher = subscription({ eventTypes: ['herald.*'] });
    for (const s of [failing, watcher]) index.upsert(s);
    for (const type of OPERATIONAL) {
      const about = (id: string): HeraldEvent => ({
        ...operationalEvent(type),
        entityType: 'subscription',
        entityId: id,
        subject: id,
      });
      expect(index.match(about(failing.id)).map((s) => s.id)).toEqual([watcher.id]);
      expect(index.match(about(watcher.id)).map((s) => s.id)).toEqual([failing.id]);
      // In a batch too, and an ordinary event about an entity with that id is not affected.
      const batch = index.matchMany([
        about(failing.id),
        { ...EVENTS.orderCreated, entityId: failing.id },
      ]);
      expect(batch[0].map((s) => s.id)).toEqual([watcher.id]);
    }
    const all = subscription({ eventTypes: ['*'], entityId: null });
    index.upsert(all);
    const ordinary = { ...EVENTS.orderCreated, entityType: 'subscription', entityId: all.id };
    expect(index.match(ordinary).map((s) => s.id)).toEqual([all.id]);
  });

  it('sends an operational event without a tenant to nobody', () => {
    const index = new SubscriptionIndex();
    index.upsert(subscription({ eventTypes: ['herald.*'] }));
    index.upsert(subscription({ tenantId: 'globex', eventTypes: ['herald.*'] }));
    expect(index.match(operationalEvent('herald.subscription.paused', null))).toEqual([]);
  });

  it('parses herald patterns like any other', () => {
    expect(parseEventTypePattern('herald.*')).toEqual({
      kind: 'wildcard',
      pattern: 'herald.*',
      segments: ['herald', '*'],
    });
  });
});

/** The segment rule without the operational exception: `*` is one or more whole segments. */
function plainMatch(pattern: string, type: string): boolean {
  const source = pattern
    .split('.')
    .map((s) => (s === '*' ? '[^.]+(?:\\.[^.]+)*' : s))
    .join('\\.');
  return new RegExp(`^${source}$`).test(type);
}
