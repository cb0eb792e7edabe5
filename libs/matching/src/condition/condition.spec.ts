import { EVENTS } from '../testing/event-fixtures';
import { compileCondition, conditionProblem, conditionViewOf } from './condition';

describe('conditions', () => {
  const view = conditionViewOf(EVENTS.productPriceChanged);

  it('sees the routing attributes and data under documented names', () => {
    expect(Object.keys(view).sort()).toEqual(
      [
        'action',
        'data',
        'entityId',
        'entityType',
        'id',
        'source',
        'subject',
        'tenantId',
        'time',
        'trigger',
        'type',
      ].sort(),
    );
    expect(compileCondition({ type: 'product.price.changed', 'data.price.old': 119.9 })(view)).toBe(
      true,
    );
  });

  it.each([
    [[], '$: must be an object'],
    [{ $where: 'true' }, '$.$where: operator $where is not supported'],
    [{ a: { $function: {} } }, '$.a.$function: operator $function is not supported'],
    [{ $or: [] }, '$.$or: must be a non-empty array'],
    [{ $and: {} }, '$.$and: must be a non-empty array'],
    [{ a: { $in: 'x' } }, '$.a.$in: must be an array'],
    [{ a: { $exists: 1 } }, '$.a.$exists: must be true or false'],
    [{ a: { $regex: '(' } }, '$.a.$regex: is not a valid regular expression'],
    [{ a: { $regex: 'x', $options: 'g' } }, '$.a.$options: must be regular expression flags'],
    [{ 'data.s': { $regex: '(a)\\1' } }, '$.data.s.$regex: uses a backreference'],
    [{ a: { $elemMatch: { $regex: '(?=x)' } } }, '$.a.$elemMatch.$regex: uses a lookahead'],
    [{ a: { $regex: 'x'.repeat(513) } }, '$.a.$regex: must be at most 512 characters'],
    [{ a: { $type: 'object' } }, '$.a.$type: must be one of'],
    [{ a: { $mod: [0, 1] } }, '$.a.$mod: divisor must not be 0'],
    [{ a: { $not: 'x' } }, '$.a.$not: must be a condition object'],
    [{ $or: [{ a: { $where: 'x' } }] }, '$.$or[0].a.$where: operator $where is not supported'],
  ])('rejects %j: %s', (condition, message) => {
    expect(conditionProblem(condition)).toContain(`condition ${message}`);
  });

  it('accepts every supported operator', () => {
    expect(
      conditionProblem({
        $and: [{ a: { $eq: 1, $ne: 2, $gt: 0, $gte: 1, $lt: 5, $lte: 4 } }],
        $or: [{ b: { $in: [1] } }, { b: { $nin: [2] } }],
        $nor: [{ c: { $exists: true } }],
        d: { $regex: '^x', $options: 'i' },
        e: { $not: { $size: 2 } },
        f: { $all: [1], $elemMatch: { g: 1 } },
        h: { $type: 'number', $mod: [2, 0] },
      }),
    ).toBeNull();
  });

  it('evaluates a catastrophic $regex in linear time (the matcher stall of issue 18)', () => {
    const test = compileCondition({ 'data.s': { $regex: '(a+)+$' } });
    const hostile = { ...view, data: { s: `${'a'.repeat(100_000)}!` } };
    const start = Date.now();
    expect(test(hostile)).toBe(false);
    expect(Date.now() - start).toBeLessThan(1_000);
    expect(test({ ...view, data: { s: 'aaa' } })).toBe(true);
  });
});
