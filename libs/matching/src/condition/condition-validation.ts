import { isRecord } from '@herald/contracts';
import { MAX_TENANT_REGEX_LENGTH, RegexRefusal, compileTenantRegex } from '@herald/bounded-regex';
import { CONDITION_MAX_DEPTH } from './condition-depth';

/**
 * Operators a condition may use. `$where` (JavaScript) is deliberately absent: a tenant's
 * condition must never run code in Herald.
 */
export const CONDITION_OPERATORS = [
  '$eq',
  '$ne',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$in',
  '$nin',
  '$exists',
  '$regex',
  '$options',
  '$and',
  '$or',
  '$nor',
  '$not',
  '$all',
  '$elemMatch',
  '$size',
  '$type',
  '$mod',
] as const;

const ALLOWED = new Set<string>(CONDITION_OPERATORS);
const MAX_DEPTH = CONDITION_MAX_DEPTH;
const REGEX_OPTIONS = /^[imsu]*$/;
const TYPE_NAMES = ['number', 'string', 'bool', 'array', 'null'];

export class InvalidCondition extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`condition ${path}: ${reason}`);
    this.name = 'InvalidCondition';
  }
}

/**
 * Checks that a condition is an object that uses only allowed operators, each with a value of
 * the right shape, nested at most MAX_DEPTH deep. Throws `InvalidCondition` naming the path.
 */
export function checkCondition(condition: unknown): asserts condition is Record<string, unknown> {
  if (!isRecord(condition)) throw new InvalidCondition('$', 'must be an object');
  checkNode(condition, '$', 0);
}

function checkNode(value: unknown, path: string, depth: number): void {
  if (depth > MAX_DEPTH) throw new InvalidCondition(path, `is nested deeper than ${MAX_DEPTH}`);
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkNode(item, `${path}[${i}]`, depth + 1));
    return;
  }
  if (!isRecord(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const childPath = `${path}.${key}`;
    if (key.startsWith('$')) {
      if (!ALLOWED.has(key)) {
        throw new InvalidCondition(
          childPath,
          `operator ${key} is not supported (use one of ${CONDITION_OPERATORS.join(' ')})`,
        );
      }
      checkOperator(key, child, childPath, value);
    }
    checkNode(child, childPath, depth + 1);
  }
}

function checkOperator(
  operator: string,
  value: unknown,
  path: string,
  query: Record<string, unknown>,
): void {
  switch (operator) {
    case '$and':
    case '$or':
    case '$nor':
      if (!Array.isArray(value) || value.length === 0)
        throw new InvalidCondition(path, 'must be a non-empty array of conditions');
      return;
    case '$in':
    case '$nin':
    case '$all':
      if (!Array.isArray(value)) throw new InvalidCondition(path, 'must be an array');
      return;
    case '$exists':
      if (typeof value !== 'boolean') throw new InvalidCondition(path, 'must be true or false');
      return;
    case '$regex':
      if (typeof value !== 'string') throw new InvalidCondition(path, 'must be a string');
      if (value.length > MAX_TENANT_REGEX_LENGTH)
        throw new InvalidCondition(path, `must be at most ${MAX_TENANT_REGEX_LENGTH} characters`);
      try {
        compileTenantRegex(value, regexFlagsOf(query));
      } catch (error) {
        if (error instanceof RegexRefusal) throw new InvalidCondition(path, error.message);
        throw error;
      }
      return;
    case '$options':
      if (typeof value !== 'string' || !REGEX_OPTIONS.test(value))
        throw new InvalidCondition(path, 'must be regular expression flags among i, m, s, u');
      return;
    case '$size':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
        throw new InvalidCondition(path, 'must be a non-negative integer');
      return;
    case '$mod':
      if (!Array.isArray(value) || value.length !== 2 || !value.every((n) => typeof n === 'number'))
        throw new InvalidCondition(path, 'must be [divisor, remainder]');
      if (value[0] === 0) throw new InvalidCondition(path, 'divisor must not be 0');
      return;
    case '$type':
      if (typeof value !== 'string' || !TYPE_NAMES.includes(value))
        throw new InvalidCondition(path, `must be one of ${TYPE_NAMES.join(', ')}`);
      return;
    case '$not':
    case '$elemMatch':
      if (!isRecord(value)) throw new InvalidCondition(path, 'must be a condition object');
      return;
    default:
      return;
  }
}

/**
 * The flags `$regex` is checked with: its `$options` when they are valid flags (checked on their
 * own), else none, so that the pattern's problem and the flags' problem are each reported once.
 */
function regexFlagsOf(query: Record<string, unknown>): string {
  const options = query.$options;
  if (typeof options !== 'string' || !REGEX_OPTIONS.test(options)) return '';
  return new Set(options).size === options.length ? options : '';
}
