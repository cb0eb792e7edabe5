import { HeraldEvent } from '@herald/contracts';
import { QueryTester, compileQueryCases } from './condition-compiler';
import { planQuery } from './condition-plan';
import { InvalidCondition, checkCondition } from './condition-validation';

export { CONDITION_OPERATORS, InvalidCondition } from './condition-validation';
export { CONDITION_MAX_DEPTH, conditionTooDeepAt } from './condition-depth';

/**
 * What a subscription's payload condition is evaluated against: the event's routing attributes
 * and its `data`, under these names. A condition is a Mongo-style query (e.g.
 * `{ "data.code": { "$in": ["P100", "P200"] }, "trigger": { "$ne": "import" } }`), so a field
 * is addressed with dots from this object: `data.price.amount`, `entityType`, `subject`.
 */
export interface ConditionView {
  id: string;
  type: string;
  source: string;
  subject: string | null;
  time: string;
  tenantId: string | null;
  entityType: string | null;
  entityId: string | null;
  action: string | null;
  trigger: string | null;
  data: unknown;
}

export function conditionViewOf(event: HeraldEvent): ConditionView {
  return {
    id: event.id,
    type: event.type,
    source: event.source,
    subject: event.subject,
    time: event.time,
    tenantId: event.tenantId,
    entityType: event.entityType,
    entityId: event.entityId,
    action: event.action,
    trigger: event.trigger,
    data: event.data,
  };
}

export type ConditionTester = (view: ConditionView) => boolean;

/** Why a condition is invalid, or null. The API calls this before accepting a subscription. */
export function conditionProblem(condition: unknown): string | null {
  try {
    compileCondition(condition);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Checks a condition's operators and compiles it once into a tester. Throws `InvalidCondition`
 * naming the offending path. A tester never throws: an evaluation error means "no match".
 *
 * The tester answers exactly what the `sift` query library (17.1) answers for the same query,
 * quirks included (condition-equivalence.spec.ts checks that), but it is compiled to stateless
 * closures: sift resets and walks a tree of stateful objects on every call, which costs most
 * when hundreds of distinct conditions take turns and none stays in the CPU caches.
 */
export function compileCondition(condition: unknown): ConditionTester {
  checkCondition(condition);
  let ofArray: QueryTester;
  let ofOther: QueryTester;
  try {
    ({ ofArray, ofOther } = compileQueryCases(planQuery(condition)));
  } catch (error) {
    // Queries sift itself refuses (`{ a: { $or: ... } }`, `{ a: { $gt: 1, b: 2 } }`, ...).
    throw new InvalidCondition('$', (error as Error).message);
  }
  return (view) => {
    try {
      return Array.isArray(view)
        ? ofArray(view, undefined, undefined, true)
        : ofOther(view, undefined, undefined, true);
    } catch {
      return false;
    }
  };
}
