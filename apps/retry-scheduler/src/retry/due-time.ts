import { HEADERS, delayOfRetryTopic, headerText } from '@herald/contracts';
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
  return Number(message.timestamp) + (delayOfRetryTopic(message.topic) ?? 0);
}

/** Splits a partition's batch into the due prefix and the first message still waiting. */
export function splitDue(
  messages: readonly ConsumedMessage[],
  now: number,
): { due: ConsumedMessage[]; waiting: { message: ConsumedMessage; dueAt: number } | undefined } {
  const due: ConsumedMessage[] = [];
  for (const message of messages) {
    const dueAt = dueTimeOf(message);
    if (dueAt > now) return { due, waiting: { message, dueAt } };
    due.push(message);
  }
  return { due, waiting: undefined };
}
