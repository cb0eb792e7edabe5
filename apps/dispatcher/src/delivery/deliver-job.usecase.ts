import { DeliveryJob, Subscription } from '@herald/contracts';
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
import { OutgoingRequest } from './http-sender';

/** A finished attempt: what was sent back and what follows from it. */
export interface AttemptReport {
  job: DeliveryJob;
  subscription: Subscription;
  attemptedAt: Date;
  result: AttemptResult;
  verdict: SuccessVerdict;
  decision: DeliveryDecision;
}

export interface DeliverJobDeps {
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
}

/** prepared → sent → succeeded | failed (retry) | failed (final): one attempt of one job. */
export class DeliverJob {
  constructor(private readonly deps: DeliverJobDeps) {}

  async execute(job: DeliveryJob, subscription: Subscription): Promise<AttemptReport> {
    const attemptedAt = this.deps.now();
    const result = await this.attempt(job, subscription, attemptedAt);
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
    return { job, subscription, attemptedAt, result, verdict, decision };
  }

  private async attempt(
    job: DeliveryJob,
    subscription: Subscription,
    now: Date,
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
    const headers: Record<string, string> = { ...unsigned, ...signature };
    return this.deps.send({
      url: subscription.url,
      headers,
      body: rendered.body,
      timeoutMs: subscription.timeoutMs,
    });
  }
}
