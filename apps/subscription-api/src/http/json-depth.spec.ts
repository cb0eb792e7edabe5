import { jsonDepthIssue } from './json-depth';

const nested = (depth: number, key = 'a') => `{"${key}":`.repeat(depth) + '1' + '}'.repeat(depth);

describe('jsonDepthIssue', () => {
  it('accepts bodies up to the limit and names the path of the first too-deep value', () => {
    expect(jsonDepthIssue(nested(4), 4)).toBeNull();
    expect(jsonDepthIssue(nested(5), 4)).toEqual({
      field: 'a.a.a.a',
      message: 'is nested deeper than 4 levels',
    });
    expect(jsonDepthIssue('{"x":[1,[2,[3,[4]]]]}', 3)).toEqual({
      field: 'x.1.1',
      message: 'is nested deeper than 3 levels',
    });
    expect(jsonDepthIssue('[[[]]]', 2)?.field).toBe('0.0');
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonDepthIssue('{"s":"[[[[{{{{\\"[[[["}', 2)).toBeNull();
    expect(jsonDepthIssue('{"k\\"ey":{"b":{}}}', 2)?.field).toBe('k"ey.b');
  });

  it('refuses 10,000 levels without recursion, in linear time', () => {
    const started = performance.now();
    expect(jsonDepthIssue(nested(10_000), 32)?.message).toMatch(/deeper than 32/);
    expect(jsonDepthIssue('['.repeat(1_000_000), 32)?.field).toBe(
      Array.from({ length: 32 }, () => '0').join('.'),
    );
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('leaves invalid JSON to the parser', () => {
    expect(jsonDepthIssue('{bad', 4)).toBeNull();
    expect(jsonDepthIssue('"unterminated', 4)).toBeNull();
  });
});
