import type { BatchContext, ConsumedMessage, TopicHandler } from './consumer-runner';
import type { FailurePolicy } from './failure-policy';
import { PartitionPauses, backoffMs } from './partition-pauses';

export interface PartitionBatchDeps {
  handler: TopicHandler;
  policy: FailurePolicy;
  /** The consumer's partition waits: one a partition, resumed from timers of its clock. */
  pauses: PartitionPauses;
  onError?: (error: Error, topic: string, partition: number) => void;
}

/**
 * One fetched batch of one partition, start to end, without sleeping: the handler runs the
 * messages (through the failure policy, which quarantines what can never be processed) and
 * resolves what it finished; when it throws, the partition is rewound to its first unresolved
 * message and paused for a back-off that grows with the failures of that message
 * (`backoffMs`), so the next fetch after the timer retries it. Returns the partition's next
 * offset: the first message not finished, or the high watermark of an empty batch.
 */
export async function runPartitionBatch(
  messages: ConsumedMessage[],
  highWatermark: string,
  context: BatchContext,
  deps: PartitionBatchDeps,
): Promise<string> {
  let lastResolved: bigint | undefined;
  const tracked: BatchContext = {
    topic: context.topic,
    partition: context.partition,
    heartbeat: () => context.heartbeat(),
    isActive: () => context.isActive(),
    pause: () => context.pause(),
    seek: (offset) => context.seek(offset),
    commit: (offset) => context.commit(offset),
    resolveOffset: (offset) => {
      context.resolveOffset(offset);
      lastResolved = BigInt(offset);
    },
  };
  const isResolved = (offset: string) =>
    lastResolved !== undefined && BigInt(offset) <= lastResolved;
  const firstUnresolved = () =>
    lastResolved === undefined ? messages[0]?.offset : String(lastResolved + 1n);
  try {
    await deps.policy.run(deps.handler, messages, tracked, isResolved);
  } catch (error) {
    const rewindTo = firstUnresolved();
    const attempt = deps.policy.willRetry(tracked, rewindTo, error);
    deps.onError?.(error as Error, context.topic, context.partition);
    if (rewindTo !== undefined && context.isActive())
      deps.pauses.waitAt(context, rewindTo, backoffMs(attempt));
  }
  return firstUnresolved() ?? highWatermark;
}
