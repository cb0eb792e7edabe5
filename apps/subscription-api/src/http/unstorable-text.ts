import { printableKey, unstorableText } from '@herald/contracts';
import { FieldIssue } from './problem';

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
      const problem = unstorableText(current);
      if (problem) issues.push({ field: path || '$', message: problem });
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) {
        pending.push([current[i], join(path, String(i)), null]);
      }
    } else if (typeof current === 'object' && current !== null) {
      const entries = Object.entries(current);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i];
        pending.push([child, join(path, printableKey(key)), unstorableText(key)]);
      }
    }
  }
  return issues;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
