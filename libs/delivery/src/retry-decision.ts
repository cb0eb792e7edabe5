import { RETRY_DELAY_CATALOGUE, RetryPolicy, parseDuration } from '@herald/contracts';
import { AttemptResult } from './attempt-result';
import { SuccessVerdict } from './success-rule';
import { parseRetryAfter } from './retry-after';
import {
  NO_JITTER,
  RetryJitter,
  jitterWindow,
  jitteredDelay,
  parkingDelayFor,
} from './retry-jitter';

const CATALOGUE_MS = RETRY_DELAY_CATALOGUE.map(parseDuration).sort((a, b) => a - b);

/**
 * The retry topic delay to use for a wait: 0 stays 0 (straight back to `herald.deliveries`),
 * otherwise the smallest delay with a topic that is at least the wait (never early), or the
 * longest one.
 */
export function topicDelayFor(waitMs: number): number {
  if (waitMs <= 0) return 0;
  return CATALOGUE_MS.find((d) => d >= waitMs) ?? CATALOGUE_MS[CATALOGUE_MS.length - 1];
}

/** The delay before `attempt` (1-based) on a ladder; past its end, the last step repeats. */
export function ladderDelay(policy: RetryPolicy, attempt: number): number {
  const steps = policy.delays.length > 0 ? policy.delays : ['0s'];
  return parseDuration(steps[Math.min(attempt, steps.length) - 1]);
}

export type DeliveryDecision =
  | { kind: 'succeeded' }
  /** `delayMs`: the retry topic it is parked on; `dueAt`: when it may be attempted again. */
  | { kind: 'retry'; delayMs: number; dueAt: Date; error: string }
  | {
      kind: 'dead';
      reason: 'exhausted' | 'ssrf' | 'gone' | 'template';
      error: string;
      disable: boolean;
    };

export interface DecisionInput {
  /** The attempt just made (1-based). */
  attempt: number;
  policy: RetryPolicy;
  result: AttemptResult;
  verdict: SuccessVerdict;
  now: Date;
  /** Longest `Retry-After` honoured; longer requests are clamped to it. */
  maxRetryAfterMs: number;
  /** How the delay is spread (default: not at all). */
  jitter?: RetryJitter;
  /** Uniform in [0, 1): injected so the spread can be tested. */
  random?: () => number;
}

/** A short, log-safe description of why an attempt failed. */
export function failureText(result: AttemptResult, verdict: SuccessVerdict): string {
  if (result.kind === 'error') return `${result.errorClass}: ${result.message}`;
  return verdict.success ? '' : verdict.reason;
}

/**
 * What happens after an attempt: done, retried after the ladder's next delay (or the receiver's
 * `Retry-After` on 429/503, clamped), spread by the jitter but never before a `Retry-After`, or dead-lettered (attempts exhausted, the target refused as
 * internal, the payload template failed, or 410 Gone, which also disables the subscription).
 */
export function decideAfterAttempt(input: DecisionInput): DeliveryDecision {
  const { result, verdict, attempt, policy, now } = input;
  if (result.kind === 'response' && verdict.success) return { kind: 'succeeded' };
  const error = failureText(result, verdict);
  if (result.kind === 'response' && result.status === 410) {
    return { kind: 'dead', reason: 'gone', error, disable: true };
  }
  if (result.kind === 'error' && result.errorClass === 'ssrf') {
    return { kind: 'dead', reason: 'ssrf', error, disable: false };
  }
  // The same template on the same event fails the same way (an error, or over its budget):
  // retrying would only spend the shared dispatcher's time again.
  if (result.kind === 'error' && result.errorClass === 'render') {
    return { kind: 'dead', reason: 'template', error, disable: false };
  }
  if (attempt >= policy.maxAttempts) {
    return { kind: 'dead', reason: 'exhausted', error, disable: false };
  }
  let wait = ladderDelay(policy, attempt + 1);
  let notBefore = 0;
  if (result.kind === 'response' && (result.status === 429 || result.status === 503)) {
    const asked = parseRetryAfter(result.headers['retry-after'], now);
    if (asked !== undefined) {
      notBefore = Math.min(asked, input.maxRetryAfterMs);
      wait = Math.max(wait, notBefore);
    }
  }
  const window = jitterWindow(wait, input.jitter ?? NO_JITTER, notBefore);
  const waitMs = jitteredDelay(window, input.random ?? Math.random);
  return {
    kind: 'retry',
    delayMs: parkingDelayFor(waitMs),
    dueAt: new Date(now.getTime() + waitMs),
    error,
  };
}
