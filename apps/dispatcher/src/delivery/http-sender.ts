import { LookupAddress, lookup as dnsLookup } from 'dns';
import { isIP } from 'net';
import { Agent, request } from 'undici';
import { AttemptResult, classifyNetworkError, isForbiddenAddress } from '@herald/delivery';

/** Response bodies are read up to 64 KiB, then the connection is cut. */
export const RESPONSE_BODY_CAP_BYTES = 64 * 1024;

export interface OutgoingRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

export class ForbiddenTargetError extends Error {
  readonly code = 'HERALD_SSRF';
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A DNS lookup for sockets that refuses private, loopback and link-local answers. It runs at
 * connect time, after resolution, so a name that re-resolves to an internal address (DNS
 * rebinding) is refused too.
 */
export function guardedLookup(
  hostname: string,
  options: { all?: boolean; family?: number },
  callback: LookupCallback,
): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, options.all ? [] : '');
    const forbidden = addresses.find((a) => isForbiddenAddress(a.address));
    if (forbidden) {
      return callback(
        new ForbiddenTargetError(
          `${hostname} resolves to ${forbidden.address}, an internal address`,
        ),
        options.all ? [] : '',
      );
    }
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
}

/**
 * POSTs over keep-alive pools (one per origin), never follows redirects, stops after the
 * subscription's timeout and reads at most 64 KiB of the response. The timeout is enforced by
 * undici's headers and body timeouts plus a deadline while reading the body (no AbortSignal
 * per request: `AbortSignal.timeout` halved the throughput in the benchmark); connecting is
 * bounded by the agent's connect timeout.
 */
export class HttpSender {
  private readonly agent: Agent;

  constructor(private readonly options: { allowPrivateTargets: boolean }) {
    this.agent = new Agent({
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 120_000,
      // Sockets per origin and instance: beyond it requests queue in the pool (cheaper than
      // hundreds of sockets to one receiver; per-subscription limits still apply first).
      connections: 64,
      connect: options.allowPrivateTargets
        ? { timeout: 10_000 }
        : { timeout: 10_000, lookup: guardedLookup as never },
    });
  }

  async send(req: OutgoingRequest): Promise<AttemptResult> {
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    try {
      const url = new URL(req.url);
      const host = url.hostname.replace(/^\[|\]$/g, '');
      if (!this.options.allowPrivateTargets && isIP(host) && isForbiddenAddress(host)) {
        throw new ForbiddenTargetError(`${host} is an internal address`);
      }
      const response = await request(url, {
        method: 'POST',
        headers: req.headers,
        body: req.body,
        dispatcher: this.agent,
        headersTimeout: req.timeoutMs,
        bodyTimeout: req.timeoutMs,
      });
      // The body gets the timeout again from the headers on: time queued for one of the
      // origin's sockets must not count against it (the request may already have been served).
      const { text, truncated } = await readCapped(
        response.body,
        RESPONSE_BODY_CAP_BYTES,
        performance.now() + req.timeoutMs,
      );
      return {
        kind: 'response',
        status: response.statusCode,
        headers: flattenHeaders(response.headers),
        body: text,
        truncated,
        latencyMs: elapsed(),
      };
    } catch (error) {
      const errorClass = classifyNetworkError(error);
      return {
        kind: 'error',
        errorClass,
        message:
          errorClass === 'timeout' ? `no response within ${req.timeoutMs}ms` : describeError(error),
        latencyMs: elapsed(),
      };
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

async function readCapped(
  body: AsyncIterable<Buffer> & { destroy(): unknown },
  cap: number,
  deadline: number,
): Promise<{ text: string; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    if (performance.now() > deadline) {
      body.destroy();
      throw Object.assign(new Error('response body not read within the timeout'), {
        code: 'UND_ERR_BODY_TIMEOUT',
      });
    }
    if (size + chunk.length > cap) {
      chunks.push(chunk.subarray(0, cap - size));
      body.destroy();
      return { text: Buffer.concat(chunks).toString('utf8'), truncated: true };
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  return { text: Buffer.concat(chunks).toString('utf8'), truncated: false };
}

function flattenHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined)
      out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function describeError(error: unknown): string {
  const e = error as { message?: string; cause?: { message?: string; code?: string } };
  const cause = e.cause?.message ?? e.cause?.code;
  return cause && cause !== e.message ? `${e.message}: ${cause}` : (e.message ?? String(error));
}
