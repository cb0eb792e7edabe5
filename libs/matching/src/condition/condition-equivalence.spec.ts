import sift from 'sift';
import { EVENTS } from '../testing/event-fixtures';
import { ConditionView, compileCondition, conditionViewOf } from './condition';
import { InvalidCondition, checkCondition } from './condition-validation';
import { Random, quotableValues, randomCondition, randomView } from '../testing/condition-samples';

/**
 * Differential test: the compiled tester must answer what sift (the library conditions used to
 * run on, and whose semantics subscriptions were written against) answers, for random
 * conditions over every allowed operator against the fixtures and random payloads, and refuse
 * the same conditions with the same message. Seeded, so a failure names a reproducible
 * (seed, condition, view).
 *
 * The contract covers JSON conditions and views of JSON values (plus undefined for a missing
 * field), which is what Herald evaluates. Beyond it the two differ, untested: sift compares a
 * Date in a view as its timestamp and an object with a toJSON method as its result, and runs a
 * function or RegExp found in a condition; the compiled tester treats them as plain values.
 */

type Outcome = boolean[] | string;

/** What the previous implementation did: validation, then sift; an error is "no match". */
function siftOutcome(condition: unknown, views: ConditionView[]): Outcome {
  try {
    checkCondition(condition);
  } catch (error) {
    return (error as Error).message;
  }
  let test: (view: ConditionView) => boolean;
  try {
    test = sift(condition as Record<string, unknown>);
  } catch (error) {
    return new InvalidCondition('$', (error as Error).message).message;
  }
  return views.map((view) => {
    try {
      return test(view);
    } catch {
      return false;
    }
  });
}

function compiledOutcome(condition: unknown, views: ConditionView[]): Outcome {
  let test: (view: ConditionView) => boolean;
  try {
    test = compileCondition(condition);
  } catch (error) {
    return (error as Error).message;
  }
  return views.map((view) => test(view));
}

const CONDITIONS_PER_SEED = 3_000;
const RANDOM_VIEWS = 33;
const SEEDS = [1, 2, 3, 4];

describe('compiled conditions answer exactly what sift answers', () => {
  // 4 seeds x 3,000 conditions, each against 7 fixtures + 33 random views: about 446,000
  // (condition, view) pairs, and 850 conditions refused, compared on their error message.
  it.each(SEEDS)('seed %i', (seed) => {
    const random = new Random(seed);
    const views = [
      ...Object.values(EVENTS).map(conditionViewOf),
      ...Array.from({ length: RANDOM_VIEWS }, () => randomView(random)),
    ];
    // Conditions quote values the views hold, so that they match some views and not others.
    random.quotable = quotableValues(views);
    const mismatches: string[] = [];
    const sample = { compared: 0, matched: 0, refused: 0, telling: 0, orderSensitive: 0 };
    for (let n = 0; n < CONDITIONS_PER_SEED; n++) {
      const condition = randomCondition(random);
      const expected = siftOutcome(condition, views);
      const actual = compiledOutcome(condition, views);
      mismatches.push(
        ...differences(`#${n} ${JSON.stringify(condition)}`, views, expected, actual),
      );
      if (typeof expected === 'string') {
        sample.refused++;
        continue;
      }
      sample.compared += views.length;
      sample.matched += expected.filter(Boolean).length;
      if (expected.includes(true) && expected.includes(false)) sample.telling++;
      if (hasOrUnderField(condition, false)) sample.orderSensitive++;
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    // The sample must exercise both answers, refusals and order-sensitive $or, or it proves
    // little: a quarter of the conditions match some views and not others.
    expect(sample.compared).toBeGreaterThan(CONDITIONS_PER_SEED * views.length * 0.85);
    expect(sample.matched / sample.compared).toBeGreaterThan(0.12);
    expect(sample.telling).toBeGreaterThan(CONDITIONS_PER_SEED * 0.2);
    expect(sample.refused).toBeGreaterThan(CONDITIONS_PER_SEED * 0.01);
    expect(sample.orderSensitive).toBeGreaterThan(CONDITIONS_PER_SEED * 0.1);
  });
});

function differences(
  condition: string,
  views: ConditionView[],
  expected: Outcome,
  actual: Outcome,
): string[] {
  if (typeof expected === 'string' || typeof actual === 'string') {
    return expected === actual ? [] : [`${condition}: sift ${expected}, ours ${actual}`];
  }
  return views.flatMap((view, v) =>
    actual[v] === expected[v]
      ? []
      : [`${condition} on ${JSON.stringify(view)}: sift ${expected[v]}, ours ${actual[v]}`],
  );
}

/** Whether an $or/$nor sits below a field (where it may see several values, in order). */
function hasOrUnderField(node: unknown, underField: boolean): boolean {
  if (Array.isArray(node)) return node.some((item) => hasOrUnderField(item, underField));
  if (typeof node !== 'object' || node === null) return false;
  return Object.entries(node).some(
    ([key, child]) =>
      (underField && (key === '$or' || key === '$nor')) ||
      hasOrUnderField(child, underField || !key.startsWith('$')),
  );
}
