import { formatDuration, parseDuration } from './duration';
import {
  DEFAULT_RETRY_LADDER,
  RETRY_LADDER_PRESETS,
  isSupportedRetryDelay,
  delayOfRetryTopic,
  retryDelaysOf,
  retryTopicFor,
} from './retry-ladder';
import { CORE_TOPICS, allTopics } from './topics';

describe('retry ladder', () => {
  it('is 10 attempts over about a week', () => {
    expect(DEFAULT_RETRY_LADDER).toHaveLength(10);
    const totalMs = DEFAULT_RETRY_LADDER.map(parseDuration).reduce((a, b) => a + b, 0);
    expect(totalMs / 86_400_000).toBeGreaterThan(6);
    expect(totalMs / 86_400_000).toBeLessThan(8);
  });

  it('names one topic per delay and reads the delay back', () => {
    expect(retryTopicFor(5_000)).toBe('herald.retry.5s');
    expect(retryTopicFor(3_600_000)).toBe('herald.retry.1h');
    expect(retryTopicFor(72 * 3_600_000)).toBe('herald.retry.3d');
    expect(delayOfRetryTopic('herald.retry.10m')).toBe(600_000);
    expect(delayOfRetryTopic('herald.events')).toBeUndefined();
  });

  it('needs no topic for the immediate first attempt', () => {
    expect(retryDelaysOf([['0s', '5s', '5s', '1m']])).toEqual([5_000, 60_000]);
  });

  it('accepts only delays that have a retry topic', () => {
    expect(isSupportedRetryDelay('0s')).toBe(true);
    expect(isSupportedRetryDelay('5s')).toBe(true);
    expect(isSupportedRetryDelay('60s')).toBe(true); // = 1m
    expect(isSupportedRetryDelay('7s')).toBe(false);
    expect(isSupportedRetryDelay('soon')).toBe(false);
    const topics = allTopics().map((t) => t.name);
    for (const preset of Object.values(RETRY_LADDER_PRESETS)) {
      for (const step of preset.filter((d) => d !== '0s')) {
        expect(topics).toContain(retryTopicFor(parseDuration(step)));
      }
    }
  });

  it('formats and parses durations', () => {
    expect(formatDuration(90_000)).toBe('90s');
    expect(formatDuration(250)).toBe('250ms');
    expect(parseDuration('4h')).toBe(14_400_000);
    expect(() => parseDuration('4 hours')).toThrow(/invalid duration/);
  });
});

describe('topic catalogue', () => {
  it('has every topic of the design with unique names', () => {
    const names = allTopics().map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining(['herald.events.inbound', 'herald.retry.5s', 'herald.retry.3d']),
    );
    expect(CORE_TOPICS.find((t) => t.name === 'herald.subscriptions.changelog')?.compacted).toBe(
      true,
    );
  });
});
