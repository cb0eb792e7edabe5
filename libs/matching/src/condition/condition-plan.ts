import { equalTo, memberOf } from './condition-equality';
import {
  Fold,
  noMember,
  presence,
  someArrayOfSize,
  someMember,
  someValue,
} from './condition-operators';
import { CONDITION_OPERATORS } from './condition-validation';
import { Path, pathOf } from './condition-walk';
import { matching, ofType, ordered, remainder } from './condition-value-tests';
import { compileTenantRegex } from '@herald/bounded-regex';

/**
 * A validated condition turned into the tree of operations sift 17 would build for it, with the
 * same shape and the same construction errors, raised in the same order: the compiler (and,
 * for the rare order-sensitive $or, the stream evaluator) works from this tree.
 *
 * A query (the condition, or the argument of $not, $elemMatch, $and/$or/$nor, $all) becomes a
 * `path` node per field (`{ "a.b": ... }`) plus one with the empty path for its own operators,
 * all of which must hold. Each node is evaluated over a stream of visited values (see
 * condition-walk): a `path` node walks its path from each of them.
 */
export type PlanNode =
  | FoldNode
  | PathNode<PlanNode>
  | EveryNode<PlanNode>
  | NotNode<PlanNode>
  | SomeNode<PlanNode>
  | ElemMatchNode;

/** A plan whose $elemMatch queries are compiled into folds: what the evaluators run. */
export type EvaluationNode =
  | FoldNode
  | PathNode<EvaluationNode>
  | EveryNode<EvaluationNode>
  | NotNode<EvaluationNode>
  | SomeNode<EvaluationNode>;

export interface FoldNode extends Fold {
  kind: 'fold';
}

/** Operators under a field: hold for the values the path reaches from the stream. */
export interface PathNode<Child> {
  kind: 'path';
  path: Path;
  children: Child[];
}

/** Every child holds (a query's fields, $and, $all). No children: always holds. */
export interface EveryNode<Child> {
  kind: 'every';
  children: Child[];
}

export interface NotNode<Child> {
  kind: 'not';
  query: Child;
}

/**
 * $or ($nor: `negate`). Unlike every other operator, sift settles it on the first visit after
 * which some branch holds, even if later visits would undo that branch: order matters.
 */
export interface SomeNode<Child> {
  kind: 'some';
  negate: boolean;
  branches: Child[];
}

/** $elemMatch, whose query the compiler turns into a fold. */
export interface ElemMatchNode {
  kind: 'elemMatch';
  query: PlanNode;
}

/** Plans a query (sift's `createQueryOperation`). */
export function planQuery(query: unknown): PlanNode {
  const [own, fields] = planOperations(query, null);
  const parts: PlanNode[] = [];
  if (own.length > 0) parts.push({ kind: 'path', path: pathOf([]), children: own });
  parts.push(...fields);
  return parts.length === 1 ? parts[0] : { kind: 'every', children: parts };
}

/** A query's own operators and its fields (sift's `createQueryOperations`). */
function planOperations(query: unknown, field: string | null): [PlanNode[], PlanNode[]] {
  // Not a plain object or array: matched for equality. So is, as in sift, an object with a
  // toJSON key or a `constructor` key of its own (`{ constructor: 1, a: 2 }` is a value).
  if (!isVanillaObject(query)) return [[fold(someValue(equalTo(query)))], []];
  const record = query as Record<string, unknown>;
  const own: PlanNode[] = [];
  const fields: PlanNode[] = [];
  for (const key in record) {
    if (!hasOwn.call(record, key)) continue;
    if (OPERATORS.has(key)) {
      const operation = planOperator(key, record[key], record);
      if (operation === null) continue;
      // $and/$or/$nor cannot sit under a field, unless its name is one sift's operator table
      // inherits from Object.prototype (`constructor`, ...), or is empty: sift's check, kept.
      if (GROUPS_OF_QUERIES.has(key) && field && !INHERITED[field]) {
        throw new Error(`Malformed query. ${key} cannot be matched against property.`);
      }
      own.push(operation);
    } else if (key.charAt(0) === '$') {
      throw new Error(`Unsupported operation: ${key}`);
    } else {
      fields.push(planField(key.split('.'), record[key], key));
    }
  }
  return [own, fields];
}

