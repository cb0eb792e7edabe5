import sift from 'sift';
import { EVENTS } from '../testing/event-fixtures';
import { ConditionView, compileCondition, conditionProblem, conditionViewOf } from './condition';
import { compileQuery } from './condition-compiler';
import { planQuery } from './condition-plan';

/**
 * The Mongo-style behaviours subscriptions rely on, each stated with its answer, and each
 * checked against sift (the library conditions ran on before, whose answers are the contract).
 */
const priceChanged = conditionViewOf(EVENTS.productPriceChanged);
const orderCreated = conditionViewOf(EVENTS.orderCreated);
const productDeleted = conditionViewOf(EVENTS.productDeleted);

function withData(data: unknown): ConditionView {
  return { ...priceChanged, data };
}

type Case = [string, Record<string, unknown>, ConditionView, boolean];

const CASES: Case[] = [
  ['a path through an array of objects', { 'data.lines.sku': 'SKU-3003' }, orderCreated, true],
  ['a numeric segment indexes an array', { 'data.tags.0': 'sale' }, priceChanged, true],
  ['... and only that element', { 'data.tags.1': 'sale' }, priceChanged, false],
  ['an array equals a value it contains', { 'data.tags': 'sale' }, priceChanged, true],
  ['an array equals an equal array', { 'data.tags': ['sale', 'footwear'] }, priceChanged, true],
  ['... in the same order', { 'data.tags': ['footwear', 'sale'] }, priceChanged, false],
  ['$in against an array', { 'data.tags': { $in: ['x', 'footwear'] } }, priceChanged, true],
  ['$in listing an array', { 'data.tags': { $in: [['sale', 'footwear']] } }, priceChanged, true],
  ['$ne holds on a missing field', { 'data.missing': { $ne: 'x' } }, priceChanged, true],
  ['$nin holds on a missing field', { 'data.missing': { $nin: ['x'] } }, priceChanged, true],
  ['... unless it lists null', { 'data.missing': { $nin: [null] } }, priceChanged, false],
  ['$ne fails if any element equals', { 'data.tags': { $ne: 'sale' } }, priceChanged, false],
  ['$exists on a null value', { 'data.reason': { $exists: true } }, productDeleted, true],
  [
    'a null on the way is not present',
    { 'data.reason.code': { $exists: false } },
    productDeleted,
    true,
  ],
  ['$regex with $options', { 'data.tags': { $regex: '^FOOT', $options: 'i' } }, priceChanged, true],
  ['$regex without', { 'data.tags': { $regex: '^FOOT' } }, priceChanged, false],
  ['$regex ignores non-strings', { 'data.price.old': { $regex: '119' } }, priceChanged, false],
  ['$all in any order', { 'data.channels': { $all: ['store', 'web'] } }, priceChanged, true],
  ['$all of nothing holds (sift)', { 'data.missing': { $all: [] } }, priceChanged, true],
  [
    '$elemMatch on objects: one element meets all',
    { 'data.lines': { $elemMatch: { sku: 'SKU-1001', qty: { $gte: 2 } } } },
    orderCreated,
    true,
  ],
  [
    '... not spread over two elements',
    { 'data.lines': { $elemMatch: { sku: 'SKU-1001', qty: 1 } } },
    orderCreated,
    false,
  ],
  ['$elemMatch on strings', { 'data.tags': { $elemMatch: { $regex: '^f' } } }, priceChanged, true],
  ['$size', { 'data.tags': { $size: 2 } }, priceChanged, true],
  ['$type null', { 'data.reason': { $type: 'null' } }, productDeleted, true],
  ['$type null is not missing', { 'data.missing': { $type: 'null' } }, productDeleted, false],
  ['$type array', { 'data.tags': { $type: 'array' } }, priceChanged, true],
  ['$mod over array elements', { 'data.lines.qty': { $mod: [2, 0] } }, orderCreated, true],
  ['$not', { 'data.code': { $not: { $in: ['P200'] } } }, priceChanged, false],
  ['$not on a missing field', { 'data.missing': { $not: { $in: ['P200'] } } }, priceChanged, true],
  [
    'nested $and, $or, $nor',
    {
      $and: [
        { $or: [{ 'data.code': 'P100' }, { 'data.tags': 'sale' }] },
        { $nor: [{ trigger: 'import' }, { 'data.discontinued': true }] },
      ],
    },
    priceChanged,
    true,
  ],
  [
    'several keys all hold',
    { type: 'product.price.changed', 'data.code': 'P100' },
    priceChanged,
    false,
  ],
  ['no cross-type $gt', { 'data.code': { $gt: 100 } }, priceChanged, false],
  ['strings compare as strings', { 'data.code': { $gt: 'P1' } }, priceChanged, true],
  ['null matches a missing field', { 'data.missing': null }, priceChanged, true],
  ['null matches a missing field on the way', { 'data.missing.deep': null }, priceChanged, true],
  [
    'objects are equal whatever their key order',
    { 'data.price': { currency: 'EUR', new: 99.9, old: 119.9 } },
    priceChanged,
    true,
  ],
  ['... but not a subset', { 'data.price': { old: 119.9, new: 99.9 } }, priceChanged, false],
  ['dates compare as strings', { time: { $gte: '2026-11-20T09:00:00Z' } }, priceChanged, true],
  ['$gte null matches missing', { 'data.missing': { $gte: null } }, priceChanged, true],
  ['`length` is read from the array', { 'data.tags.length': 2 }, priceChanged, true],
  // sift's corners, kept because existing conditions were written against them.
  ['sift: { a: null } equals { b: 1 }', { 'data.x': { a: null } }, withData({ x: { b: 1 } }), true],
  [
    'sift: $or under $not settles on the first value that satisfies it',
    { 'data.a': { $not: { $or: [{ $ne: 5 }] } } },
    withData({ a: [3, 5] }),
    false,
  ],
  [
    '... so order matters',
    { 'data.a': { $not: { $or: [{ $ne: 5 }] } } },
    withData({ a: [5, 3] }),
    true,
  ],
  [
    'sift: $elemMatch gives up at an inner array that does not match',
    { 'data.m': { $elemMatch: { $gt: 5 } } },
    withData({ m: [[1], [9]] }),
    false,
  ],
  [
    '... so order matters',
    { 'data.m': { $elemMatch: { $gt: 5 } } },
    withData({ m: [[9], [1]] }),
    true,
  ],
  [
    'sift: an element $elemMatch sees is at its index',
    { 'data.m': { $elemMatch: { $exists: false } } },
    withData({ m: [undefined] }),
    false,
  ],
  [
    'a null element has no fields',
    { 'data.m': { $elemMatch: { b: { $exists: false } } } },
    withData({ m: [null] }),
    true,
  ],
  [
    'sift: a $or under a field named like an Object.prototype member is allowed',
    { valueOf: { $or: [{ name: 'valueOf' }] } },
    priceChanged,
    true,
  ],
];

