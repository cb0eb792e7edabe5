import { Message } from 'kafkajs';
import {
  DeliveryJob,
  HEADERS,
  InboundCloudEvent,
  RetryTopicName,
  TOPICS,
  retryTopicFor,
} from '@herald/contracts';
import { classifyFailure, encodeFor } from '@herald/kafka';
import type { DurableCircuit } from '@herald/delivery';
import { AttemptRecord, DeadLetterRecord, SubscriptionHealthRecord } from '@herald/persistence';
import { FlushBatcher } from './flush-batcher';

export type OutcomeWrite =
  | { kind: 'attempt'; record: AttemptRecord }
  | { kind: 'dead'; record: DeadLetterRecord }
  | { kind: 'held'; job: DeliveryJob }
  /** A subscription's circuit, read when the batch is written (the newest state wins). */
  | { kind: 'circuit'; tenantId: string; subscriptionId: string; read: () => DurableCircuit }
  | { kind: 'message'; topic: string; message: Message };

export interface OutcomeStores {
  appendAttempts(records: AttemptRecord[]): Promise<void>;
  addDeadLetters(records: DeadLetterRecord[]): Promise<void>;
  markHeld(jobs: DeliveryJob[]): Promise<void>;
  /** Upserts subscriptions' circuits (subscription_health); absent = not kept. */
  saveCircuits?(records: SubscriptionHealthRecord[]): Promise<void>;
  sendMany(batches: { topic: string; messages: Message[] }[]): Promise<void>;
}

/** Where a job goes after a wait: straight back to herald.deliveries, or a retry topic. */
export function topicForDelay(delayMs: number): typeof TOPICS.deliveries | RetryTopicName {
  return delayMs === 0 ? TOPICS.deliveries : (retryTopicFor(delayMs) as RetryTopicName);
}

/** A write no retry can fix (PostgreSQL data error, a record Kafka refuses): split the flush. */
export function isPermanent(error: unknown): boolean {
  return classifyFailure(error).kind === 'permanent';
}

/** A job for herald.deliveries, a retry topic or the DLQ, with its attempt headers. */
export function jobMessage(
  topic: typeof TOPICS.deliveries | typeof TOPICS.deliveriesDlq | RetryTopicName,
  job: DeliveryJob,
  extra: Record<string, string> = {},
): Message {
  return encodeFor(topic, {
    key: job.subscriptionId,
    value: job,
    headers: {
      [HEADERS.attempt]: String(job.attempt),
      [HEADERS.dueAt]: job.dueAt,
      ...(job.lastError === null ? {} : { [HEADERS.lastError]: job.lastError.slice(0, 1_000) }),
      ...extra,
    },
  });
}

/**
 * Everything a finished job leaves behind (attempt rows, dead letters, held marks, circuits,
 * retry, DLQ and operational-event messages), gathered for a few milliseconds and written together:
 * database rows first, then one produce request. A job's offset is resolved only after its
 * writes resolve.
 */
export class OutcomeRecorder {
  private readonly batcher: FlushBatcher<OutcomeWrite>;

  constructor(stores: OutcomeStores, flushMs: number) {
    this.batcher = new FlushBatcher<OutcomeWrite>(
      async (writes) => {
        const attempts: AttemptRecord[] = [];
        const dead: DeadLetterRecord[] = [];
        const held: DeliveryJob[] = [];
        const circuits: SubscriptionHealthRecord[] = [];
        const byTopic = new Map<string, Message[]>();
        for (const w of writes) {
          if (w.kind === 'attempt') attempts.push(w.record);
          else if (w.kind === 'dead') dead.push(w.record);
          else if (w.kind === 'held') held.push(w.job);
          else if (w.kind === 'circuit')
            circuits.push({
              tenantId: w.tenantId,
              subscriptionId: w.subscriptionId,
              circuit: w.read(),
            });
          else {
            const messages = byTopic.get(w.topic);
            if (messages) messages.push(w.message);
            else byTopic.set(w.topic, [w.message]);
          }
        }
        await Promise.all([
          stores.appendAttempts(attempts),
          stores.addDeadLetters(dead),
          stores.markHeld(held),
          circuits.length > 0 && stores.saveCircuits ? stores.saveCircuits(circuits) : undefined,
        ]);
        await stores.sendMany([...byTopic].map(([topic, messages]) => ({ topic, messages })));
      },
      flushMs,
      undefined,
      isPermanent,
    );
  }

  record(writes: OutcomeWrite[]): Promise<void> {
    return this.batcher.add(...writes);
  }

  attempt(record: AttemptRecord): OutcomeWrite {
    return { kind: 'attempt', record };
  }

  deadLetter(job: DeliveryJob, reason: string): OutcomeWrite[] {
    return [
      { kind: 'dead', record: { job, reason } },
      {
        kind: 'message',
        topic: TOPICS.deliveriesDlq,
        message: jobMessage(TOPICS.deliveriesDlq, job, { [HEADERS.deadReason]: reason }),
      },
    ];
  }

  later(job: DeliveryJob, delayMs: number): OutcomeWrite {
    const topic = topicForDelay(delayMs);
    return { kind: 'message', topic, message: jobMessage(topic, job) };
  }

  held(job: DeliveryJob): OutcomeWrite {
    return { kind: 'held', job };
  }

  circuit(
    subscription: { tenantId: string; id: string },
    read: () => DurableCircuit,
  ): OutcomeWrite {
    return {
      kind: 'circuit',
      tenantId: subscription.tenantId,
      subscriptionId: subscription.id,
      read,
    };
  }

  rawDeadLetter(message: Message, reason: string): OutcomeWrite {
    return {
      kind: 'message',
      topic: TOPICS.deliveriesDlq,
      message: { ...message, headers: { ...message.headers, [HEADERS.deadReason]: reason } },
    };
  }

  operationalEvent(event: InboundCloudEvent): OutcomeWrite {
    return {
      kind: 'message',
      topic: TOPICS.eventsOperational,
      message: encodeFor(TOPICS.eventsOperational, { key: event.tenantid ?? null, value: event }),
    };
  }

  drain(): Promise<void> {
    return this.batcher.drain();
  }
}
