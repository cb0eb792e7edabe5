import { SuccessRule } from '@herald/contracts';

/** Whether a status matches one entry of a rule: an exact code (`200`) or a class (`2xx`). */
export function statusMatches(pattern: string, status: number): boolean {
  const p = pattern.trim().toLowerCase();
  if (/^[1-5]xx$/.test(p)) return Math.floor(status / 100) === Number(p[0]);
  return /^\d{3}$/.test(p) && Number(p) === status;
}

/** Whether `actual` contains every field of `expected` (recursively; arrays compared whole). */
export function containsSubset(actual: unknown, expected: unknown): boolean {
  if (typeof expected !== 'object' || expected === null) return actual === expected;
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((e, i) => containsSubset(actual[i], e))
    );
  }
  if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return false;
  const record = actual as Record<string, unknown>;
  return Object.entries(expected).every(
    ([key, value]) => key in record && containsSubset(record[key], value),
  );
}

export type SuccessVerdict = { success: true } | { success: false; reason: string };

/** The subscription's success rule applied to a response (body = the text read, maybe cut). */
export function judgeResponse(
  rule: SuccessRule,
  status: number,
  body: string | null,
): SuccessVerdict {
  const statuses = rule.statuses.length > 0 ? rule.statuses : ['2xx'];
  if (!statuses.some((s) => statusMatches(s, status))) {
    return { success: false, reason: `status ${status} is not one of ${statuses.join(', ')}` };
  }
  if (rule.body === null) return { success: true };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body ?? '');
  } catch {
    return {
      success: false,
      reason: 'response body is not JSON but the success rule requires a body',
    };
  }
  return containsSubset(parsed, rule.body)
    ? { success: true }
    : { success: false, reason: `response body does not contain ${JSON.stringify(rule.body)}` };
}