describe('compiled conditions', () => {
  it.each(CASES)('%s', (_name, condition, view, expected) => {
    expect(sift(condition)(view)).toBe(expected);
    expect(compileCondition(condition)(view)).toBe(expected);
  });

  it.each([
    [{ a: { $or: [{ b: 1 }] } }, 'Malformed query. $or cannot be matched against property.'],
    [{ a: { $gt: 1, b: 2 } }, 'Property queries must contain only operations, or exact objects.'],
    [{ a: { $in: [{ $eq: 1 }] } }, 'cannot nest $ under $in'],
    [{ a: { $nin: [{ $eq: 1 }] } }, 'cannot nest $ under $nin'],
    [{ a: { $regex: 'a', $options: 'ii' } }, "Invalid flags supplied to RegExp constructor 'ii'"],
  ])('refuses %j as sift does: %s', (condition, message) => {
    expect(() => sift(condition)).toThrow(message);
    expect(conditionProblem(condition)).toBe(`condition $: ${message}`);
  });

  it('evaluates a query of an array as sift does: its operators see the elements too', () => {
    const query = { $gt: 1, $size: 2 };
    const test = compileQuery(planQuery(query));
    expect(sift(query)([1, 2])).toBe(true);
    expect(test([1, 2], undefined, undefined, true)).toBe(true);
    expect(test([0, 1], undefined, undefined, true)).toBe(false);
  });

  it('never throws: a failing evaluation is no match', () => {
    const test = compileCondition({ 'data.a': 1 });
    const hostile = withData(null);
    Object.defineProperty(hostile, 'data', {
      get() {
        throw new Error('boom');
      },
    });
    expect(test(hostile)).toBe(false);
  });
});
