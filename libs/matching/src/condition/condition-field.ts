import { Fold } from './condition-operators';
import { Key, Path, STOP_FAILS, STOP_HOLDS, walkPath } from './condition-walk';

/** Whether operators hold for a value (found at `key` in `owner`), as compiled queries answer. */
type Tester = (value: unknown, key: Key, owner: unknown, leaf: boolean) => boolean;

type Resume = (item: unknown[], depth: number, key: Key, owner: unknown, leaf: boolean) => boolean;

/**
 * A field's operators (`{ "data.price.new": { $gte: 100 } }`), all of which must hold. When the
 * path meets no array, it reaches one value, which the operators test directly (`alone`); at the
 * first array met, the walk (condition-walk) takes over from there.
 */
export function fieldTester(path: Path, folds: readonly Fold[]): Tester {
  const alone = allOf(folds.map((fold) => fold.alone));
  const fromArray = walkedFrom(path, folds);
  const { segments } = path;
  if (segments.length <= 3) return shortFieldTester(segments, alone, fromArray);
  return (value, key, owner, leaf) => {
    let item = value;
    let at = key;
    let parent = owner;
    for (let depth = 0; depth < segments.length; depth++) {
      // A null on the way is the walk's only visit, and not a leaf.
      if (item == null) return alone(item, at, parent, false);
      if (Array.isArray(item)) return fromArray(item, depth, at, parent, depth === 0 ? leaf : true);
      parent = item;
      at = segments[depth];
      item = (item as Record<string, unknown>)[at];
    }
    return Array.isArray(item)
      ? fromArray(item, segments.length, at, parent, true)
      : alone(item, at, parent, true);
  };
}

/**
 * `fieldTester` unrolled for paths of up to three segments (nearly all): the segments live in
 * the closure itself, one object fewer to fetch on every evaluation than an array.
 */
function shortFieldTester(segments: readonly string[], alone: Tester, fromArray: Resume): Tester {
  const [first, second, third] = segments;
  const length = segments.length;
  return (value, key, owner, leaf) => {
    if (value == null) return alone(value, key, owner, false);
    if (Array.isArray(value)) return fromArray(value, 0, key, owner, leaf);
    const one = (value as Record<string, unknown>)[first];
    if (length === 1) {
      return Array.isArray(one)
        ? fromArray(one, 1, first, value, true)
        : alone(one, first, value, true);
    }
    if (one == null) return alone(one, first, value, false);
    if (Array.isArray(one)) return fromArray(one, 1, first, value, true);
    const two = (one as Record<string, unknown>)[second];
    if (length === 2) {
      return Array.isArray(two)
        ? fromArray(two, 2, second, one, true)
        : alone(two, second, one, true);
    }
    if (two == null) return alone(two, second, one, false);
    if (Array.isArray(two)) return fromArray(two, 2, second, one, true);
    const three = (two as Record<string, unknown>)[third];
    return Array.isArray(three)
      ? fromArray(three, 3, third, two, true)
      : alone(three, third, two, true);
  };
}

/** The walk of `path` resumed where an array was met, for each operator. */
function walkedFrom(path: Path, folds: readonly Fold[]): Resume {
  const resumes = folds.map(({ visit, unstopped }): Resume => {
    return unstopped
      ? (item, depth, key, owner, leaf) =>
          walkPath(item, path, depth, key, owner, leaf, visit) !== STOP_FAILS
      : (item, depth, key, owner, leaf) =>
          walkPath(item, path, depth, key, owner, leaf, visit) === STOP_HOLDS;
  });
  if (resumes.length === 1) return resumes[0];
  return (item, depth, key, owner, leaf) => {
    for (let i = 0; i < resumes.length; i++) {
      if (!resumes[i](item, depth, key, owner, leaf)) return false;
    }
    return true;
  };
}

function allOf(testers: Tester[]): Tester {
  if (testers.length === 1) return testers[0];
  return (value, key, owner, leaf) => {
    for (let i = 0; i < testers.length; i++) if (!testers[i](value, key, owner, leaf)) return false;
    return true;
  };
}
