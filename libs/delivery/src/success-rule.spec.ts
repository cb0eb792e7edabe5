import { DEFAULT_SUCCESS_RULE } from '@herald/contracts';
import { containsSubset, judgeResponse, statusMatches } from './success-rule';

describe('success rule', () => {
  it.each([
    ['2xx', 200, true],
    ['2xx', 299, true],
    ['2xx', 301, false],
    ['202', 202, true],
    ['202', 200, false],
    ['4xx', 404, true],
  ])('%s matches %d: %s', (pattern, status, expected) => {
    expect(statusMatches(pattern, status)).toBe(expected);
  });

  it('accepts any 2xx by default and nothing else', () => {
    expect(judgeResponse(DEFAULT_SUCCESS_RULE, 204, '').success).toBe(true);
    expect(judgeResponse(DEFAULT_SUCCESS_RULE, 302, '').success).toBe(false);
    expect(judgeResponse(DEFAULT_SUCCESS_RULE, 500, '').success).toBe(false);
  });

  it('enforces a body subset such as {"Success": true}', () => {
    const rule = { statuses: ['200'], body: { Success: true } };
    expect(judgeResponse(rule, 200, '{"Success":true,"Id":7}').success).toBe(true);
    expect(judgeResponse(rule, 200, '{"Success":false}')).toEqual({
      success: false,
      reason: 'response body does not contain {"Success":true}',
    });
    expect(judgeResponse(rule, 200, 'OK').success).toBe(false);
    expect(judgeResponse(rule, 201, '{"Success":true}').success).toBe(false);
  });

  it('compares nested subsets and arrays', () => {
    expect(containsSubset({ a: { b: 1, c: 2 } }, { a: { b: 1 } })).toBe(true);
    expect(containsSubset({ a: [1, 2] }, { a: [1, 2] })).toBe(true);
    expect(containsSubset({ a: [1, 2, 3] }, { a: [1, 2] })).toBe(false);
    expect(containsSubset({ a: null }, { a: null })).toBe(true);
    expect(containsSubset({}, { a: null })).toBe(false);
  });
});
