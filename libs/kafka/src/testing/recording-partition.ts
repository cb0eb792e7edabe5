import type { BatchContext } from '../consumer-runner';

/**
 * A partition as the runner hands it to a handler, recording in `log` what was done to it
 * (`resolve <offset>`, `pause`, `resume`, `seek <offset>`): for specs of batch handlers.
 */
export function recordingPartition(topic: string, active = true) {
  const log: string[] = [];
  const context: BatchContext = {
    topic,
    partition: 0,
    resolveOffset: (offset) => log.push(`resolve ${offset}`),
    heartbeat: async () => undefined,
    isActive: () => active,
    pause: () => {
      log.push('pause');
      return () => log.push('resume');
    },
    seek: (offset) => log.push(`seek ${offset}`),
    commit: async () => undefined,
  };
  return { context, log };
}
