/**
 * How a condition reaches the values a dotted path names, Mongo-style, exactly as sift 17
 * (`walkKeyPathValues`) does: an array met on the way is searched element by element (for
 * `data.lines.sku`), the array itself is then looked at too, and at the end of the path an
 * array's elements (and theirs, recursively) are visited before the array. Operators are
 * written against this stream of visits, so its order and its odd corners are part of what a
 * condition means.
 */

/** Where a visited value was found: its key in `owner`, a number for an array element. */
export type Key = string | number | undefined;

/**
 * Looks at one visited value and answers CONTINUE to see the next one, or a stop code that ends
 * the walk. `leaf` is false for a null or missing value met before the end of the path.
 */
export type Visit = (value: unknown, key: Key, owner: unknown, leaf: boolean) => number;

export const CONTINUE = 0;
/** The operator holds, whatever else the walk would visit. */
export const STOP_HOLDS = 1;
/** The operator fails, whatever else the walk would visit. */
export const STOP_FAILS = 2;

/** A dotted path, split once. */
export interface Path {
  readonly segments: readonly string[];
  /**
   * `spreads[d]`: whether an array met at depth `d` is searched element by element. sift does
   * so unless the next segment is numeric-looking (`Number(segment)` is not NaN: `0`, `''`,
   * `1e3`) or an own non-function property of the array (`length`). Always true at the end.
   */
  readonly spreads: readonly boolean[];
}

export function pathOf(segments: readonly string[]): Path {
  return {
    segments,
    spreads: [...segments.map((segment) => Number.isNaN(Number(segment))), true],
  };
}

const hasOwn = Object.prototype.hasOwnProperty;
const tagOf = Object.prototype.toString;

/**
 * Visits every value `path` reaches from `item` (found at `key` in `owner`), in sift's order,
 * until `visit` returns a stop code, which is returned; CONTINUE if the walk ran out.
 */
export function walkPath(
  item: unknown,
  path: Path,
  depth: number,
  key: Key,
  owner: unknown,
  leaf: boolean,
  visit: Visit,
): number {
  const { segments, spreads } = path;
  const end = segments.length;
  for (;;) {
    if (Array.isArray(item) && spreads[depth] && !isArrayProperty(item, segments[depth])) {
      for (let i = 0; i < item.length; i++) {
        const code = walkPath(item[i], path, depth, i, item, leaf, visit);
        if (code !== CONTINUE) return code;
      }
    }
    if (depth === end || item == null) {
      return visit(item, key, owner, depth === end && (depth > 0 || leaf));
    }
    owner = item;
    key = segments[depth];
    item = (item as Record<string, unknown>)[key];
    depth++;
    leaf = true;
  }
}

/** sift's `isProperty`: `length`, say, is read from the array instead of its elements. */
function isArrayProperty(array: unknown[], segment: string | undefined): boolean {
  return (
    hasOwn.call(array, segment as string) &&
    tagOf.call((array as unknown as Record<string, unknown>)[segment as string]) !==
      '[object Function]'
  );
}

/**
 * `visit` applied to every value `path` reaches from each value given to the result: how an
 * operator under `{ "a.b": ... }` sees the values its enclosing stream visits.
 */
export function alongPath(path: Path, visit: Visit): Visit {
  if (path.segments.length === 0) {
    // The empty path (an operator applied to the value itself) only walks into arrays.
    return (value, key, owner, leaf) =>
      Array.isArray(value)
        ? walkPath(value, path, 0, key, owner, leaf, visit)
        : visit(value, key, owner, leaf);
  }
  return (value, key, owner, leaf) => walkPath(value, path, 0, key, owner, leaf, visit);
}
