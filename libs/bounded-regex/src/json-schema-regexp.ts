import type Ajv from 'ajv';
import type { Format } from 'ajv';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats';
import { RegexRefusal, compileTenantRegex } from './tenant-regex';

/**
 * A tenant's JSON Schemas run their regular expressions (`pattern`, `patternProperties`,
 * `propertyNames.pattern`) in linear time: ajv's `code.regExp` option set to this engine compiles
 * each one with `compileTenantRegex`, and one it cannot run safely fails the schema's compilation
 * with the reason (`jsonSchemaRegexIssues` names its path before that).
 */
export const linearRegExp = Object.assign(
  (pattern: string, flags: string) => {
    const regex = compileTenantRegex(pattern, flags);
    return { test: (input: string) => regex.test(input), toString: () => `/${pattern}/${flags}` };
  },
  { code: 'require("@herald/matching").linearRegExp' },
);

/** Options for every ajv instance that compiles a tenant's schema. */
export const TENANT_SCHEMA_AJV_OPTIONS = { code: { regExp: linearRegExp } } as const;

/**
 * The longest string a format that RE2 cannot run (its expression uses lookahead: `url`,
 * `hostname`, `duration`) is checked on; a longer string is not in the format. ajv-formats' `url`
 * expression is quadratic in V8: 2.9 s on 10^5 characters, under 2 ms on 2,048.
 */
export const MAX_BACKTRACKED_FORMAT_LENGTH = 2_048;

/**
 * ajv-formats' full formats (and its formatMinimum... keywords), with every format that is a
 * regular expression run on `compileTenantRegex` when it can be, else only on strings of at most
 * MAX_BACKTRACKED_FORMAT_LENGTH characters. The formats that are functions are linear already.
 */
export function addLinearFormats(ajv: Ajv): Ajv {
  addFormats(ajv);
  for (const [name, format] of linearFormats()) ajv.addFormat(name, format);
  return ajv;
}

/** Compiled once per process (RE2 takes about 0.3 s over ajv-formats' larger expressions). */
let compiledFormats: [string, Format][] | null = null;

function linearFormats(): [string, Format][] {
  compiledFormats ??= Object.entries(fullFormats).flatMap(([name, format]): [string, Format][] =>
    format instanceof RegExp ? [[name, linearFormat(format)]] : [],
  );
  return compiledFormats;
}

function linearFormat(expression: RegExp): Format {
  try {
    const regex = compileTenantRegex(expression.source, expression.flags, {
      maxLength: expression.source.length,
    });
    return (input: string) => regex.test(input);
  } catch (error) {
    if (!(error instanceof RegexRefusal)) throw error;
    return (input: string) =>
      input.length <= MAX_BACKTRACKED_FORMAT_LENGTH && expression.test(input);
  }
}

export interface SchemaRegexIssue {
  /** Where the expression is, from the schema's root: `properties.s.pattern`. */
  path: string;
  message: string;
}

/** Keywords whose values are data, not schemas: a `pattern` under them is not an expression. */
const DATA_KEYWORDS = new Set(['const', 'enum', 'default', 'examples']);

/**
 * Every regular expression of a JSON Schema that a tenant cannot use (too long, not valid, or
 * needing backreferences or lookaround), with its path, so the API can name it in a 400.
 */
export function jsonSchemaRegexIssues(schema: unknown, flags = 'u'): SchemaRegexIssue[] {
  const issues: SchemaRegexIssue[] = [];
  const check = (source: string, path: string) => {
    try {
      compileTenantRegex(source, flags);
    } catch (error) {
      if (!(error instanceof RegexRefusal)) throw error;
      issues.push({ path, message: `${error.message}` });
    }
  };
  const walk = (node: unknown, path: string, depth: number) => {
    if (depth > 64 || typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, join(path, String(i)), depth + 1));
      return;
    }
    for (const [key, value] of Object.entries(node)) {
      if (DATA_KEYWORDS.has(key)) continue;
      const here = join(path, key);
      if (key === 'pattern' && typeof value === 'string') check(value, here);
      if (key === 'patternProperties' && typeof value === 'object' && value !== null) {
        for (const source of Object.keys(value)) check(source, join(here, source));
      }
      walk(value, here, depth + 1);
    }
  };
  walk(schema, '', 0);
  return issues;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
