import { DEFAULT_RETRY_LADDER } from '@herald/contracts';
import { AttemptResult } from './attempt-result';
import { decideAfterAttempt, ladderDelay, topicDelayFor } from './retry-decision';
import { parseRetryAfter } from './retry-after';

const now = new Date('2026-03-01T10:00:00Z');
const policy = { delays: [...DEFAULT_RETRY_LADDER], maxAttempts: 10 };
const response = (status: number, headers: Record<string, string> = {}): AttemptResult => ({
  kind: 'response',
  status,
  headers,
  body: '',
  truncated: false,
  latencyMs: 3,
});
const failed = { success: false as const, reason: 'status 500' };

describe('decideAfterAttempt', () => {
  it('succeeds on a successful verdict', () => {
    expect(
      decideAfterAttempt({
        attempt: 1,
        policy,
        result: response(200),
        verdict: { success: true },
        now,
        maxRetryAfterMs: 3_600_000,
      }),
    ).toEqual({ kind: 'succeeded' });
  });

  it.each([
    [1, 5_000],
    [2, 60_000],
    [3, 600_000],
    [9, 72 * 3_600_000],
  ])('after attempt %d waits the ladder step before the next (%d ms)', (attempt, delay) => {
    const d = decideAfterAttempt({
      attempt,
      policy,
      result: response(500),
      verdict: failed,
      now,
      maxRetryAfterMs: 3_600_000,
    });
    expect(d).toEqual({
      kind: 'retry',
      delayMs: delay,
      dueAt: new Date(now.getTime() + delay),
      error: 'status 500',
    });
  });

  it('dead-letters after maxAttempts', () => {
    const d = decideAfterAttempt({
      attempt: 10,
      policy,
      result: response(500),
      verdict: failed,
      now,
      maxRetryAfterMs: 1,
    });
    expect(d).toMatchObject({ kind: 'dead', reason: 'exhausted', disable: false });
  });

  it('dead-letters and disables on 410 Gone', () => {
    const d = decideAfterAttempt({
      attempt: 1,
      policy,
      result: response(410),
      verdict: failed,
      now,
      maxRetryAfterMs: 1,
    });
    expect(d).toMatchObject({ kind: 'dead', reason: 'gone', disable: true });
  });

  it('dead-letters a target refused as internal (no retry can help)', () => {
    const result: AttemptResult = {
      kind: 'error',
      errorClass: 'ssrf',
      message: '127.0.0.1 is loopback',
      latencyMs: 0,
    };
    const d = decideAfterAttempt({
      attempt: 1,
      policy,
      result,
      verdict: failed,
      now,
      maxRetryAfterMs: 1,
    });
    expect(d).toMatchObject({ kind: 'dead', reason: 'ssrf' });
  });

  it('dead-letters a payload template that failed or exceeded its budget on the first attempt', () => {
    const result: AttemptResult = {
      kind: 'error',
      errorClass: 'render',
      message: 'payloadTemplate: Evaluation timeout after 100 milliseconds',
      latencyMs: 0,
    };
    const d = decideAfterAttempt({
      attempt: 1,
      policy,
      result,
      verdict: failed,
      now,
      maxRetryAfterMs: 1,
    });
    expect(d).toMatchObject({
      kind: 'dead',
      reason: 'template',
      error: 'render: payloadTemplate: Evaluation timeout after 100 milliseconds',
    });
  });

  it('retries a timeout on the ladder', () => {
    const result: AttemptResult = {
      kind: 'error',
      errorClass: 'timeout',
      message: 'no response in 5000ms',
      latencyMs: 5000,
    };
    const d = decideAfterAttempt({
      attempt: 1,
      policy,
      result,
      verdict: failed,
      now,
      maxRetryAfterMs: 1,
    });
    expect(d).toMatchObject({
      kind: 'retry',
      delayMs: 5_000,
      error: 'timeout: no response in 5000ms',
    });
  });

  it('honours Retry-After on 429 and 503, parked on the topics below it, clamped', () => {
    const ask = (status: number, value: string, max = 3_600_000) =>
      decideAfterAttempt({
        attempt: 1,
        policy,
        result: response(status, { 'retry-after': value }),
        verdict: failed,
        now,
        maxRetryAfterMs: max,
      });
    const due = (ms: number) => new Date(now.getTime() + ms);
    // 2m: parked on the 1m topic, the retry-scheduler parks the other minute on its own
    expect(ask(429, '120')).toMatchObject({ delayMs: 60_000, dueAt: due(120_000) });
    expect(ask(503, '30')).toMatchObject({ delayMs: 30_000, dueAt: due(30_000) });
    expect(ask(503, '2')).toMatchObject({ delayMs: 5_000 }); // never earlier than the ladder
    expect(ask(429, '999999', 600_000)).toMatchObject({ delayMs: 600_000 });
    expect(ask(500, '120')).toMatchObject({ delayMs: 5_000 }); // only 429/503
  });
});

describe('ladder and topics', () => {
  it('repeats the last step past the ladder', () => {
    expect(ladderDelay({ delays: ['0s', '1s'], maxAttempts: 5 }, 4)).toBe(1_000);
    expect(ladderDelay({ delays: ['0s', '1s'], maxAttempts: 5 }, 1)).toBe(0);
  });
  it('rounds a wait up to a delay that has a topic', () => {
    expect(topicDelayFor(0)).toBe(0);
    expect(topicDelayFor(1)).toBe(1_000);
    expect(topicDelayFor(7_000)).toBe(10_000);
    expect(topicDelayFor(10 * 86_400_000)).toBe(96 * 3_600_000);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('7', now)).toBe(7_000);
    expect(parseRetryAfter('Sun, 01 Mar 2026 10:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Sun, 01 Mar 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
