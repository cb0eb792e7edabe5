/**
 * Equality as sift 17 defines it (`equals` over `comparable` values), for the values a
 * condition and a view hold: JSON values, plus `undefined` for a missing field.
 */

export type ValueTest = (value: unknown) => boolean;

const hasOwn = Object.prototype.hasOwnProperty;
const tagOf = Object.prototype.toString;

/**
 * null and undefined are equal; arrays element by element; plain objects by key count, then
 * by each key of `a` (so `{ x: null }` equals `{ y: 1 }`: sift's quirk, kept).
 */
export function equals(a: unknown, b: unknown): boolean {
  if (a == null && a == b) return true;
  if (a === b) return true;
  const tag = tagOf.call(a);
  if (tag !== tagOf.call(b)) return false;
  if (tag === '[object Array]') {
    const left = a as unknown[];
    const right = b as unknown[];
    if (left.length !== right.length) return false;
    for (let i = 0; i < left.length; i++) if (!equals(left[i], right[i])) return false;
    return true;
  }
  if (tag === '[object Object]') {
    const left = a as Record<string, unknown>;
    const right = b as Record<string, unknown>;
    if (Object.keys(left).length !== Object.keys(right).length) return false;
    for (const key in left) {
      if (!hasOwn.call(left, key)) continue;
      if (!equals(left[key], right[key])) return false;
    }
    return true;
  }
  return false;
}

const never: ValueTest = () => false;

/** `equals(expected, value)`, with the common scalar cases reduced to one comparison. */
export function equalTo(expected: unknown): ValueTest {
  if (expected == null) return (value) => value == null;
  if (typeof expected === 'object') return (value) => equals(expected, value);
  // NaN equals nothing, not even NaN (=== fails and it is not an array or object).
  if (Number.isNaN(expected)) return never;
  return (value) => value === expected;
}

/** Up to this many scalars, comparing one by one beats hashing the value for a Set. */
const LINEAR_SCAN_LIMIT = 8;

/** Whether a value equals any of `candidates` ($in), with scalars pre-sorted into a Set. */
export function memberOf(candidates: readonly unknown[]): ValueTest {
  const acceptsNull = candidates.some((candidate) => candidate == null);
  const composites = candidates.filter(
    (candidate) => typeof candidate === 'object' && candidate !== null,
  );
  const scalars = candidates.filter(
    (candidate) => candidate != null && typeof candidate !== 'object' && !Number.isNaN(candidate),
  );
  if (composites.length === 0) return scalarMemberOf(scalars, acceptsNull);
  const hasScalar = scalarMemberOf(scalars, false);
  return (value) => {
    if (value == null) return acceptsNull;
    if (typeof value !== 'object') return hasScalar(value);
    for (const composite of composites) if (equals(composite, value)) return true;
    return false;
  };
}

/**
 * Membership among scalars (and null, which equals undefined too). Short lists are kept in the
 * closure itself: one object fewer to fetch per test than an array or a Set.
 */
function scalarMemberOf(scalars: readonly unknown[], acceptsNull: boolean): ValueTest {
  const [a, b, c] = scalars;
  switch (acceptsNull ? -1 : scalars.length) {
    case 0:
      return never;
    case 1:
      return (value) => value === a;
    case 2:
      return (value) => value === a || value === b;
    case 3:
      return (value) => value === a || value === b || value === c;
  }
  const rest = scalarTest(scalars);
  return acceptsNull ? (value) => value == null || rest(value) : rest;
}

function scalarTest(scalars: readonly unknown[]): ValueTest {
  if (scalars.length <= LINEAR_SCAN_LIMIT) {
    return (value) => {
      for (let i = 0; i < scalars.length; i++) if (scalars[i] === value) return true;
      return false;
    };
  }
  const set = new Set(scalars);
  return (value) => set.has(value);
}
