import { fieldTester } from './condition-field';
import { Fold, negated, settle, someElementMatching } from './condition-operators';
import { EvaluationNode, PathNode, PlanNode, SomeNode } from './condition-plan';
import { Visited, keepsAfterEachVisit } from './condition-stream-evaluator';
import { CONTINUE, Key, Visit, alongPath, pathOf } from './condition-walk';

/**
 * Whether a query holds for one value (found at `key` in `owner`): the condition for the view,
 * or an $elemMatch query for one element.
 */
export type QueryTester = (value: unknown, key: Key, owner: unknown, leaf: boolean) => boolean;

/**
 * Compiles a planned query into a tree of closures that hold no state: fields' paths are split,
 * $in sets, regular expressions and nested queries built, once. Evaluating a typical condition
 * calls three or four closures and allocates nothing (the rare $or below excepted).
 *
 * The stateless form rests on one property of sift's operations: each is a fold over the stream
 * of values its path visits that, once settled, stays settled. So "all of these hold" is "each
 * holds over the whole stream", each operator can walk its own path and stop at its first
 * deciding value, and an operator under nested paths (`{ a: { $not: { b: ... } } }`) walks the
 * paths one inside the other. $or is the exception: it settles on the first visit after which a
 * branch holds, so where it sees more than one value (inside $not or $all under a field, say)
 * its stream is listed and evaluated visit by visit (condition-stream-evaluator): slower, rare.
 */
export function compileQuery(plan: PlanNode): QueryTester {
  const { ofArray, ofOther } = compileQueryCases(plan);
  return (value, key, owner, leaf) =>
    Array.isArray(value) ? ofArray(value, key, owner, leaf) : ofOther(value, key, owner, leaf);
}

/**
 * `compileQuery` as its two cases, for a caller that tells them apart itself (one closure
 * fewer to reach on every evaluation).
 */
export function compileQueryCases(plan: PlanNode): { ofArray: QueryTester; ofOther: QueryTester } {
  const query = compileElemMatches(plan);
  return {
    // An array's own operators see its elements too (the empty path walks into it).
    ofArray: compile(query, (visit) => alongPath(EMPTY_PATH, visit)),
    ofOther: compile(query, null),
  };
}

const EMPTY_PATH = pathOf([]);

function compileElemMatches(node: PlanNode): EvaluationNode {
  switch (node.kind) {
    case 'elemMatch': {
      const matches = compileQuery(node.query);
      return {
        kind: 'fold',
        // sift evaluates each element as a query of its own, found at its index.
        ...someElementMatching((element, index, array) => matches(element, index, array, true)),
      };
    }
    case 'fold':
      return node;
    case 'path':
      return { ...node, children: node.children.map(compileElemMatches) };
    case 'every':
      return { ...node, children: node.children.map(compileElemMatches) };
    case 'not':
      return { ...node, query: compileElemMatches(node.query) };
    case 'some':
      return { ...node, branches: node.branches.map(compileElemMatches) };
  }
}

/**
 * How the values a node sees are reached from the value under test: a visit given to `reach`
 * comes back as one to call with that value. null: the node sees that value alone, once (it
 * is not an array, and `key` is not a property missing from an array `owner`).
 */
type Reach = ((visit: Visit) => Visit) | null;

function compile(node: EvaluationNode, reach: Reach): QueryTester {
  switch (node.kind) {
    case 'fold':
      return reach === null ? node.alone : settle(reach(node.visit), node.unstopped);
    case 'path':
      return compilePath(node, reach);
    case 'every':
      return allOf(node.children.map((child) => compile(child, reach)));
    case 'not': {
      const query = compile(node.query, reach);
      return (value, key, owner, leaf) => !query(value, key, owner, leaf);
    }
    case 'some': {
      if (reach !== null) return inVisitOrder(node, reach);
      const any = anyOf(node.branches.map((branch) => compile(branch, null)));
      return node.negate ? (value, key, owner, leaf) => !any(value, key, owner, leaf) : any;
    }
  }
}

function compilePath(node: PathNode<EvaluationNode>, reach: Reach): QueryTester {
  const { path, children } = node;
  const along: Reach = (visit) => {
    const walked = alongPath(path, visit);
    return reach === null ? walked : reach(walked);
  };
  if (path.segments.length === 0) {
    if (reach === null) return allOf(children.map((child) => compile(child, null)));
    // Over values a walk visited, the empty path only repeats visits: an array's elements were
    // visited (at their index, in it) before the array. Order-blind operators can skip it.
    return allOf(children.map((child) => compile(child, isSetwise(child) ? reach : along)));
  }
  if (reach === null) {
    const folds = foldsOf(children);
    if (folds !== null) return fieldTester(path, folds);
  }
  return allOf(children.map((child) => compile(child, along)));
}

function isSetwise(node: EvaluationNode): boolean {
  return node.kind === 'fold' && node.setwise;
}

/**
 * The operators that nodes amount to over the values a path visits, all of which must hold
 * (the common case, which `fieldTester` evaluates fastest): operators, $all and $and of them,
 * a query's own operators where repeats do not matter, $not of one operator. null when they
 * are more than that ($not of several, $or, nested fields).
 */
function foldsOf(nodes: readonly EvaluationNode[]): Fold[] | null {
  const folds: Fold[] = [];
  for (const node of nodes) {
    switch (node.kind) {
      case 'fold':
        folds.push(node);
        continue;
      case 'every': {
        const inner = foldsOf(node.children);
        if (inner === null) return null;
        folds.push(...inner);
        continue;
      }
      case 'path': {
        const inner = node.path.segments.length === 0 ? foldsOf(node.children) : null;
        if (inner === null || !inner.every((fold) => fold.setwise)) return null;
        folds.push(...inner);
        continue;
      }
      case 'not': {
        const inner = foldsOf([node.query]);
        if (inner === null || inner.length !== 1) return null;
        folds.push(negated(inner[0]));
        continue;
      }
      default:
        return null;
    }
  }
  return folds;
}

/** An $or/$nor that may see several values: its stream, listed, evaluated in order. */
function inVisitOrder(node: SomeNode<EvaluationNode>, reach: (visit: Visit) => Visit): QueryTester {
  return (value, key, owner, leaf) => {
    const stream: Visited[] = [];
    const list = reach((v, k, o, l) => {
      stream.push({ value: v, key: k, owner: o, leaf: l });
      return CONTINUE;
    });
    list(value, key, owner, leaf);
    const keeps = keepsAfterEachVisit(node, stream);
    return keeps[keeps.length - 1] === true;
  };
}

function allOf(testers: QueryTester[]): QueryTester {
  if (testers.length === 0) return () => true;
  if (testers.length === 1) return testers[0];
  if (testers.length === 2) {
    const [first, second] = testers;
    return (value, key, owner, leaf) =>
      first(value, key, owner, leaf) && second(value, key, owner, leaf);
  }
  return (value, key, owner, leaf) => {
    for (let i = 0; i < testers.length; i++) if (!testers[i](value, key, owner, leaf)) return false;
    return true;
  };
}

function anyOf(testers: QueryTester[]): QueryTester {
  if (testers.length === 1) return testers[0];
  return (value, key, owner, leaf) => {
    for (let i = 0; i < testers.length; i++) if (testers[i](value, key, owner, leaf)) return true;
    return false;
  };
}
