import { LookupAddress, LookupOptions, lookup as dnsLookup } from 'dns';
import { LookupFunction } from 'net';
import { Agent } from 'undici';
import {
  AttemptResult,
  TargetPolicy,
  addressRefusal,
  callbackUrlVerdict,
  classifyNetworkError,
  targetPolicy,
} from '@herald/delivery';
import { CappedResponseCollector } from './capped-response';
import { TlsAgents, TlsMaterial } from './tls-agents';

/** Response bodies are read up to 64 KiB, then the connection is cut. */
export const RESPONSE_BODY_CAP_BYTES = 64 * 1024;

export interface OutgoingRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Response bytes read (default RESPONSE_BODY_CAP_BYTES). */
  capBytes?: number;
  /** A client certificate or private CA: the request goes over that material's own pool. */
  tls?: TlsMaterial;
}

export class ForbiddenTargetError extends Error {
  readonly code = 'HERALD_SSRF';
}

/** How names are resolved (the system resolver; tests give a table). */
export type DnsLookup = (
  hostname: string,
  options: { all: true; family?: number },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/** What a socket resolves its host with (`net.connect`'s `lookup`). */
export type GuardedLookup = LookupFunction;

/** `dns.lookup`'s family option as a number (0: either). */
function familyNumber(family: LookupOptions['family']): number {
  if (family === 'IPv4') return 4;
  if (family === 'IPv6') return 6;
  return family ?? 0;
}

/**
 * A socket lookup over `lookup` that answers with every address or the first, as the socket
 * asks, and fails with ForbiddenTargetError when `refusal` refuses any of them.
 */
function socketLookup(
  lookup: DnsLookup,
  refusal: (address: string) => string | null,
): GuardedLookup {
  return (hostname, options, callback) => {
    lookup(hostname, { all: true, family: familyNumber(options.family) }, (error, addresses) => {
      if (error) return callback(error, options.all ? [] : '');
      for (const a of addresses) {
        const refused = refusal(a.address);
        if (refused) {
          return callback(
            new ForbiddenTargetError(`${hostname} ${refused}`),
            options.all ? [] : '',
          );
        }
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/**
 * A DNS lookup for sockets that refuses the answers the target policy refuses (the same
 * `addressRefusal` the API applies when the URL is saved). It runs at connect time, after
 * resolution, so a name that re-resolves to an internal address (DNS rebinding) is refused too.
 */
export function guardedLookupFor(
  policy: TargetPolicy,
  lookup: DnsLookup = dnsLookup as DnsLookup,
): GuardedLookup {
  return socketLookup(lookup, (address) => addressRefusal(address, policy));
}

export interface HttpSenderOptions {
  allowPrivateTargets: boolean;
  /** Networks reachable although private (HERALD_PRIVATE_TARGET_ALLOWLIST). */
  allowedNetworks?: readonly string[];
  /** Replaces the system resolver (tests). */
  lookup?: DnsLookup;
}

/**
 * POSTs over keep-alive pools (one per origin), never follows redirects, stops after the
 * subscription's timeout and reads at most 64 KiB of the response. The timeout is enforced by
 * undici's headers and body timeouts plus a deadline for the whole body counted from the
 * headers (time queued for one of the origin's sockets does not count against it). No
 * AbortSignal per request: `AbortSignal.timeout` halved the throughput in the benchmark.
 * Connecting is bounded by the agent's connect timeout.
 */
export class HttpSender {
  private readonly agent: Agent;
  private readonly tlsAgents: TlsAgents;
  private readonly targets = new Map<string, Target>();
  private readonly policy: TargetPolicy;
  /** What the sockets resolve names with: the policy applied to every answer. */
  readonly connectLookup: GuardedLookup;

  constructor(options: HttpSenderOptions) {
    this.policy = targetPolicy({
      allowPrivate: options.allowPrivateTargets,
      allowedNetworks: options.allowedNetworks,
    });
    this.connectLookup = guardedLookupFor(this.policy, options.lookup);
    const connect = options.allowPrivateTargets
      ? { timeout: 10_000, ...(options.lookup ? { lookup: socketLookup(options.lookup, () => null) } : {}) }
      : { timeout: 10_000, lookup: this.connectLookup };
    this.agent = new Agent({
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 120_000,
      // Sockets per origin and instance: beyond it requests queue in the pool (cheaper than
      // hundreds of sockets to one receiver; per-subscription limits still apply first).
      connections: 64,
      connect,
    });
    this.tlsAgents = new TlsAgents(connect);
  }

  async send(req: OutgoingRequest): Promise<AttemptResult> {
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    try {
      const target = this.targetOf(req.url);
      if (target.refusal !== null) throw new ForbiddenTargetError(`callback URL ${target.refusal}`);
      const collector = new CappedResponseCollector(
        req.capBytes ?? RESPONSE_BODY_CAP_BYTES,
        req.timeoutMs,
      );
      const agent = req.tls ? this.tlsAgents.agentFor(req.tls) : this.agent;
      agent.dispatch(
        {
          origin: target.origin,
          path: target.path,
          method: 'POST',
          headers: req.headers,
          body: req.body,
          headersTimeout: req.timeoutMs,
          bodyTimeout: req.timeoutMs,
        },
        collector,
      );
      const response = await collector.response;
      return { kind: 'response', ...response, latencyMs: elapsed() };
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

  async close(): Promise<void> {
    await Promise.all([this.agent.close(), this.tlsAgents.close()]);
  }

  /**
   * Why this URL is refused before connecting (the target policy's check of the URL itself:
   * scheme, credentials, localhost names, IP literals), or null; names are checked at connect.
   */
  refusalOf(url: string): string | null {
    return this.targetOf(url).refusal;
  }

  /** A callback URL taken apart and checked once: the same few URLs are posted to over and over. */
  private targetOf(url: string): Target {
    let target = this.targets.get(url);
    if (!target) {
      const verdict = callbackUrlVerdict(url, this.policy);
      const parsed = verdict.refusal === null ? new URL(url) : undefined;
      target = {
        origin: parsed?.origin ?? '',
        path: parsed ? parsed.pathname + parsed.search : '',
        refusal: verdict.refusal,
      };
      if (this.targets.size >= TARGETS_KEPT) this.targets.clear();
      this.targets.set(url, target);
    }
    return target;
  }
}

/** Parsed callback URLs kept (one per subscription URL in use; starts over beyond it). */
const TARGETS_KEPT = 10_000;

interface Target {
  origin: string;
  path: string;
  /** Why the target policy refuses the URL itself, or null. */
  refusal: string | null;
}

function describeError(error: unknown): string {
  const e = error as { message?: string; cause?: { message?: string; code?: string } };
  const cause = e.cause?.message ?? e.cause?.code;
  return cause && cause !== e.message ? `${e.message}: ${cause}` : (e.message ?? String(error));
}
