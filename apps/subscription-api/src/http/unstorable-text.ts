import { FieldIssue } from './problem';

/** NUL, or a UTF-16 surrogate without its pair: PostgreSQL can store neither in text or jsonb. */
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a string cannot be stored, or null. */
export function unstorableTextProblem(text: string): string | null {
  const found = UNSTORABLE.exec(text);
  if (!found) return null;
  return found[0] === '\u0000'
    ? 'must not contain a NUL character (U+0000)'
    : 'must not contain a lone UTF-16 surrogate (invalid Unicode)';
}

/** A key as it can be shown in a field path: control characters and surrogates escaped. */
export function printableKey(key: string): string {
  // eslint-disable-next-line no-control-regex
  return key.replace(/[\u0000-\u001f\u007f\ud800-\udfff]/g, (c) => {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

const MAX_ISSUES = 20;

/**
 * Every string (and object key) in a parsed JSON value that cannot be stored, each named by its
 * dotted path under `root`. Walks with an explicit stack (no recursion), visiting each value once.
 */
export function unstorableTextIssues(value: unknown, root: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  // [value, its path, the problem of the key it is found under]
  const pending: [unknown, string, string | null][] = [[value, root, null]];
  while (pending.length > 0 && issues.length < MAX_ISSUES) {
    const [current, path, keyProblem] = pending.pop()!;
    if (keyProblem) issues.push({ field: path, message: `(the field name) ${keyProblem}` });
    if (typeof current === 'string') {
      const problem = unstorableTextProblem(current);
      if (problem) issues.push({ field: path || '$', message: problem });
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) {
        pending.push([current[i], join(path, String(i)), null]);
      }
    } else if (typeof current === 'object' && current !== null) {
      const entries = Object.entries(current);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i];
        pending.push([child, join(path, printableKey(key)), unstorableTextProblem(key)]);
      }
    }
  }
  return issues;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
