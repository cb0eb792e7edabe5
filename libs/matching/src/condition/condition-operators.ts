import { ValueTest } from './condition-equality';
import { CONTINUE, Key, STOP_FAILS, STOP_HOLDS, Visit } from './condition-walk';

/**
 * An operator that looks at values one at a time ($eq, $gt, $in, $exists, $elemMatch, ...): a
 * fold over the stream of values a path visits, settled by the first visit that decides it, or
 * `unstopped` if none does. Each is sift 17's operation of the same name restated without
 * state, down to which visits count (sift skips visits of an array's missing properties, two
 * different ways).
 */
export interface Fold {
  visit: Visit;
  /** The answer when no visit stopped the walk. */
  unstopped: boolean;
  /**
   * The answer over a stream of this one visit, where `key` is not a property missing from an
   * array `owner` (true of every visit but those walks make after searching an array). The
   * same as settling `visit`, minus the checks that cannot fail there.
   */
  alone: (value: unknown, key: Key, owner: unknown, leaf: boolean) => boolean;
  /**
   * Whether the answer depends only on which visits the stream holds, not on their order or
   * repeats: true of every operator but $elemMatch, which the first array visited decides.
   */
  setwise: boolean;
}

const hasOwn = Object.prototype.hasOwnProperty;
const tagOf = Object.prototype.toString;

/** $eq, $gt..., $regex, $mod, $type: some value passes (sift's EqualsOperation). */
export function someValue(test: ValueTest): Fold {
  return {
    // sift ignores `array.foo`, read after searching the elements, unless the array has it.
    visit: (value, key, owner) =>
      test(value) && (!Array.isArray(owner) || hasOwn.call(owner, key as PropertyKey))
        ? STOP_HOLDS
        : CONTINUE,
    unstopped: false,
    alone: test,
    setwise: true,
  };
}

/** $in: some value is a member; `array.foo` is ignored unless `foo in array` (sift #273). */
export function someMember(isMember: ValueTest): Fold {
  return {
    visit: (value, key, owner) =>
      isMember(value) && !isMissingArrayProperty(key, owner) ? STOP_HOLDS : CONTINUE,
    unstopped: false,
    alone: isMember,
    setwise: true,
  };
}

/** $ne, $nin: no value is equal / a member, with $in's notion of a missing property. */
export function noMember(isMember: ValueTest): Fold {
  return {
    visit: (value, key, owner) =>
      isMember(value) && !isMissingArrayProperty(key, owner) ? STOP_FAILS : CONTINUE,
    unstopped: true,
    alone: (value) => !isMember(value),
    setwise: true,
  };
}

function isMissingArrayProperty(key: Key, owner: unknown): boolean {
  return Array.isArray(owner) && !((key as PropertyKey) in owner) && Number.isNaN(Number(key));
}

/** $size: some value is an array of that length (sift checks no owner here). */
export function someArrayOfSize(size: number): Fold {
  return settled({
    visit: (value) => (Array.isArray(value) && value.length === size ? STOP_HOLDS : CONTINUE),
    unstopped: false,
    setwise: true,
  });
}

/**
 * $exists: whether the path ends at a key its owner really has. A null met before the end of
 * the path is not "present" (it is not a leaf); a missing key is visited as undefined.
 */
export function presence(wanted: boolean): Fold {
  const found = wanted ? STOP_HOLDS : STOP_FAILS;
  return settled({
    visit: (value, key, owner, leaf) =>
      leaf && (owner == null ? value !== undefined : hasOwn.call(owner, key as PropertyKey))
        ? found
        : CONTINUE,
    unstopped: !wanted,
    setwise: true,
  });
}

/**
 * $elemMatch: the first array visited decides if one of its elements matches the query. If none
 * does, the search goes on only when the array is a field of a plain object (another candidate
 * `a[i].b` may match); an array inside an array, or the value itself, settles it as false.
 */
export function someElementMatching(
  matches: (element: unknown, index: number, array: unknown[]) => boolean,
): Fold {
  return settled({
    visit: (value, _key, owner) => {
      if (!Array.isArray(value)) return CONTINUE;
      for (let i = 0; i < value.length; i++) if (matches(value[i], i, value)) return STOP_HOLDS;
      return tagOf.call(owner) === '[object Object]' ? CONTINUE : STOP_FAILS;
    },
    unstopped: false,
    setwise: false,
  });
}

/** A fold whose lone-visit answer is its visit's, settled. */
function settled(fold: Omit<Fold, 'alone'>): Fold {
  return { ...fold, alone: settle(fold.visit, fold.unstopped) };
}

/** The answer of a fold over the stream `visit` stands for, from the code it returns. */
export function settle(
  visit: Visit,
  unstopped: boolean,
): (value: unknown, key: Key, owner: unknown, leaf: boolean) => boolean {
  return unstopped
    ? (value, key, owner, leaf) => visit(value, key, owner, leaf) !== STOP_FAILS
    : (value, key, owner, leaf) => visit(value, key, owner, leaf) === STOP_HOLDS;
}

/** $not of one operator is an operator too: what stops it holding makes it fail, and back. */
export function negated(fold: Fold): Fold {
  const { visit, unstopped, alone } = fold;
  return {
    visit: (value, key, owner, leaf) => {
      const code = visit(value, key, owner, leaf);
      return code === CONTINUE ? CONTINUE : code === STOP_HOLDS ? STOP_FAILS : STOP_HOLDS;
    },
    unstopped: !unstopped,
    alone: (value, key, owner, leaf) => !alone(value, key, owner, leaf),
    setwise: fold.setwise,
  };
}
