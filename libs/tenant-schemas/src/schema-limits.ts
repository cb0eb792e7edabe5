/** How large a tenant's JSON Schema may be; checked before anything compiles or walks it. */
export interface SchemaLimits {
  /** Bytes of the schema as JSON (UTF-8). */
  maxBytes: number;
  /** Nesting of objects and arrays; `{}` is depth 1. */
  maxDepth: number;
}

export type SchemaMeasure = { ok: true; bytes: number } | { ok: false; problem: string };

/**
 * The schema's size in bytes, or why it exceeds the limits. The depth is measured first, with an explicit stack
 * (no recursion, so a schema nested 100,000 deep costs nothing but the walk and cannot overflow
 * the call stack) and stopping at the first node past the limit; only then is it serialised.
 */
export function measureSchema(schema: unknown, limits: SchemaLimits): SchemaMeasure {
  if (depthExceeding(schema, limits.maxDepth)) {
    return { ok: false, problem: `is nested deeper than the limit of ${limits.maxDepth} levels` };
  }
  const bytes = Buffer.byteLength(JSON.stringify(schema) ?? '', 'utf8');
  if (bytes > limits.maxBytes) {
    return { ok: false, problem: `is ${bytes} bytes, more than the limit of ${limits.maxBytes}` };
  }
  return { ok: true, bytes };
}

function depthExceeding(value: unknown, maxDepth: number): boolean {
  const stack: { node: unknown; depth: number }[] = [{ node: value, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > maxDepth) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (typeof child === 'object' && child !== null)
        stack.push({ node: child, depth: depth + 1 });
    }
  }
  return false;
}
