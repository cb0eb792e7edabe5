import type { TemplateLimits } from '@herald/contracts';
import { int } from '../variable';

/**
 * Budgets of a tenant's JSONata payload template (docs/bounded-expressions.md): the dispatcher
 * enforces them on every rendering; subscription-api checks templates against them when saved.
 */
export const templateLimitsSchema = {
  HERALD_TEMPLATE_TIMEOUT_MS: int({
    description:
      'Longest evaluation of one payload template, in ms, checked on every evaluation step; a template that runs longer fails its delivery (dead-lettered with reason template)',
    default: '100',
    min: 1,
    max: 10_000,
  }),
  HERALD_TEMPLATE_MAX_DEPTH: int({
    description:
      'Deepest nesting of evaluation steps of a payload template (non-tail recursion); deeper fails the delivery',
    default: '200',
    min: 10,
    max: 10_000,
  }),
  HERALD_TEMPLATE_MAX_SEQUENCE: int({
    description:
      'Longest array (sequence or range) a payload template may build; longer fails the delivery',
    default: '100000',
    min: 100,
    max: 10_000_000,
  }),
  HERALD_TEMPLATE_MAX_SOURCE_CHARS: int({
    description: 'Longest payload template source a subscription may store, in characters',
    default: '16384',
    min: 256,
    max: 1_048_576,
  }),
  HERALD_TEMPLATE_MAX_OUTPUT_BYTES: int({
    description:
      'Largest body a payload template may render, in bytes (also the longest string any evaluation step may produce)',
    default: '1048576',
    min: 1024,
    max: 67_108_864,
  }),
};

/** The template limits of a loaded configuration. */
export function templateLimitsOf(config: {
  [K in keyof typeof templateLimitsSchema]: number;
}): TemplateLimits {
  return {
    timeoutMs: config.HERALD_TEMPLATE_TIMEOUT_MS,
    maxDepth: config.HERALD_TEMPLATE_MAX_DEPTH,
    maxSequence: config.HERALD_TEMPLATE_MAX_SEQUENCE,
    maxSourceLength: config.HERALD_TEMPLATE_MAX_SOURCE_CHARS,
    maxOutputBytes: config.HERALD_TEMPLATE_MAX_OUTPUT_BYTES,
  };
}
