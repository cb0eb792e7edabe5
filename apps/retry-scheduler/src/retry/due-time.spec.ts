import fc from 'fast-check';
import { HEADERS, delayOfRetryTopic } from '@herald/contracts';
import { ConsumedMessage } from '@herald/kafka';
import { dueTimeOf, planBatch, retryStepOf } from './due-time';

const WRITTEN = Date.parse('2026-03-01T10:00:00Z');
const message = (
  offset: string,
  headers: Record<string, string>,
  value: unknown = {},
  topic = 'herald.retry.5s',
  writtenAt = WRITTEN,
): ConsumedMessage => ({
  topic,
  partition: 0,
  offset,
  key: null,
  value: Buffer.from(JSON.stringify(value)),
  headers,
  timestamp: String(writtenAt),
});
const dueIn = (ms: number) => ({ [HEADERS.dueAt]: new Date(WRITTEN + ms).toISOString() });

describe('due time', () => {
  it('reads the due-at header first, then the job, then write time plus the topic delay', () => {
    expect(dueTimeOf(message('0', { [HEADERS.dueAt]: '2026-03-01T10:00:07Z' }))).toBe(
      Date.parse('2026-03-01T10:00:07Z'),
    );
    expect(dueTimeOf(message('0', {}, { dueAt: '2026-03-01T10:00:06Z' }))).toBe(
      Date.parse('2026-03-01T10:00:06Z'),
    );
    expect(dueTimeOf(message('0', {}, 'not a job'))).toBe(Date.parse('2026-03-01T10:00:05Z'));
  });

  it('forwards the due prefix and stops at the first message not due (never early)', () => {
    const at = (s: number) => ({
      [HEADERS.dueAt]: new Date(Date.parse('2026-03-01T10:00:00Z') + s * 1000).toISOString(),
    });
    const now = Date.parse('2026-03-01T10:00:02Z');
    const { ready, waiting } = planBatch(
      [message('1', at(1)), message('2', at(2)), message('3', at(2.001)), message('4', at(0))],
      now,
    );
    expect(ready.map((r) => [r.message.offset, r.step.kind])).toEqual([
      ['1', 'forward'],
      ['2', 'forward'],
    ]);
    expect(waiting?.message.offset).toBe('3');
    expect(waiting?.until).toBe(now + 1);
  });

  it('parks the rest of a jittered wait on the longest topic that fits it, in write order', () => {
    // Written at 10:00:00 on the 1m topic, due 70 s later: its turn is at 10:01:00.
    const jittered = message('7', dueIn(70_000), {}, 'herald.retry.1m');
    expect(retryStepOf(jittered, WRITTEN + 59_999)).toEqual({
      kind: 'wait',
      until: WRITTEN + 60_000,
    });
    expect(retryStepOf(jittered, WRITTEN + 60_000)).toEqual({
      kind: 'repark',
      topic: 'herald.retry.10s',
    });
    // Less than the shortest topic left: waits here, never forwarded before it is due.
    expect(retryStepOf(jittered, WRITTEN + 69_500)).toEqual({
      kind: 'wait',
      until: WRITTEN + 70_000,
    });
    expect(retryStepOf(jittered, WRITTEN + 70_000)).toEqual({ kind: 'forward' });
    // A job due before its topic's delay (an old one, or a Retry-After below it) is not held up.
    const early = message('8', dueIn(3_000), {}, 'herald.retry.5s');
    expect(retryStepOf(early, WRITTEN + 3_000)).toEqual({ kind: 'forward' });
  });

  it('never forwards a message before its due time, whatever its topic and write time', () => {
    const topics = ['herald.retry.1s', 'herald.retry.5s', 'herald.retry.1m', 'herald.retry.1h'];
    fc.assert(
      fc.property(
        fc.constantFrom(...topics),
        fc.integer({ min: 0, max: 7_200_000 }),
        fc.integer({ min: -10_000, max: 7_200_000 }),
        (topic, dueMs, elapsed) => {
          const step = retryStepOf(message('1', dueIn(dueMs), {}, topic), WRITTEN + elapsed);
          if (step.kind === 'forward') expect(elapsed).toBeGreaterThanOrEqual(dueMs);
          if (step.kind === 'wait') expect(step.until).toBeLessThanOrEqual(WRITTEN + dueMs);
          if (step.kind === 'repark') {
            const parked = delayOfRetryTopic(step.topic) ?? Infinity;
            expect(parked).toBeLessThanOrEqual(dueMs - elapsed);
          }
        },
      ),
    );
  });
});
