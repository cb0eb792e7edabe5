import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { FieldIssue, invalid } from './problem';
import { SCHEMAS, SchemaName } from './schemas';

const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: false });
addFormats(ajv);
for (const [name, schema] of Object.entries(SCHEMAS)) ajv.addSchema(schema, name);

const compiled = new Map<SchemaName, ValidateFunction>();

/** `/retryPolicy/maxAttempts` + a missing `url` -> `retryPolicy.maxAttempts`, `url`. */
export function fieldOf(error: ErrorObject): string {
  const base = error.instancePath
    .split('/')
    .filter(Boolean)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
  const child =
    (error.params as { missingProperty?: string }).missingProperty ??
    (error.params as { additionalProperty?: string }).additionalProperty;
  if (child) return base ? `${base}.${child}` : child;
  return base || '$';
}

export function issuesOf(errors: ErrorObject[]): FieldIssue[] {
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  for (const error of errors) {
    const field = fieldOf(error);
    const message =
      error.keyword === 'additionalProperties'
        ? 'is not a known field'
        : error.keyword === 'required'
          ? 'is required'
          : (error.message ?? 'is invalid');
    const key = `${field}|${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      issues.push({ field, message });
    }
  }
  return issues;
}

/** Validates a request body against one of the published JSON Schemas; 400 naming the fields. */
export function validateBody<T>(name: SchemaName, body: unknown): T {
  let validate = compiled.get(name);
  if (!validate) {
    validate = ajv.getSchema(name) as ValidateFunction;
    compiled.set(name, validate);
  }
  if (body === undefined || body === null)
    throw invalid([{ field: '$', message: 'a JSON body is required' }]);
  if (!validate(body)) throw invalid(issuesOf(validate.errors ?? []));
  return body as T;
}
