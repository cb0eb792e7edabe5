import { ConsumedMessage } from '@herald/kafka';
import { chunksOf } from './inbound-events.handler';

function messages(count: number, valueBytes: number): ConsumedMessage[] {
  return Array.from({ length: count }, (_, i) => ({
    topic: 'herald.events.inbound',
    partition: 0,
    offset: String(i),
    key: null,
    value: Buffer.alloc(valueBytes),
    headers: {},
    timestamp: '0',
  }));
}

describe('chunksOf', () => {
  it('cuts by count: at most 2,000 small events per use-case call', () => {
    expect(chunksOf(messages(4_500, 100)).map((c) => c.length)).toEqual([2_000, 2_000, 500]);
  });

  it('cuts by size so a forwarded batch stays well under 1 MiB', () => {
    expect(chunksOf(messages(10, 200 * 1024)).map((c) => c.length)).toEqual([2, 2, 2, 2, 2]);
  });

  it('keeps offsets in order and an oversized event alone', () => {
    const chunks = chunksOf([...messages(1, 2 * 1024 * 1024), ...messages(2, 10)]);
    expect(chunks.map((c) => c.length)).toEqual([1, 2]);
  });
});
