/**
 * What PostgreSQL cannot store. `jsonb` refuses `\u0000` (22P05) and a lone UTF-16 surrogate
 * (22P02), `text` refuses a NUL byte (22021), and a value nested deeper than the server's stack
 * allows fails with 54001. An event carrying one would be refused by the event store for ever,
 * so it is refused where it enters (the API and event-ingest) instead, naming where it is.
 */
export interface UnstorableValue {
  /** Where it is, dotted: `data.items.2.name`, `id`; `$` for the value itself. */
  path: string;
  /** What is wrong there, for a person: "contains a NUL character (U+0000)". */
  problem: string;
}

/** Nesting allowed in an event by default: generous for real payloads, far below any stack. */
export const DEFAULT_MAX_EVENT_DEPTH = 64;

// Linear: one pass, no backtracking (each alternative is one or two code units).
const UNSTORABLE_CHARACTER =
  // eslint-disable-next-line no-control-regex -- finding U+0000 is the point
  /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const UNSTORABLE_CHARACTERS = new RegExp(UNSTORABLE_CHARACTER.source, 'g');

/** `text` with each NUL and lone surrogate replaced by U+FFFD, so that it can be stored. */
export function withStorableCharacters(text: string): string {
  return text.replace(UNSTORABLE_CHARACTERS, '\uFFFD');
}

/** Why `text` cannot be stored, or null when it can. */
export function unstorableText(text: string): string | null {
  const found = UNSTORABLE_CHARACTER.exec(text);
  if (found === null) return null;
  if (found[0] === '\u0000') return 'contains a NUL character (U+0000)';
  const unit = found[0].charCodeAt(0).toString(16).toUpperCase();
  return `contains a lone UTF-16 surrogate (U+${unit}), which is not valid Unicode`;
}

interface Frame {
  value: unknown;
  depth: number;
  parent: Frame | undefined;
  /** How this value is reached from its parent: a key or an index. */
  step: string | number | undefined;
}

/**
 * The first string (value or object key), at any depth, that PostgreSQL cannot store, or the
 * first container nested deeper than `maxDepth` (the value itself is depth 1 when it is an
 * object or array). Iterative, so hostile nesting cannot exhaust the stack; paths are built only
 * for the one place it reports. `prefix` names the value itself (`data`), empty for the root.
 */
export function findUnstorable(
  value: unknown,
  maxDepth: number = DEFAULT_MAX_EVENT_DEPTH,
  prefix = '',
): UnstorableValue | null {
  const stack: Frame[] = [{ value, depth: 0, parent: undefined, step: undefined }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const current = frame.value;
    if (typeof current === 'string') {
      const problem = unstorableText(current);
      if (problem !== null) return { path: pathOf(frame, prefix), problem };
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    const depth = frame.depth + 1;
    if (depth > maxDepth) {
      return {
        path: pathOf(frame, prefix),
        problem: `is nested more than ${maxDepth} levels deep`,
      };
    }
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) {
        stack.push({ value: current[i], depth, parent: frame, step: i });
      }
      continue;
    }
    const keys = Object.keys(current);
    for (const key of keys) {
      const problem = unstorableText(key);
      if (problem !== null) {
        const keyFrame: Frame = { value: undefined, depth, parent: frame, step: key };
        return { path: pathOf(keyFrame, prefix), problem: `has a key that ${problem}` };
      }
    }
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i];
      stack.push({
        value: (current as Record<string, unknown>)[key],
        depth,
        parent: frame,
        step: key,
      });
    }
  }
  return null;
}

function pathOf(frame: Frame, prefix: string): string {
  const steps: string[] = [];
  for (let f: Frame | undefined = frame; f?.step !== undefined; f = f.parent) {
    steps.push(typeof f.step === 'number' ? String(f.step) : printableKey(f.step));
  }
  const path = [...(prefix ? [prefix] : []), ...steps.reverse()].join('.');
  return path === '' ? '$' : path;
}

/**
 * A key as it is shown in a dotted field path (`data.items.2.name`, the API's convention):
 * control characters and surrogates escaped, so the path itself is always printable and storable.
 */
export function printableKey(key: string): string {
  // eslint-disable-next-line no-control-regex -- escaping them is the point
  return key.replace(/[\u0000-\u001f\u007f\ud800-\udfff]/g, (c) => {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
