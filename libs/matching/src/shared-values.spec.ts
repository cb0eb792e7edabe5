import { SharedValues } from './shared-values';

describe('SharedValues', () => {
  it('hands out one instance per key until its last reference is released', () => {
    const shared = new SharedValues<string[]>();
    const first = shared.acquire('web,pim', () => ['web', 'pim']);
    const second = shared.acquire('web,pim', () => ['not', 'made']);
    expect(second).toBe(first);
    expect(shared.size).toBe(1);

    shared.release('web,pim');
    expect(shared.acquire('web,pim', () => ['not', 'made'])).toBe(first); // one reference left
    shared.release('web,pim');
    shared.release('web,pim');
    expect(shared.size).toBe(0);
    expect(shared.acquire('web,pim', () => ['web', 'pim'])).not.toBe(first);
  });

  it('ignores a release of a key it does not hold', () => {
    const shared = new SharedValues<number>();
    shared.release('missing');
    expect(shared.size).toBe(0);
  });
});
