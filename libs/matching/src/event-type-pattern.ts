/**
 * Event-type patterns in a subscription's `eventTypes`.
 *
 * A pattern is dot-separated segments. A literal segment matches itself; a `*` segment matches
 * one or more whole segments. So `order.created` is exact, `order.*` matches every type below
 * `order.` (`order.created`, `order.item.added`), `*.deleted` matches every type ending in
 * `.deleted`, and `*` matches every type. `*` inside a segment (`order.crea*`) is not allowed.
 *
 * Herald's operational types (`herald.subscription.paused`, `herald.delivery.exhausted`, ...:
 * first segment `herald`) are a feed a tenant opts into: only a pattern whose own first segment
 * is `herald` matches them (`herald.*`, `herald.subscription.*`, the exact type). `*`, `*.paused`
 * or `*.subscription.*` never do, so no ordinary subscription receives them by accident.
 */
export type EventTypePattern =
  | { kind: 'exact'; type: string }
  | { kind: 'wildcard'; pattern: string; segments: readonly string[] };

export const WILDCARD_SEGMENT = '*';

/** The first segment of Herald's operational event types, and of the patterns that match them. */
export const OPERATIONAL_SEGMENT = 'herald';

/** Is `type` one of Herald's operational types (first segment `herald`)? */
export function isOperationalType(type: string): boolean {
  return type === OPERATIONAL_SEGMENT || type.startsWith(`${OPERATIONAL_SEGMENT}.`);
}

const LITERAL_SEGMENT = /^[A-Za-z0-9_-]+$/;

export class InvalidEventTypePattern extends Error {
  constructor(
    readonly pattern: string,
    reason: string,
  ) {
    super(`event type pattern "${pattern}" ${reason}`);
    this.name = 'InvalidEventTypePattern';
  }
}

/** Parses a pattern, throwing `InvalidEventTypePattern` with the reason when it is malformed. */
export function parseEventTypePattern(pattern: string): EventTypePattern {
  if (pattern.length === 0) throw new InvalidEventTypePattern(pattern, 'must not be empty');
  if (pattern.length > 256)
    throw new InvalidEventTypePattern(pattern, 'must be at most 256 characters');
  const segments = pattern.split('.');
  for (const segment of segments) {
    if (segment !== WILDCARD_SEGMENT && !LITERAL_SEGMENT.test(segment)) {
      throw new InvalidEventTypePattern(
        pattern,
        `has an invalid segment "${segment}" (letters, digits, _ and -, or a whole-segment *)`,
      );
    }
  }
  return segments.includes(WILDCARD_SEGMENT)
    ? { kind: 'wildcard', pattern, segments }
    : { kind: 'exact', type: pattern };
}

/** Why a pattern is invalid, or null: for API validation without exceptions. */
export function eventTypePatternProblem(pattern: string): string | null {
  try {
    parseEventTypePattern(pattern);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Does `type` match `pattern`? (Unindexed: for validation, specs and tools.) */
export function eventTypeMatches(pattern: string, type: string): boolean {
  const parsed = parseEventTypePattern(pattern);
  if (parsed.kind === 'exact') return parsed.type === type;
  return eventTypeMatchesSegments(parsed.segments, type.split('.'));
}

/**
 * Does a wildcard pattern's segment list match a type's segment list? An operational type
 * (first segment `herald`) only by a pattern that itself starts with the `herald` segment.
 */
export function eventTypeMatchesSegments(
  pattern: readonly string[],
  type: readonly string[],
): boolean {
  if (type[0] === OPERATIONAL_SEGMENT && pattern[0] !== OPERATIONAL_SEGMENT) return false;
  return segmentsMatch(pattern, 0, type, 0);
}

function segmentsMatch(
  pattern: readonly string[],
  p: number,
  type: readonly string[],
  t: number,
): boolean {
  if (p === pattern.length) return t === type.length;
  if (t === type.length) return false;
  if (pattern[p] !== WILDCARD_SEGMENT)
    return pattern[p] === type[t] && segmentsMatch(pattern, p + 1, type, t + 1);
  for (let next = t + 1; next <= type.length; next++) {
    if (segmentsMatch(pattern, p + 1, type, next)) return true;
  }
  return false;
}
