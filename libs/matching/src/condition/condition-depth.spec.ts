import {
  CONDITION_MAX_DEPTH,
  InvalidCondition,
  SubscriptionIndex,
  conditionTooDeepAt,
} from '../index';
import { compileCondition } from './condition';

const nested = (depth: number): Record<string, unknown> => {
  let condition: Record<string, unknown> = { 'data.x': 1 };
  for (let i = 1; i < depth; i++) condition = { $and: [condition] };
  return condition;
};

describe('condition depth', () => {
  it('finds the first value below the limit, iteratively', () => {
    expect(conditionTooDeepAt({ a: { b: [1] } })).toBeNull();
    const deep = JSON.parse('{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000));
    expect(conditionTooDeepAt(deep)).toHaveLength(CONDITION_MAX_DEPTH + 1);
  });

  it('a condition 10,000 deep is an InvalidCondition for the compiler and the index, not a stack overflow', () => {
    const deep = nested(10_000);
    expect(() => compileCondition(deep)).toThrow(InvalidCondition);
    const index = new SubscriptionIndex();
    expect(() =>
      index.upsert({
        id: 'sub_deep',
        tenantId: 'acme',
        eventTypes: ['a'],
        entityType: null,
        entityId: null,
        actions: [],
        triggers: [],
        condition: deep,
        active: true,
        state: 'active',
      } as never),
    ).toThrow(InvalidCondition);
  });
});
