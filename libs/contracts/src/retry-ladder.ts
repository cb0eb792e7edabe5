import { formatDuration, parseDuration } from './duration';

/**
 * The default retry ladder: the delay before each attempt. Attempt 1 is immediate;
 * attempt 10 comes about a week after the first (the sum of the delays).
 */
export const DEFAULT_RETRY_LADDER: readonly string[] = [
  '0s',
  '5s',
  '1m',
  '10m',
  '1h',
  '4h',
  '12h',
  '24h',
  '48h',
  '72h',
];

export const DEFAULT_MAX_ATTEMPTS = DEFAULT_RETRY_LADDER.length;

/** Named ladders a subscription may choose instead of spelling out delays. */
export const RETRY_LADDER_PRESETS: Readonly<Record<string, readonly string[]>> = {
  default: DEFAULT_RETRY_LADDER,
  aggressive: ['0s', '1s', '5s', '30s', '1m', '5m'],
  patient: ['0s', '1m', '10m', '1h', '4h', '12h', '24h', '48h', '72h', '96h'],
};

/**
 * Every delay a retry ladder may use. Each has its topic created at start-up (consumers
 * subscribe to the retry topics once, so a delay outside this list would have no consumer);
 * the API refuses a `retryPolicy` step that is neither `0s` nor listed here.
 */
export const RETRY_DELAY_CATALOGUE: readonly string[] = [
  '1s',
  '2s',
  '5s',
  '10s',
  '30s',
  '1m',
  '5m',
  '10m',
  '30m',
  '1h',
  '2h',
  '4h',
  '6h',
  '12h',
  '24h',
  '48h',
  '72h',
  '96h',
];

/** Whether a ladder step can be used: immediate, or a delay with a retry topic. */
export function isSupportedRetryDelay(step: string): boolean {
  try {
    const ms = parseDuration(step);
    return ms === 0 || RETRY_DELAY_CATALOGUE.some((d) => parseDuration(d) === ms);
  } catch {
    return false;
  }
}

export const RETRY_TOPIC_PREFIX = 'herald.retry.';

/** `herald.retry.<delay>`: one topic per distinct delay, so each partition is in due order. */
export function retryTopicFor(delayMs: number): string {
  return `${RETRY_TOPIC_PREFIX}${formatDuration(delayMs)}`;
}

export function delayOfRetryTopic(topic: string): number | undefined {
  if (!topic.startsWith(RETRY_TOPIC_PREFIX)) return undefined;
  try {
    return parseDuration(topic.slice(RETRY_TOPIC_PREFIX.length));
  } catch {
    return undefined;
  }
}

/** Every delay (in ms, > 0) that needs a retry topic, across the given ladders. */
export function retryDelaysOf(ladders: readonly (readonly string[])[]): number[] {
  const delays = new Set<number>();
  for (const ladder of ladders) {
    for (const step of ladder) {
      const ms = parseDuration(step);
      if (ms > 0) delays.add(ms);
    }
  }
  return [...delays].sort((a, b) => a - b);
}
