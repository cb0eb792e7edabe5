import { Agent, request } from 'undici';

export interface CeilingResult {
  requests: number;
  seconds: number;
  perSecond: number;
}

/**
 * The hardware ceiling for the same work: a bare undici loop POSTing the same payloads to the
 * same receiver, with keep-alive and `concurrency` requests in flight, for `durationMs`.
 */
export async function measureRawCeiling(options: {
  url: string;
  payloads: readonly string[];
  concurrency: number;
  durationMs: number;
}): Promise<CeilingResult> {
  const agent = new Agent({
    connections: options.concurrency,
    pipelining: 1,
    keepAliveTimeout: 30_000,
  });
  const started = Date.now();
  const deadline = started + options.durationMs;
  let sent = 0;
  const worker = async () => {
    while (Date.now() < deadline) {
      const body = options.payloads[sent % options.payloads.length];
      sent++;
      const response = await request(options.url, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'webhook-id': `ceiling_${sent}` },
        dispatcher: agent,
      });
      await response.body.dump();
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (Date.now() - started) / 1000;
  await agent.close();
  return { requests: sent, seconds, perSecond: Math.round(sent / seconds) };
}
