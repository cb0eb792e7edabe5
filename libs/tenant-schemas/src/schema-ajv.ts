import Ajv from 'ajv';
import { TENANT_SCHEMA_AJV_OPTIONS, addLinearFormats } from '@herald/bounded-regex';
import { setFlagsFromString } from 'v8';

let evalCacheOff = false;

/**
 * ajv turns every schema into JavaScript source and compiles it with `new Function`; V8 keeps
 * each such source with its compiled code in its compilation cache until the entry ages out.
 * Tenant schemas are each compiled once, so the cache never hits, but it held about 15 KB per
 * schema: 10,000 distinct schemas grew the live heap in a sawtooth up to 160 MB. Without it the
 * heap stays flat (1.3 MB after 4,000). Turned off once, in the processes that compile tenant
 * schemas (subscription-api, event-ingest), on their first schema.
 */
function turnOffEvalCompilationCache(): void {
  if (evalCacheOff) return;
  setFlagsFromString('--no-compilation-cache');
  evalCacheOff = true;
}

/**
 * A new ajv for one tenant schema. Every schema compiles in an instance of its own, dropped with
 * its validator: ajv keeps what it compiles (by `$id`, by schema object, and every pattern and
 * referenced function in the instance's shared scope, which `removeSchema` does not clear), so
 * a long-lived instance grows with every schema ever compiled, failed ones included, and makes
 * a `$id` global. A fresh instance costs about 0.4 ms and 1-3 KB beside its validator.
 *
 * - `validateSchema: false`: the schema was already checked against the meta-schema by the one
 *   long-lived {@link metaSchemaChecker}, whose compiled meta-schema is shared.
 * - `inlineRefs: 8`: only definitions of up to 8 keywords are inlined. With ajv's default every
 *   `$ref` to a definition without refs is inlined whatever its size: 300 references to one
 *   300-property definition (18 KB of JSON) generate 33 MB of code, 28 s and 800 MB to compile.
 * - `code.optimize: false`: ajv's code optimiser makes compiling about 7 times slower (2,000
 *   properties: 4.6 s instead of 0.6 s) for a small gain in validation speed.
 * - `logger: false`: unknown formats and keywords are ignored without a log line per compile.
 */
export function newSchemaAjv(): Ajv {
  turnOffEvalCompilationCache();
  const ajv = new Ajv({
    strict: false,
    allErrors: false,
    validateSchema: false,
    inlineRefs: 8,
    logger: false,
    code: { ...TENANT_SCHEMA_AJV_OPTIONS.code, optimize: false },
  });
  // Tenants' patterns and the formats run in linear time: no event can stall validation.
  return addLinearFormats(ajv);
}

let checker: Ajv | undefined;

/** The one instance that validates schemas against the meta-schema; it compiles no tenant schema. */
export function metaSchemaChecker(): Ajv {
  checker ??= new Ajv({ strict: false, logger: false });
  return checker;
}
