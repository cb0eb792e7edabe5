import { splitBySize } from './typed-producer';

const message = (bytes: number) => ({ key: null, value: 'x'.repeat(bytes) });

describe('splitBySize', () => {
  it('keeps a small batch in one request', () => {
    const requests = splitBySize(
      [
        { topic: 'a', messages: [message(10), message(10)] },
        { topic: 'b', messages: [message(10)] },
      ],
      1_000,
    );
    expect(requests).toHaveLength(1);
    expect(requests[0].map((t) => [t.topic, t.messages.length])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
  });

  it('cuts a large batch into requests under the limit, keeping order across topics', () => {
    const requests = splitBySize(
      [
        { topic: 'a', messages: Array.from({ length: 5 }, () => message(300)) },
        { topic: 'b', messages: Array.from({ length: 3 }, () => message(300)) },
      ],
      1_000,
    );
    // 364 bytes each with record overhead: two per request.
    expect(requests.map((r) => r.map((t) => `${t.topic}:${t.messages.length}`))).toEqual([
      ['a:2'],
      ['a:2'],
      ['a:1', 'b:1'],
      ['b:2'],
    ]);
  });

  it('sends a message larger than the limit on its own and drops empty topics', () => {
    const requests = splitBySize(
      [
        { topic: 'a', messages: [message(5_000), message(10)] },
        { topic: 'b', messages: [] },
      ],
      1_000,
    );
    expect(requests.map((r) => r.map((t) => `${t.topic}:${t.messages.length}`))).toEqual([
      ['a:1'],
      ['a:1'],
    ]);
  });
});
