import { ErrorObject } from 'ajv';
import { metaSchemaChecker, newSchemaAjv } from './schema-ajv';
import { SchemaLimits, measureSchema } from './schema-limits';

/** Checks an event's `data`: null when it is valid, else what is wrong (`data.total must be number`). */
export type DataValidator = (data: unknown) => string | null;

/** One JSON Schema error in an event's `data`, naming its field (`data.total`). */
export interface DataIssue {
  field: string;
  message: string;
}

/** Checks an event's `data`: null when it is valid, else its errors (at most MAX_DATA_ISSUES). */
export type DataChecker = (data: unknown) => DataIssue[] | null;

export type SchemaCompilation =
  | { ok: true; validate: DataValidator; check: DataChecker; bytes: number }
  | { ok: false; problem: string };

/** Most errors reported for one event (ajv stops at the first unless allErrors, but be sure). */
export const MAX_DATA_ISSUES = 20;

/** The meta-schemas a tenant may name in `$schema` (the one ajv validates against). */
const SUPPORTED_META = new Set([
  'http://json-schema.org/draft-07/schema',
  'http://json-schema.org/draft-07/schema#',
]);

/** Longest problem text returned: ajv quotes the schema's own strings in its messages. */
const MAX_PROBLEM_CHARS = 500;

/**
 * Compiles one tenant's JSON Schema for an event type, or says why it cannot be used. The size
 * limits are checked before anything walks the schema; the schema is validated against the
 * meta-schema, then compiled in an ajv instance of its own (see {@link newSchemaAjv}), so that
 * its `$id`, `$anchor`s and `$ref`s resolve within this schema only: another schema's `$id`,
 * of this tenant or any other, is unknown here, and the same `$id` in two schemas never clashes.
 * Nothing is kept after a failure.
 */
export function compileTenantSchema(schema: unknown, limits: SchemaLimits): SchemaCompilation {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    return { ok: false, problem: 'must be a JSON Schema object' };
  }
  const size = measureSchema(schema, limits);
  if (!size.ok) return size;
  const meta = (schema as { $schema?: unknown }).$schema;
  if (meta !== undefined && !(typeof meta === 'string' && SUPPORTED_META.has(meta))) {
    return {
      ok: false,
      problem: '$schema must be absent or http://json-schema.org/draft-07/schema#',
    };
  }
  try {
    const checker = metaSchemaChecker();
    if (!checker.validateSchema(schema)) {
      return { ok: false, problem: clip(`is not a valid JSON Schema: ${checker.errorsText()}`) };
    }
    const validate = newSchemaAjv().compile(schema);
    if ((validate as { $async?: boolean }).$async)
      return { ok: false, problem: 'must not be an asynchronous ($async) schema' };
    const check: DataChecker = (data) => (validate(data) ? null : issuesOf(validate.errors ?? []));
    return {
      ok: true,
      bytes: size.bytes,
      check,
      validate: (data) => {
        const issues = check(data);
        return issues === null ? null : describeDataIssues(issues);
      },
    };
  } catch (error) {
    return { ok: false, problem: clip(`is not a valid JSON Schema: ${(error as Error).message}`) };
  }
}

function issuesOf(errors: ErrorObject[]): DataIssue[] {
  const issues = errors.slice(0, MAX_DATA_ISSUES).map((e) => ({
    field: clip(`data${e.instancePath.replace(/\//g, '.')}`),
    message: clip(e.message ?? 'is invalid'),
  }));
  return issues.length > 0 ? issues : [{ field: 'data', message: 'is invalid' }];
}

/** The issues as one line (`data.total must be number; data.email must match format "email"`). */
export function describeDataIssues(issues: readonly DataIssue[]): string {
  return clip(issues.map((i) => `${i.field} ${i.message}`).join('; '));
}

function clip(text: string): string {
  return text.length <= MAX_PROBLEM_CHARS ? text : `${text.slice(0, MAX_PROBLEM_CHARS - 1)}…`;
}
