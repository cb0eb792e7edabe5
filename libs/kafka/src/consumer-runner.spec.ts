import { HandlerDeclarationError, TopicHandler, assignHandlers } from './consumer-runner';

const handler = (name: string, topics: (string | RegExp)[]): TopicHandler => ({
  name,
  topics,
  handleBatch: async () => undefined,
  quarantine: async () => undefined,
});

describe('consumer handler declarations', () => {
  it('gives each topic its one handler, patterns included', () => {
    const events = handler('events', ['herald.events']);
    const retries = handler('retries', [/^herald\.retry\./]);
    const assignment = assignHandlers(
      ['herald.events', 'herald.retry.5s', 'herald.retry.1m'],
      [events, retries],
    );
    expect(assignment.get('herald.events')).toBe(events);
    expect(assignment.get('herald.retry.1m')).toBe(retries);
  });

  it('refuses a topic claimed by two handlers', () => {
    expect(() =>
      assignHandlers(
        ['herald.events'],
        [handler('a', ['herald.events']), handler('b', [/herald\./])],
      ),
    ).toThrow(/herald.events has 2 handlers \(a, b\)/);
  });

  it('refuses a declared topic that does not exist', () => {
    expect(() => assignHandlers([], [handler('a', ['herald.missing'])])).toThrow(
      HandlerDeclarationError,
    );
  });

  it('refuses a subscribed topic without a handler', () => {
    expect(() =>
      assignHandlers(['herald.events', 'orphan'], [handler('a', ['herald.events'])]),
    ).toThrow(/orphan has no handler/);
  });
});
