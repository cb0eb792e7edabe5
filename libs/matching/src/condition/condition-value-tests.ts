import { ValueTest } from './condition-equality';
import { TenantRegex } from '@herald/bounded-regex';

/**
 * Tests of one visited value for $gt/$gte/$lt/$lte, $mod, $type and $regex, as sift 17 writes
 * them. JavaScript's own operators do the comparing, so their coercions are sift's too.
 */

export type Ordering = '$gt' | '$gte' | '$lt' | '$lte';

/**
 * A missing value counts as null, and only a value of the bound's `typeof` compares at all:
 * `{ $gt: 5 }` never matches "6", `{ $gte: null }` matches null and missing values.
 */
export function ordered(ordering: Ordering, bound: unknown): ValueTest {
  const type = typeof bound;
  if (type === 'number' || type === 'string' || type === 'boolean') {
    // The same comparison as below with the null and === checks folded away: a value of the
    // bound's type is neither null nor different under === and >= .
    const limit = bound as number;
    switch (ordering) {
      case '$gt':
        return (value) => typeof value === type && (value as number) > limit;
      case '$gte':
        return (value) => typeof value === type && (value as number) >= limit;
      case '$lt':
        return (value) => typeof value === type && (value as number) < limit;
      case '$lte':
        return (value) => typeof value === type && (value as number) <= limit;
    }
  }
  const compare = COMPARISONS[ordering];
  return (value) => {
    const actual = value == null ? null : value;
    return typeof actual === type && compare(actual as number, bound as number);
  };
}

/** sift's four comparisons, verbatim (objects and arrays compare as their strings). */
const COMPARISONS: Record<Ordering, (value: number, bound: number) => boolean> = {
  $gt: (value, bound) => value != null && value > bound,
  $gte: (value, bound) => value === bound || value >= bound,
  $lt: (value, bound) => value != null && value < bound,
  $lte: (value, bound) => value === bound || value <= bound,
};

/** `value % divisor === remainder`, with JavaScript's coercion: `[5]` is 5, null is 0. */
export function remainder([divisor, rest]: readonly number[]): ValueTest {
  return (value) => (value as number) % divisor === rest;
}

const TYPES: Record<string, ValueTest> = {
  number: (value) => typeof value === 'number',
  string: (value) => typeof value === 'string',
  bool: (value) => typeof value === 'boolean',
  array: (value) => Array.isArray(value),
  null: (value) => value === null,
};

/** $type, by the names validation allows (a missing value is not null here). */
export function ofType(name: string): ValueTest {
  if (Object.prototype.hasOwnProperty.call(TYPES, name)) return TYPES[name];
  // Unreachable after validation; sift fails the evaluation, which means "no match".
  return () => {
    throw new Error('Type alias does not exist');
  };
}

/**
 * $regex: strings only. The expression is a tenant's, compiled to run in linear time
 * (`compileTenantRegex`), and holds no state between tests: it is shared across evaluations.
 */
export function matching(expression: TenantRegex): ValueTest {
  return (value) => typeof value === 'string' && expression.test(value);
}
