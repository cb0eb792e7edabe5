import { randomUUID } from 'crypto';
import { Message } from 'kafkajs';
import {
  DeliveryJob,
  GONE_CAUSE,
  SubscriptionState,
  decodeJson,
  describeIssues,
  validateDeliveryJob,
} from '@herald/contracts';
import {
  CircuitTransition,
  OperationalEventType,
  deliveryDetails,
  failureText,
  operationalEvent,
  topicDelayFor,
} from '@herald/delivery';
import { classifyFailure } from '@herald/kafka';
import { AttemptReport, AttemptDelivery } from './attempt-delivery.usecase';
import { DispatcherMetrics } from './dispatcher-metrics';
import { OutcomeRecorder, OutcomeWrite } from './outcome-recorder';
import { SubscriptionGates } from './subscription-gates';
import { SubscriptionReplica } from './subscription-replica';
import { UnrecordedOutcomes } from './unrecorded-outcomes';
import { DispatchedSubscription } from './dispatched-subscription';

/** A job whose subscription is not known yet is retried this many times (changelog lag). */
const UNKNOWN_SUBSCRIPTION_DEFERRALS = 5;

export interface HandleDeliveryMessageDeps {
  view: SubscriptionReplica;
  gates: SubscriptionGates;
  deliver: AttemptDelivery;
  recorder: OutcomeRecorder;
  /** Outcomes that failed to record, so a rewound message is not sent again. */
  unrecorded: UnrecordedOutcomes<OutcomeWrite[]>;
  metrics: DispatcherMetrics;
  /** Publishes a health state change through the subscriptions table and the outbox. */
  setState(
    subscription: DispatchedSubscription,
    state: SubscriptionState,
    reason: string | null,
    pausedUntil: Date | null,
  ): Promise<void>;
  now(): Date;
}

/**
 * One message of herald.deliveries, from decoding to its one outcome: delivered, scheduled for
 * retry, deferred (no attempt counted), held, dead-lettered, or dropped (subscription deleted).
 * Resolves once everything it leaves behind is written. `messageKey` names the Kafka message
 * (topic/partition/offset): if this message's outcome was worked out before and could not be
 * recorded, it is recorded now and the receiver is not called again. A job whose outcome can
 * never be written (PostgreSQL or Kafka refuse it for good: `classifyFailure`) goes to the DLQ
 * as it came, with the reason, instead of holding its partition for ever.
 */
export class HandleDeliveryMessage {
  constructor(private readonly deps: HandleDeliveryMessageDeps) {}

  /**
   * `lastTry`: this message already failed for an unknown reason as often as a message may
   * (HERALD_CONSUMER_MAX_MESSAGE_RETRIES); failing so again dead-letters it too.
   */
  async execute(message: Message, messageKey?: string, lastTry = false): Promise<void> {
    try {
      await this.dispatch(message, messageKey);
    } catch (error) {
      const failure = classifyFailure(error);
      if (failure.kind === 'transient' || (failure.kind === 'unknown' && !lastTry)) throw error;
      const reason = failure.kind === 'permanent' ? failure.reason : 'retries_exhausted';
      this.deps.metrics.deadLetters.inc({ reason: 'unrecordable' });
      const { recorder } = this.deps;
      await recorder.record([
        recorder.rawDeadLetter(message, `unrecordable (${reason}): ${failure.detail}`),
      ]);
    }
  }

  private async dispatch(message: Message, messageKey?: string): Promise<void> {
    const { recorder, metrics } = this.deps;
    const decoded = decodeJson(message.value as Buffer | null, validateDeliveryJob);
    if (!decoded.ok) {
      metrics.deadLetters.inc({ reason: 'invalid' });
      await recorder.record([
        recorder.rawDeadLetter(message, `invalid job: ${describeIssues(decoded.issues)}`),
      ]);
      return;
    }
    const job = decoded.value;
    const key = messageKey === undefined ? undefined : `${messageKey}/${job.deliveryId}`;
    const unrecorded = key === undefined ? undefined : this.deps.unrecorded.take(key);
    if (unrecorded) {
      metrics.rerecorded.inc();
      return this.record(key, unrecorded);
    }
    const subscription = this.deps.view.get(job.subscriptionId);
    if (!subscription) return this.unknownSubscription(job, key);
    await this.deps.gates.loadCircuit(subscription);

    let gate = this.deps.gates.admit(subscription, this.deps.now());
    while (gate.kind === 'wait') {
      await gate.slot;
      gate = this.deps.gates.admit(
        this.deps.view.get(subscription.id) ?? subscription,
        this.deps.now(),
      );
    }
    if (gate.kind === 'hold') {
      metrics.held.inc({ reason: gate.reason });
      return this.record(key, [recorder.held(job)]);
    }
    if (gate.kind === 'defer') {
      metrics.deferred.inc({ reason: gate.reason });
      return this.record(key, [
        recorder.later(this.deferred(job, gate.waitMs), topicDelayFor(gate.waitMs)),
      ]);
    }
    let report: AttemptReport;
    try {
      report = await this.deps.deliver.execute(job, subscription);
    } catch (error) {
      this.deps.gates.finish(subscription, gate.startedAt, false, this.deps.now());
      throw error;
    }
    await this.recordAttempt(report, gate.startedAt, key);
  }

