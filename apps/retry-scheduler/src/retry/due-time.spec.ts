import { HEADERS } from '@herald/contracts';
import { ConsumedMessage } from '@herald/kafka';
import { dueTimeOf, splitDue } from './due-time';

const message = (
  offset: string,
  headers: Record<string, string>,
  value: unknown = {},
): ConsumedMessage => ({
  topic: 'herald.retry.5s',
  partition: 0,
  offset,
  key: null,
  value: Buffer.from(JSON.stringify(value)),
  headers,
  timestamp: String(Date.parse('2026-03-01T10:00:00Z')),
});

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
    const { due, waiting } = splitDue(
      [message('1', at(1)), message('2', at(2)), message('3', at(2.001)), message('4', at(0))],
      now,
    );
    expect(due.map((m) => m.offset)).toEqual(['1', '2']);
    expect(waiting?.message.offset).toBe('3');
    expect(waiting?.dueAt).toBe(now + 1);
  });
});
