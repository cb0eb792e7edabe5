/**
 * What one evaluation of a tenant's JSONata payload template may cost. A template runs on the
 * dispatcher's event loop, shared by every tenant, so each bound is checked while it runs.
 */
export interface TemplateLimits {
  /** Longest evaluation, checked on every evaluation step (jsonata's `timeout`). */
  timeoutMs: number;
  /** Deepest nesting of evaluation steps, e.g. non-tail recursion (jsonata's `stack`). */
  maxDepth: number;
  /** Longest sequence (array) a step may build, ranges included (jsonata's `sequence`). */
  maxSequence: number;
  /** Longest template source, in characters. */
  maxSourceLength: number;
  /** Largest rendered body in bytes; also the longest string any step may produce. */
  maxOutputBytes: number;
}
