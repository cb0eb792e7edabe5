import { CanonicalStrings } from './canonical-strings';

describe('CanonicalStrings', () => {
  it('returns the first instance seen of each distinct string', () => {
    const names = new CanonicalStrings();
    const first = ['order', 'created'].join('.');
    const again = ['order', 'created'].join('.');
    expect(names.of(first)).toBe(first);
    expect(names.of(again)).toBe(first);
    expect(names.of('order.updated')).toBe('order.updated');
  });

  it('starts over past its limit and still answers with an equal string', () => {
    const names = new CanonicalStrings(2);
    names.of('a');
    names.of('b');
    expect(names.of('c')).toBe('c');
    expect(names.of('a')).toBe('a');
  });
});
