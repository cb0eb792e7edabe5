import {
  InvalidEventTypePattern,
  eventTypeMatches,
  eventTypePatternProblem,
  parseEventTypePattern,
} from './event-type-pattern';

describe('event type patterns', () => {
  it.each([
    ['order.created', 'order.created', true],
    ['order.created', 'order.updated', false],
    ['order.*', 'order.created', true],
    ['order.*', 'order.item.added', true],
    ['order.*', 'order', false],
    ['order.*', 'orders.created', false],
    ['*', 'anything.at.all', true],
    ['*.created', 'order.created', true],
    ['*.created', 'order.item.created', true],
    ['*.created', 'created', false],
    ['a.*.c', 'a.b.c', true],
    ['a.*.c', 'a.b.b.c', true],
    ['a.*.c', 'a.c', false],
    ['*.*', 'a', false],
    ['*.*', 'a.b', true],
  ])('%s vs %s → %s', (pattern, type, expected) => {
    expect(eventTypeMatches(pattern, type)).toBe(expected);
  });

  it('classifies exact and wildcard patterns', () => {
    expect(parseEventTypePattern('order.created')).toEqual({
      kind: 'exact',
      type: 'order.created',
    });
    expect(parseEventTypePattern('order.*')).toEqual({
      kind: 'wildcard',
      pattern: 'order.*',
      segments: ['order', '*'],
    });
  });

  it.each([
    '',
    'order.',
    '.order',
    'order..created',
    'order.crea*',
    'order created',
    'a'.repeat(257),
  ])('rejects %j naming the problem', (pattern) => {
    expect(() => parseEventTypePattern(pattern)).toThrow(InvalidEventTypePattern);
    expect(eventTypePatternProblem(pattern)).toContain('event type pattern');
  });

  it('reports no problem for a valid pattern', () => {
    expect(eventTypePatternProblem('product.*.changed')).toBeNull();
  });
});
