import { DeliveryJob } from '@herald/contracts';
import {
  AttemptResult,
  DeliveryDecision,
  PayloadTemplateError,
  RetryJitter,
  SecretDecryptionError,
  SignatureComponentError,
  SigningKeyMissingError,
  SigningKeyring,
  SuccessVerdict,
  TemplateLimits,
  decideAfterAttempt,
  judgeResponse,
  renderPayload,
  signatureHeaders,
} from '@herald/delivery';
import { Authentication } from './delivery-credentials';
import { OutgoingRequest } from './http-sender';
import { SentRequest, redactedHeaders } from './sent-request';
import { DispatchedSubscription } from './dispatched-subscription';

/** A finished attempt: what was sent back and what follows from it. */
export interface AttemptReport {
  job: DeliveryJob;
  subscription: DispatchedSubscription;
  attemptedAt: Date;
  result: AttemptResult;
  /** The request of the attempt as sent (the last one, after a token renewal); null: none went out. */
  request: SentRequest | null;
  verdict: SuccessVerdict;
  decision: DeliveryDecision;
}

export interface AttemptDeliveryDeps {
  send(request: OutgoingRequest): Promise<AttemptResult>;
  now(): Date;
  maxRetryAfterMs: number;
  retryJitter: RetryJitter;
  /** Uniform in [0, 1) for the jitter (default Math.random). */
  random?: () => number;
  userAgent: string;
  /** Opens the subscriptions' sealed signing secrets. */
  keyring: SigningKeyring;
  templateLimits: TemplateLimits;
  /** The subscription's delivery credential and TLS material (absent: none is ever added). */
  credentials?: {
    authenticate(subscription: DispatchedSubscription): Promise<Authentication>;
    renew(subscription: DispatchedSubscription, rejected: string): Promise<Authentication>;
  };
}

/** prepared → sent → succeeded | failed (retry) | failed (final): one attempt of one job. */
export class AttemptDelivery {
  constructor(private readonly deps: AttemptDeliveryDeps) {}

  async execute(job: DeliveryJob, subscription: DispatchedSubscription): Promise<AttemptReport> {
    const attemptedAt = this.deps.now();
    const sent: Sent = { request: null };
    const result = await this.attempt(job, subscription, attemptedAt, sent);
    const verdict: SuccessVerdict =
      result.kind === 'response'
        ? judgeResponse(subscription.successRule, result.status, result.body)
        : { success: false, reason: result.message };
    const decision = decideAfterAttempt({
      attempt: job.attempt,
      policy: subscription.retryPolicy,
      result,
      verdict,
      now: this.deps.now(),
      maxRetryAfterMs: this.deps.maxRetryAfterMs,
      jitter: this.deps.retryJitter,
      random: this.deps.random,
    });
    return { job, subscription, attemptedAt, result, request: sent.request, verdict, decision };
  }

  private async attempt(
    job: DeliveryJob,
    subscription: DispatchedSubscription,
    now: Date,
    sent: Sent,
  ): Promise<AttemptResult> {
    let rendered;
    try {
      rendered = await renderPayload(job, subscription, this.deps.templateLimits);
    } catch (error) {
      const message =
        error instanceof PayloadTemplateError
          ? error.message
          : `render: ${(error as Error).message}`;
      return { kind: 'error', errorClass: 'render', message, latencyMs: 0 };
    }
    const unsigned: Record<string, string> = {
      ...subscription.headers,
      'content-type': rendered.contentType,
      'user-agent': this.deps.userAgent,
    };
    let signature: Record<string, string>;
    try {
      signature = signatureHeaders(
        subscription,
        job.deliveryId,
        rendered.body,
        now,
        this.deps.keyring,
        unsigned,
      );
    } catch (error) {
      if (
        !(error instanceof SecretDecryptionError) &&
        !(error instanceof SigningKeyMissingError) &&
        !(error instanceof SignatureComponentError)
      ) {
        throw error;
      }
      return { kind: 'error', errorClass: 'signing', message: error.message, latencyMs: 0 };
    }
    const base: Record<string, string> = { ...unsigned, ...signature };
    const credentials = this.deps.credentials;
    if (!credentials) return this.send(sent, subscription, base, rendered.body);
    const started = performance.now();
    const auth = await credentials.authenticate(subscription);
    if (!auth.ok) return credentialFailure(auth.message, performance.now() - started);
    const result = await this.send(sent, subscription, base, rendered.body, auth);
    if (result.kind !== 'response' || result.status !== 401 || auth.bearer === undefined) {
      return result;
    }
    // The receiver refused the bearer token (revoked, or expired early): one new token, one retry.
    const renewed = await credentials.renew(subscription, auth.bearer);
    if (!renewed.ok) {
      return credentialFailure(
        `receiver answered 401; renewing the token failed: ${renewed.message}`,
        performance.now() - started,
      );
    }
    return this.send(sent, subscription, base, rendered.body, renewed);
  }

  private send(
    sent: Sent,
    subscription: DispatchedSubscription,
    base: Record<string, string>,
    body: string,
    auth?: Authentication & { ok: true },
  ): Promise<AttemptResult> {
    const headers = auth ? withCredential(base, auth.headers) : base;
    // The attempt log keeps the headers (credential values redacted) and the body string itself.
    sent.request = {
      headers: redactedHeaders(headers, auth ? Object.keys(auth.headers) : undefined),
      body,
    };
    return this.deps.send({
      url: subscription.url,
      headers,
      body,
      timeoutMs: subscription.timeoutMs,
      ...(auth?.tls ? { tls: auth.tls } : {}),
    });
  }
}

/** Where `attempt` leaves the request it sent. */
interface Sent {
  request: SentRequest | null;
}

/** The credential's headers win over custom headers of the same name, in any case. */
function withCredential(
  base: Record<string, string>,
  credential: Record<string, string>,
): Record<string, string> {
  const names = Object.keys(credential);
  if (names.length === 0) return base;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(base)) {
    if (!names.includes(name.toLowerCase())) headers[name] = value;
  }
  return { ...headers, ...credential };
}

function credentialFailure(message: string, latencyMs: number): AttemptResult {
  return { kind: 'error', errorClass: 'credential', message, latencyMs };
}
