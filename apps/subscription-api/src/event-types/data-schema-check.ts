import { jsonSchemaRegexIssues } from '@herald/bounded-regex';
import { SchemaLimits, compileTenantSchema, measureSchema } from '@herald/tenant-schemas';
import { invalidField } from '../http/problem';
import { SubscriptionApiConfig } from '../subscription-api.config';

export function schemaLimitsOf(config: SubscriptionApiConfig): SchemaLimits {
  return { maxBytes: config.HERALD_SCHEMA_MAX_BYTES, maxDepth: config.HERALD_SCHEMA_MAX_DEPTH };
}

/**
 * A data schema must be within the size limits (checked first, before any walk), have regular
 * expressions the linear-time engine can run (each refusal names its path), and compile as
 * event-ingest will compile it: in
 * an ajv instance of its own that is dropped afterwards, so nothing of it stays in this process
 * and its `$id` cannot clash with, or `$ref` into, any other schema. 400 naming `schema` if not.
 */
export function checkDataSchema(
  schema: Record<string, unknown> | null | undefined,
  limits: SchemaLimits,
): void {
  if (!schema) return;
  const size = measureSchema(schema, limits);
  if (!size.ok) throw invalidField('schema', size.problem);
  const [regexIssue] = jsonSchemaRegexIssues(schema);
  if (regexIssue) throw invalidField(`schema.${regexIssue.path}`, regexIssue.message);
  const compiled = compileTenantSchema(schema, limits);
  if (!compiled.ok) throw invalidField('schema', compiled.problem);
}
