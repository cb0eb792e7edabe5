import { UnrecordedOutcomes } from './unrecorded-outcomes';

describe('UnrecordedOutcomes', () => {
  it('hands an outcome back once, by message key', () => {
    const outcomes = new UnrecordedOutcomes<string>(10);
    outcomes.keep('deliveries/0/5/dlv_1', 'writes');
    expect(outcomes.take('deliveries/0/5/dlv_1')).toBe('writes');
    expect(outcomes.take('deliveries/0/5/dlv_1')).toBeUndefined();
  });

  it('forgets the oldest beyond its capacity', () => {
    const outcomes = new UnrecordedOutcomes<number>(2);
    outcomes.keep('a', 1);
    outcomes.keep('b', 2);
    outcomes.keep('a', 3); // kept again: now the newest
    outcomes.keep('c', 4);
    expect(outcomes.size).toBe(2);
    expect(outcomes.take('b')).toBeUndefined();
    expect(outcomes.take('a')).toBe(3);
    expect(outcomes.take('c')).toBe(4);
  });
});
