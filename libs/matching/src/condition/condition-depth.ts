/** How deep a condition may nest objects and arrays (a value below this depth is refused). */
export const CONDITION_MAX_DEPTH = 12;

/**
 * The path (keys and indexes from the root) to the first value nested deeper than
 * CONDITION_MAX_DEPTH, or null. Iterative, and stops at the limit: a condition nested 10,000
 * deep is refused after looking at 13 levels, before anything walks it recursively.
 */
export function conditionTooDeepAt(condition: unknown): (string | number)[] | null {
  const pending: [unknown, (string | number)[]][] = [[condition, []]];
  while (pending.length > 0) {
    const [value, path] = pending.pop()!;
    if (path.length > CONDITION_MAX_DEPTH) return path;
    if (Array.isArray(value)) {
      value.forEach((child, i) => pending.push([child, [...path, i]]));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) pending.push([child, [...path, key]]);
    }
  }
  return null;
}