  /** Writes a job's outcome; if that fails, keeps it for when the message comes back. */
  private async record(key: string | undefined, writes: OutcomeWrite[]): Promise<void> {
    try {
      await this.deps.recorder.record(writes);
    } catch (error) {
      // Kept only if writing it again can work (the rewound message will try).
      if (key !== undefined && classifyFailure(error).kind !== 'permanent')
        this.deps.unrecorded.keep(key, writes);
      throw error;
    }
  }

  private async unknownSubscription(job: DeliveryJob, key: string | undefined): Promise<void> {
    const { recorder, metrics } = this.deps;
    if (job.deferrals < UNKNOWN_SUBSCRIPTION_DEFERRALS) {
      metrics.deferred.inc({ reason: 'unknown_subscription' });
      await this.record(key, [recorder.later(this.deferred(job, 1_000), 1_000)]);
    } else {
      metrics.dropped.inc({ reason: 'subscription_deleted' });
    }
  }

  private deferred(job: DeliveryJob, waitMs: number): DeliveryJob {
    const delay = topicDelayFor(waitMs);
    return {
      ...job,
      deferrals: job.deferrals + 1,
      dueAt: new Date(this.deps.now().getTime() + delay).toISOString(),
    };
  }

  private async recordAttempt(
    report: AttemptReport,
    startedAt: number,
    key: string | undefined,
  ): Promise<void> {
    const { recorder, metrics } = this.deps;
    const { job, subscription, decision, result, verdict, attemptedAt } = report;
    const now = this.deps.now();
    const success = decision.kind === 'succeeded';
    const transition = this.deps.gates.finish(subscription, startedAt, success, now);
    const error = success ? null : failureText(result, verdict);
    const writes = [
      recorder.attempt({
        deliveryId: job.deliveryId,
        tenantId: job.tenantId,
        subscriptionId: job.subscriptionId,
        eventId: job.event.id,
        eventType: job.event.type,
        attempt: job.attempt,
        attemptedAt: attemptedAt.toISOString(),
        outcome: success ? 'succeeded' : 'failed',
        statusCode: result.kind === 'response' ? result.status : null,
        latencyMs: result.latencyMs,
        errorClass: result.kind === 'error' ? result.errorClass : null,
        errorMessage: error,
        responseHeaders: result.kind === 'response' ? result.headers : null,
        responseBody: result.kind === 'response' ? result.body : null,
        requestHeaders: report.request?.headers ?? null,
        requestBody: report.request?.body ?? null,
        deliveryStatus:
          decision.kind === 'succeeded'
            ? 'succeeded'
            : decision.kind === 'retry'
              ? 'failed'
              : 'dead',
      }),
    ];
    const circuit = this.deps.gates.changedCircuit(subscription.id);
    if (circuit) writes.push(recorder.circuit(subscription, circuit));
    // Operational events about operational events would feed on themselves.
    const emits = !job.event.type.startsWith('herald.');
    const event = (type: OperationalEventType, details: Record<string, unknown>) =>
      recorder.operationalEvent(operationalEvent(type, subscription, details, randomUUID(), now));

    if (decision.kind === 'succeeded') {
      metrics.observeAttempt('succeeded', result);
      metrics.eventToDelivery.observe(
        Math.max(0, now.getTime() - Date.parse(job.event.time)) / 1000,
      );
      if (job.attempt > 1 && emits)
        writes.push(event('herald.delivery.recovered', deliveryDetails(job, null)));
    } else if (decision.kind === 'retry') {
      metrics.observeAttempt('failed', result);
      metrics.retries.inc({ delay: String(decision.delayMs / 1000) + 's' });
      writes.push(
        recorder.later(
          {
            ...job,
            attempt: job.attempt + 1,
            dueAt: decision.dueAt.toISOString(),
            lastError: error,
          },
          decision.delayMs,
        ),
      );
    } else {
      metrics.observeAttempt('dead', result);
      metrics.deadLetters.inc({ reason: decision.reason });
      writes.push(...recorder.deadLetter({ ...job, lastError: error }, decision.reason));
      if (emits) writes.push(event('herald.delivery.exhausted', deliveryDetails(job, error)));
    }
    await this.applyTransition(subscription, transition, decision);
    await this.record(key, writes);
  }

  /**
   * Publishes a pause, disable or recovery through the subscriptions table. The operational
   * event (paused, disabled, resumed) and the state-history row are written with the change,
   * so several instances reporting the same thing announce it once.
   */
  private async applyTransition(
    subscription: DispatchedSubscription,
    transition: CircuitTransition,
    decision: AttemptReport['decision'],
  ): Promise<void> {
    const disable =
      decision.kind === 'dead' && decision.disable
        ? { kind: 'disable' as const, reason: GONE_CAUSE }
        : transition.kind === 'disable'
          ? transition
          : undefined;
    if (disable) {
      await this.changeState(subscription, 'disabled', disable.reason, null);
    } else if (transition.kind === 'pause') {
      await this.changeState(subscription, 'paused', transition.reason, transition.until);
    } else if (transition.kind === 'recover' && subscription.state === 'paused') {
      await this.changeState(subscription, 'active', null, null);
    }
  }

  private async changeState(
    subscription: DispatchedSubscription,
    state: SubscriptionState,
    reason: string | null,
    until: Date | null,
  ): Promise<void> {
    this.deps.metrics.stateChanges.inc({ state });
    await this.deps.setState(subscription, state, reason, until);
  }
}
