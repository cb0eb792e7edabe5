import { isRecord } from '@herald/contracts';

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
const MAX_DEPTH = 12;
const MAX_REGEX_LENGTH = 512;
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
      checkOperator(key, child, childPath);
    }
    checkNode(child, childPath, depth + 1);
  }
}

function checkOperator(operator: string, value: unknown, path: string): void {
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
      if (value.length > MAX_REGEX_LENGTH)
        throw new InvalidCondition(path, `must be at most ${MAX_REGEX_LENGTH} characters`);
      try {
        new RegExp(value);
      } catch (error) {
        throw new InvalidCondition(
          path,
          `is not a valid regular expression (${(error as Error).message})`,
        );
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
