/**
 * A dependency-free validation kit for message contracts. Every failure names the
 * offending field, so a rejected message can be explained to whoever produced it.
 */
export interface ValidationIssue {
  field: string;
  message: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

export class ContractViolation extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super(issues.map((i) => `${i.field}: ${i.message}`).join('; '));
    this.name = 'ContractViolation';
  }
}

export function describeIssues(issues: ValidationIssue[]): string {
  return issues.map((i) => `${i.field}: ${i.message}`).join('; ');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Collects issues while reading fields of an untrusted object. */
export class FieldReader {
  readonly issues: ValidationIssue[] = [];

  constructor(
    private readonly source: Record<string, unknown>,
    private readonly prefix = '',
  ) {}

  private path(field: string): string {
    return this.prefix ? `${this.prefix}.${field}` : field;
  }

  fail(field: string, message: string): void {
    this.issues.push({ field: this.path(field), message });
  }

  raw(field: string): unknown {
    return this.source[field];
  }

  string(
    field: string,
    opts: { optional: true; pattern?: RegExp; maxLength?: number },
  ): string | undefined;
  string(field: string, opts?: { optional?: false; pattern?: RegExp; maxLength?: number }): string;
  string(
    field: string,
    opts: { optional?: boolean; pattern?: RegExp; maxLength?: number } = {},
  ): string | undefined {
    const value = this.source[field];
    if (value === undefined || value === null) {
      if (!opts.optional) this.fail(field, 'is required');
      return undefined;
    }
    if (typeof value !== 'string') {
      this.fail(field, `must be a string, got ${typeOf(value)}`);
      return undefined;
    }
    if (!opts.optional && value.length === 0) {
      this.fail(field, 'must not be empty');
      return undefined;
    }
    if (opts.maxLength !== undefined && value.length > opts.maxLength) {
      this.fail(field, `must be at most ${opts.maxLength} characters`);
      return undefined;
    }
    if (opts.pattern && !opts.pattern.test(value)) {
      this.fail(field, `must match ${opts.pattern}`);
      return undefined;
    }
    return value;
  }

  integer(field: string, opts: { optional: true; min?: number; max?: number }): number | undefined;
  integer(field: string, opts?: { optional?: false; min?: number; max?: number }): number;
  integer(
    field: string,
    opts: { optional?: boolean; min?: number; max?: number } = {},
  ): number | undefined {
    const value = this.source[field];
    if (value === undefined || value === null) {
      if (!opts.optional) this.fail(field, 'is required');
      return undefined;
    }
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.fail(field, `must be an integer, got ${typeOf(value)}`);
      return undefined;
    }
    if (opts.min !== undefined && value < opts.min) {
      this.fail(field, `must be >= ${opts.min}`);
      return undefined;
    }
    if (opts.max !== undefined && value > opts.max) {
      this.fail(field, `must be <= ${opts.max}`);
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(
    field: string,
    allowed: readonly T[],
    opts: { optional: true },
  ): T | undefined;
  oneOf<T extends string>(field: string, allowed: readonly T[], opts?: { optional?: false }): T;
  oneOf<T extends string>(
    field: string,
    allowed: readonly T[],
    opts: { optional?: boolean } = {},
  ): T | undefined {
    const value = this.source[field];
    if (value === undefined || value === null) {
      if (!opts.optional) this.fail(field, 'is required');
      return undefined;
    }
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      this.fail(field, `must be one of ${allowed.join(', ')}`);
      return undefined;
    }
    return value as T;
  }

  timestamp(field: string, opts: { optional: true }): string | undefined;
  timestamp(field: string, opts?: { optional?: false }): string;
  timestamp(field: string, opts: { optional?: boolean } = {}): string | undefined {
    const value = opts.optional ? this.string(field, { optional: true }) : this.string(field);
    if (value === undefined) return undefined;
    if (!RFC3339.test(value) || Number.isNaN(Date.parse(value))) {
      this.fail(field, 'must be an RFC 3339 timestamp');
      return undefined;
    }
    return value;
  }

  record(field: string, opts: { optional: true }): Record<string, unknown> | undefined;
  record(field: string, opts?: { optional?: false }): Record<string, unknown>;
  record(field: string, opts: { optional?: boolean } = {}): Record<string, unknown> | undefined {
    const value = this.source[field];
    if (value === undefined || value === null) {
      if (!opts.optional) this.fail(field, 'is required');
      return undefined;
    }
    if (!isRecord(value)) {
      this.fail(field, `must be an object, got ${typeOf(value)}`);
      return undefined;
    }
    return value;
  }

  result<T>(value: T): Validated<T> {
    return this.issues.length === 0 ? { ok: true, value } : { ok: false, issues: this.issues };
  }
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

export function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Parses JSON, reporting a syntax error as a contract issue rather than throwing. */
export function parseJson(text: string, field = '$'): Validated<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return {
      ok: false,
      issues: [{ field, message: `is not valid JSON (${(error as Error).message})` }],
    };
  }
}
