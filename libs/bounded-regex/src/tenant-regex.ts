import type * as Re2js from 're2js' with { 'resolution-mode': 'import' };
import { runsLinearlyOnBacktracker } from './regex-cost';
import { RegexRefusal, parseRegex } from './regex-syntax';
import { re2SourceOf } from './regex-translation';

export { RegexRefusal } from './regex-syntax';

// re2js ships CommonJS for `require` but only ESM type declarations (imported type-only above).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS file cannot import re2js's ESM-typed entry
const { RE2JS } = require('re2js') as typeof Re2js;
type RE2JS = Re2js.RE2JS;

/** The longest regular expression a tenant may store (a condition's `$regex`, a schema's `pattern`). */
export const MAX_TENANT_REGEX_LENGTH = 512;

/** A tenant's regular expression, compiled so that testing a string costs time linear in it. */
export interface TenantRegex {
  test(input: string): boolean;
  /** The first match at or after `from` (UTF-16 offsets), with its capture groups; or null. */
  exec(input: string, from: number): RegexMatch | null;
  /** Which engine runs it: V8 when its linearity is proven (faster), RE2 otherwise. */
  readonly engine: 'native' | 're2';
  readonly source: string;
  readonly flags: string;
}

export interface TenantRegexOptions {
  maxLength?: number;
  /** 're2': never the native engine (to compare the two); default: whichever is proven safe. */
  engine?: 'auto' | 're2';
}

export interface RegexMatch {
  index: number;
  end: number;
  match: string;
  /** Capture groups 1..n; undefined where a group took no part in the match. */
  groups: (string | undefined)[];
}

/**
 * Compiles a regular expression written in JavaScript syntax (as conditions and JSON Schemas
 * write them) so that no input can make it run for longer than linear time: on RE2 (re2js, a
 * linear-time automaton), or on V8's own engine when `runsLinearlyOnBacktracker` proves V8 runs
 * it linearly too. Throws `RegexRefusal` with a reason a tenant can act on when the source is too
 * long, is not a valid JavaScript regular expression, or needs what RE2 cannot do
 * (backreferences, lookahead, lookbehind).
 *
 * Flags: `i`, `m`, `s`, `u` (the caller refuses others). The RE2 translation keeps JavaScript's
 * meaning of `.`, `\s`, `\uXXXX`, `[^]` and named groups; what still differs is rare: case-
 * insensitive matching of a few non-ASCII letters (RE2 folds the Kelvin sign to k) and, without
 * the `u` flag, `.` matching half of a surrogate pair in JavaScript but a whole one in RE2; with
 * the `m` flag, RE2 ends lines at `\n` only (JavaScript also at `\r`, U+2028, U+2029).
 */
export function compileTenantRegex(
  source: string,
  flags = '',
  options: TenantRegexOptions = {},
): TenantRegex {
  const maxLength = options.maxLength ?? MAX_TENANT_REGEX_LENGTH;
  if (source.length > maxLength) {
    throw new RegexRefusal(`is longer than ${maxLength} characters`);
  }
  const unsupported = flags.replace(/[imsu]/g, '');
  if (unsupported !== '') throw new RegexRefusal(`uses unsupported flags ${unsupported}`);
  let native: RegExp;
  try {
    native = new RegExp(source, flags);
  } catch (error) {
    throw new RegexRefusal(`is not a valid regular expression (${(error as Error).message})`);
  }
  const tree = parseRegex(source, flags);
  // Every pattern must run on RE2 (one rule for all), even those V8 will run.
  const re2 = compileRe2(re2SourceOf(tree), flags);
  return options.engine !== 're2' && runsLinearlyOnBacktracker(tree, flags)
    ? onV8(native, source, flags)
    : onRe2(re2, source, flags);
}

/** Separate functions, so that each closure holds only the engine it runs on. */
function onV8(native: RegExp, source: string, flags: string): TenantRegex {
  const global = new RegExp(source, `${flags}g`);
  return {
    test: (input) => native.test(input),
    exec: (input, from) => {
      global.lastIndex = from;
      const found = global.exec(input);
      if (found === null) return null;
      const [match, ...groups] = found;
      return { index: found.index, end: found.index + match.length, match, groups };
    },
    engine: 'native',
    source,
    flags,
  };
}

function onRe2(re2: RE2JS, source: string, flags: string): TenantRegex {
  return {
    test: (input) => re2.test(input),
    exec: (input, from) => {
      const matcher = re2.matcher(input);
      if (from > input.length || !matcher.find(from)) return null;
      const groups: (string | undefined)[] = [];
      for (let i = 1; i <= matcher.groupCount(); i++) groups.push(matcher.group(i) ?? undefined);
      const index = matcher.start();
      const end = matcher.end();
      return { index, end, match: input.slice(index, end), groups };
    },
    engine: 're2',
    source,
    flags,
  };
}

/** Why a tenant's regular expression cannot be used, or null when it can. */
export function tenantRegexProblem(source: string, flags = ''): string | null {
  try {
    compileTenantRegex(source, flags);
    return null;
  } catch (error) {
    if (error instanceof RegexRefusal) return error.message;
    throw error;
  }
}

function compileRe2(pattern: string, flags: string): RE2JS {
  let bits = 0;
  if (flags.includes('i')) bits |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('m')) bits |= RE2JS.MULTILINE;
  try {
    return RE2JS.compile(pattern, bits);
  } catch (error) {
    const message = (error as Error).message.replace(/^error parsing regexp: /, '');
    throw new RegexRefusal(`cannot run on the linear-time engine (RE2): ${message}`);
  }
}
