import { FieldIssue } from './problem';

type Frame = { kind: 'object'; key: string | undefined } | { kind: 'array'; index: number };

/**
 * The first place where a JSON text nests arrays and objects deeper than `maxDepth`, found in one
 * pass over the text without parsing it (and without recursion), so a body nested 10,000 deep is
 * refused before anything walks it. The field is the dotted path to the too-deep value. Returns
 * null when the text is within the limit (whether or not it is valid JSON: the parser says that).
 */
export function jsonDepthIssue(text: string, maxDepth: number): FieldIssue | null {
  const stack: Frame[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const end = stringEnd(text, i);
      const top = stack[stack.length - 1];
      if (expectKey && top?.kind === 'object') top.key = decodeKey(text.slice(i, end + 1));
      expectKey = false;
      i = end;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (stack.length >= maxDepth) {
        return { field: pathOf(stack), message: `is nested deeper than ${maxDepth} levels` };
      }
      stack.push(c === 0x7b ? { kind: 'object', key: undefined } : { kind: 'array', index: 0 });
      expectKey = c === 0x7b;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
      expectKey = false;
    } else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top?.kind === 'array') top.index++;
      expectKey = top?.kind === 'object';
    }
  }
  return null;
}

/** Index of the quote that closes the string opening at `start` (or the last index). */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i++;
    else if (c === 0x22) return i;
  }
  return text.length - 1;
}

function decodeKey(literal: string): string {
  try {
    return JSON.parse(literal) as string;
  } catch {
    return literal;
  }
}

function pathOf(stack: Frame[]): string {
  const parts = stack
    .map((frame) => (frame.kind === 'array' ? String(frame.index) : frame.key))
    .filter((part): part is string => part !== undefined);
  return parts.length > 0 ? parts.join('.') : '$';
}