/** `{ "a.b": value }`: operators, or a value to be equal to (sift's `createNestedOperation`). */
function planField(segments: string[], value: unknown, field: string): PlanNode {
  const path = pathOf(segments);
  if (!containsOperation(value)) {
    return { kind: 'path', path, children: [fold(someValue(equalTo(value)))] };
  }
  const [own, fields] = planOperations(value, field);
  if (fields.length > 0) {
    throw new Error(`Property queries must contain only operations, or exact objects.`);
  }
  return { kind: 'path', path, children: own };
}

function planOperator(
  operator: string,
  value: unknown,
  query: Record<string, unknown>,
): PlanNode | null {
  switch (operator) {
    case '$eq':
      return fold(someValue(equalTo(value)));
    case '$ne':
      return fold(noMember(equalTo(value)));
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte':
      return fold(someValue(ordered(operator, value)));
    case '$in':
      return fold(someMember(memberOf(checkedCandidates(operator, value))));
    case '$nin':
      return fold(noMember(memberOf(checkedCandidates(operator, value))));
    case '$exists':
      return fold(presence(Boolean(value)));
    case '$regex': {
      const flags = hasOwn.call(query, '$options') ? (query.$options as string) : undefined;
      // sift's error for bad flags first; then the pattern, on an engine that runs in linear time.
      new RegExp(value as string, flags);
      return fold(someValue(matching(compileTenantRegex(value as string, flags))));
    }
    case '$options':
      return null;
    case '$mod':
      return fold(someValue(remainder(value as number[])));
    case '$type':
      return fold(someValue(ofType(value as string)));
    case '$size':
      return fold(someArrayOfSize(value as number));
    case '$elemMatch':
      if (!value || typeof value !== 'object') {
        throw new Error(`Malformed query. $elemMatch must by an object.`);
      }
      return { kind: 'elemMatch', query: planQuery(value) };
    case '$not':
      return { kind: 'not', query: planQuery(value) };
    case '$all':
    case '$and':
      return { kind: 'every', children: (value as unknown[]).map(planQuery) };
    case '$or':
    case '$nor':
      return {
        kind: 'some',
        negate: operator === '$nor',
        branches: (value as unknown[]).map(planQuery),
      };
    default:
      throw new Error(`Unsupported operation: ${operator}`);
  }
}

function fold(operator: Fold): FoldNode {
  return { kind: 'fold', ...operator };
}

function checkedCandidates(operator: string, value: unknown): unknown[] {
  const candidates = Array.isArray(value) ? value : [value];
  for (const candidate of candidates) {
    if (containsOperation(candidate)) {
      throw new Error(`cannot nest $ under ${operator.toLowerCase()}`);
    }
  }
  return candidates;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** Operators with a meaning in sift: those validation allows (it has refused the others). */
const OPERATORS = new Set<string>(CONDITION_OPERATORS);

/** sift's operators with `propop = false`: they take queries, not a property's values. */
const GROUPS_OF_QUERIES = new Set(['$and', '$or', '$nor']);

/** What sift's operator table (a plain object) answers for a non-operator name. */
const INHERITED: Record<string, unknown> = {};

/** Whether any own key of `value` is an operator (for...in, so a string's indices count). */
function containsOperation(value: unknown): boolean {
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (!hasOwn.call(record, key)) continue;
    if (key.charAt(0) === '$') return true;
  }
  return false;
}

/** sift's `isVanillaObject`, verbatim (including its TypeError on a null-prototype object). */
function isVanillaObject(value: unknown): boolean {
  if (!value) return false;
  const constructor = (value as { constructor: { toString(): string } }).constructor;
  return (
    (constructor === Object ||
      constructor === Array ||
      constructor.toString() === 'function Object() { [native code] }' ||
      constructor.toString() === 'function Array() { [native code] }') &&
    !ownOrNonInherited(value as Record<string, unknown>, 'toJSON')
  );
}

/** sift's `getIgnoringObjectPrototype`: a value that only comes from Object.prototype is ignored. */
function ownOrNonInherited(record: Record<string, unknown>, key: string): unknown {
  const value = record[key];
  const inherited = (Object.prototype as Record<string, unknown>)[key];
  return inherited === undefined || value !== inherited || hasOwn.call(record, key)
    ? value
    : undefined;
}
