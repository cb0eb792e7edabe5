import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { FieldIssue, invalid } from './problem';
import { DEFAULT_SCHEMA_LIMITS, SchemaLimits, SchemaName, requestSchemas } from './schemas';
import { printableKey } from '@herald/contracts';

/** The limits request bodies are checked against (from configuration). */
export interface BodyLimits extends SchemaLimits {
  /** Largest `metadata` object, as UTF-8 bytes of its JSON. */
  maxMetadataBytes: number;
}

export const DEFAULT_BODY_LIMITS: BodyLimits = { ...DEFAULT_SCHEMA_LIMITS, maxMetadataBytes: 8192 };

const HEADER_VALUE_MESSAGE =
  'must contain only Latin-1 characters, spaces and tabs (no CR, LF or other control characters)';

/** `/retryPolicy/maxAttempts` + a missing `url` -> `retryPolicy.maxAttempts`, `url`. */
export function fieldOf(error: ErrorObject): string {
  const base = error.instancePath
    .split('/')
    .filter(Boolean)
    .map((p) => printableKey(p.replace(/~1/g, '/').replace(/~0/g, '~')))
    .join('.');
  const params = error.params as {
    missingProperty?: string;
    additionalProperty?: string;
    propertyName?: string;
  };
  const child =
    params.missingProperty ??
    params.additionalProperty ??
    error.propertyName ??
    params.propertyName;
  if (child !== undefined) {
    const name = printableKey(child);
    return base ? `${base}.${name}` : name;
  }
  return base || '$';
}

function messageOf(error: ErrorObject): string {
  if (error.keyword === 'additionalProperties') return 'is not a known field';
  if (error.keyword === 'required') return 'is required';
  if (error.keyword === 'propertyNames' || error.propertyName !== undefined) {
    return 'is not an acceptable field name';
  }
  if (error.keyword === 'pattern' && /^\/(headers\/|credential\/value$)/.test(error.instancePath)) {
    return HEADER_VALUE_MESSAGE;
  }
  if (error.keyword === 'pattern' && /^\/signing\/options\//.test(error.instancePath)) {
    return signingPatternMessage(error.instancePath);
  }
  if (error.keyword === 'pattern' && /^\/credential\//.test(error.instancePath)) {
    return credentialPatternMessage(error.instancePath);
  }
  return error.message ?? 'is invalid';
}

function signingPatternMessage(path: string): string {
  if (path.includes('/components/')) {
    return 'must be a derived component (@method) or a lower-case header name';
  }
  if (path.includes('/headers/')) {
    return 'must be a pseudo-header ((request-target)) or a lower-case header name';
  }
  return 'must be printable ASCII';
}

function credentialPatternMessage(path: string): string {
  if (path === '/credential/name') return 'is not a valid header name';
  if (path === '/credential/scope') return 'must be space-separated scope tokens';
  if (path === '/credential/username')
    return 'must not contain a colon or control characters (CR, LF, NUL...)';
  return 'must not contain control characters (CR, LF, NUL...)';
}

export function issuesOf(errors: ErrorObject[]): FieldIssue[] {
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  for (const error of errors) {
    // ajv reports a bad property name twice: the name's own error, then `propertyNames`.
    if (error.keyword === 'propertyNames') continue;
    const field = fieldOf(error);
    const message = messageOf(error);
    const key = `${field}|${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      issues.push({ field, message });
    }
  }
  return issues;
}

/**
 * Validates request bodies against the published JSON Schemas (with the configured limits),
 * then the limits a schema cannot express (the metadata size); a 400 names every field.
 */
export class RequestValidator {
  private readonly validators = new Map<SchemaName, ValidateFunction>();

  constructor(private readonly limits: BodyLimits = DEFAULT_BODY_LIMITS) {
    const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: false });
    addFormats(ajv);
    for (const [name, schema] of Object.entries(requestSchemas(limits))) {
      this.validators.set(name as SchemaName, ajv.compile(schema));
    }
  }

  body<T>(name: SchemaName, body: unknown): T {
    const validate = this.validators.get(name)!;
    if (body === undefined || body === null)
      throw invalid([{ field: '$', message: 'a JSON body is required' }]);
    if (!validate(body)) throw invalid(issuesOf(validate.errors ?? []));
    const metadata = (body as { metadata?: unknown }).metadata;
    if (metadata !== undefined) {
      const bytes = Buffer.byteLength(JSON.stringify(metadata));
      if (bytes > this.limits.maxMetadataBytes) {
        throw invalid([
          {
            field: 'metadata',
            message: `must be at most ${this.limits.maxMetadataBytes} bytes as JSON (is ${bytes})`,
          },
        ]);
      }
    }
    return body as T;
  }
}
