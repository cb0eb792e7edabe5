import { HEADERS, delayOfRetryTopic, headerText, retryTopicFor } from '@herald/contracts';
import { SHORTEST_PARKING_MS, parkingDelayFor } from '@herald/delivery';
import { ConsumedMessage } from '@herald/kafka';

/**
 * When a retry message may be handed back (ms): its `herald-due-at` header, else the job's
 * `dueAt`, else the time it was written plus the topic's delay.
 */
export function dueTimeOf(message: ConsumedMessage): number {
  const header = headerText(message.headers, HEADERS.dueAt);
  const fromHeader = header === undefined ? NaN : Date.parse(header);
  if (!Number.isNaN(fromHeader)) return fromHeader;
  try {
    const job = JSON.parse(message.value?.toString() ?? '') as { dueAt?: unknown };
    if (typeof job.dueAt === 'string' && !Number.isNaN(Date.parse(job.dueAt)))
      return Date.parse(job.dueAt);
  } catch {
    // fall through to the write time
  }
  return writeTimeOf(message) + (delayOfRetryTopic(message.topic) ?? 0);
}

function writeTimeOf(message: ConsumedMessage): number {
  return Number(message.timestamp);
}

/**
 * When a message's turn on its topic comes (ms): its write time plus the topic's delay, or its
 * due time if that is sooner. A jittered retry is parked on the longest topic that does not pass
 * its due time, so its turn comes in write order and never after it is due.
 */
export function turnTimeOf(message: ConsumedMessage): number {
  const due = dueTimeOf(message);
  const delay = delayOfRetryTopic(message.topic);
  const written = writeTimeOf(message);
  if (delay === undefined || !Number.isFinite(written)) return due;
  return Math.min(due, written + delay);
}

/** What a message's turn leads to: hand it back, park what is left of its wait, or wait here. */
export type RetryStep =
  { kind: 'forward' } | { kind: 'repark'; topic: string } | { kind: 'wait'; until: number };

/**
 * The step for one message at `now`: before its turn it waits; at its turn, due → forward, still
 * a retry topic's delay or more away → parked again on the longest topic that fits the rest,
 * less than the shortest topic away → waits here for that moment (never early).
 */
export function retryStepOf(message: ConsumedMessage, now: number): RetryStep {
  const turn = turnTimeOf(message);
  if (turn > now) return { kind: 'wait', until: turn };
  const remaining = dueTimeOf(message) - now;
  if (remaining <= 0) return { kind: 'forward' };
  if (remaining < SHORTEST_PARKING_MS) return { kind: 'wait', until: now + remaining };
  return { kind: 'repark', topic: retryTopicFor(parkingDelayFor(remaining)) };
}

export interface PlannedBatch {
  /** The prefix whose turn has come, each with its step. */
  ready: {
    message: ConsumedMessage;
    step: { kind: 'forward' } | { kind: 'repark'; topic: string };
  }[];
  /** The first message that must wait, and until when. */
  waiting: { message: ConsumedMessage; until: number } | undefined;
}

/** Splits a partition's batch into the prefix that can move now and the first that waits. */
export function planBatch(messages: readonly ConsumedMessage[], now: number): PlannedBatch {
  const ready: PlannedBatch['ready'] = [];
  for (const message of messages) {
    const step = retryStepOf(message, now);
    if (step.kind === 'wait') return { ready, waiting: { message, until: step.until } };
    ready.push({ message, step });
  }
  return { ready, waiting: undefined };
}
