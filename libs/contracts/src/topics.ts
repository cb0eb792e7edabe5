import {
  RETRY_DELAY_CATALOGUE,
  RETRY_LADDER_PRESETS,
  retryDelaysOf,
  retryTopicFor,
} from './retry-ladder';

export interface TopicSpec {
  name: string;
  /** What the message key is, for people reading the catalogue. */
  key: string;
  partitions: number;
  compacted?: boolean;
  /** Retention in ms; undefined = the broker default. */
  retentionMs?: number;
}

const DAY_MS = 86_400_000;

export const TOPICS = {
  eventsInbound: 'herald.events.inbound',
  eventsOperational: 'herald.events.operational',
  events: 'herald.events',
  eventsInvalid: 'herald.events.invalid',
  eventsDeferred: 'herald.events.deferred',
  deliveries: 'herald.deliveries',
  deliveriesDlq: 'herald.deliveries.dlq',
  subscriptionsChangelog: 'herald.subscriptions.changelog',
} as const;

export type CoreTopicName = (typeof TOPICS)[keyof typeof TOPICS];

export const CORE_TOPICS: readonly TopicSpec[] = [
  {
    name: TOPICS.eventsInbound,
    key: 'tenant id or event id',
    partitions: 6,
    retentionMs: 7 * DAY_MS,
  },
  // Herald's own operational events (herald.*), written only by the dispatcher and the outbox:
  // event-ingest accepts herald.* types from this topic alone, so no producer can forge them.
  {
    name: TOPICS.eventsOperational,
    key: 'tenant id',
    partitions: 3,
    retentionMs: 7 * DAY_MS,
  },
  { name: TOPICS.events, key: 'tenant id', partitions: 6, retentionMs: 7 * DAY_MS },
  { name: TOPICS.eventsInvalid, key: 'original key', partitions: 1, retentionMs: 30 * DAY_MS },
  // Validated events over their tenant's rate, forwarded to herald.events at that rate.
  { name: TOPICS.eventsDeferred, key: 'tenant id', partitions: 6, retentionMs: 7 * DAY_MS },
  { name: TOPICS.deliveries, key: 'subscription id', partitions: 12, retentionMs: 7 * DAY_MS },
  { name: TOPICS.deliveriesDlq, key: 'subscription id', partitions: 3, retentionMs: 30 * DAY_MS },
  { name: TOPICS.subscriptionsChangelog, key: 'subscription id', partitions: 3, compacted: true },
];

export const RETRY_TOPIC_PARTITIONS = 6;

/** Every retry topic needed by the given ladders (default: the whole delay catalogue). */
export function retryTopics(
  ladders: readonly (readonly string[])[] = [
    RETRY_DELAY_CATALOGUE,
    ...Object.values(RETRY_LADDER_PRESETS),
  ],
): TopicSpec[] {
  return retryDelaysOf(ladders).map((delayMs) => ({
    name: retryTopicFor(delayMs),
    key: 'subscription id',
    partitions: RETRY_TOPIC_PARTITIONS,
    // Keep a retry message at least as long as its delay plus a safety margin.
    retentionMs: Math.max(7 * DAY_MS, delayMs + 2 * DAY_MS),
  }));
}

/** The whole catalogue Herald creates at start-up. */
export function allTopics(ladders?: readonly (readonly string[])[]): TopicSpec[] {
  return [...CORE_TOPICS, ...retryTopics(ladders)];
}
