import { Registry } from 'prom-client';
import { AttemptRecord } from '@herald/persistence';
import {
  AttemptResult,
  DEFAULT_TEMPLATE_LIMITS,
  NO_JITTER,
  SigningKeyring,
} from '@herald/delivery';
import { testSecretBox } from '@herald/testing';
import { jobFor, subscriptionFixture } from '../testing/delivery-fixtures';
import { AttemptDelivery } from './attempt-delivery.usecase';
import { HandleDeliveryMessage } from './handle-delivery-message.usecase';
import { DispatcherMetrics } from './dispatcher-metrics';
import { OutgoingRequest } from './http-sender';
import { OutcomeRecorder, OutcomeWrite } from './outcome-recorder';
import { SubscriptionGates } from './subscription-gates';
import { SubscriptionReplica } from './subscription-replica';
import { UnrecordedOutcomes } from './unrecorded-outcomes';

/** A database that is down until `recover()`; records what it accepted. */
class FlakyAttemptStore {
  down = true;
  readonly written: AttemptRecord[] = [];

  async appendAttempts(records: AttemptRecord[]): Promise<void> {
    if (this.down) throw new Error('database unavailable');
    this.written.push(...records);
  }
}

function setUp() {
  const subscription = subscriptionFixture('sub_a', 'https://receiver.example/hooks');
  const view = new SubscriptionReplica();
  view.upsert(subscription);
  const sent: OutgoingRequest[] = [];
  const store = new FlakyAttemptStore();
  const recorder = new OutcomeRecorder(
    {
      appendAttempts: (records) => store.appendAttempts(records),
      addDeadLetters: async () => undefined,
      markHeld: async () => undefined,
      sendMany: async () => undefined,
    },
    1,
  );
  const unrecorded = new UnrecordedOutcomes<OutcomeWrite[]>(100);
  const registry = new Registry();
  const dispatch = new HandleDeliveryMessage({
    view,
    gates: new SubscriptionGates(),
    deliver: new AttemptDelivery({
      keyring: new SigningKeyring(testSecretBox()),
      send: async (request): Promise<AttemptResult> => {
        sent.push(request);
        return {
          kind: 'response',
          status: 200,
          headers: {},
          body: '',
          truncated: false,
          latencyMs: 1,
        };
      },
      now: () => new Date(),
      maxRetryAfterMs: 60_000,
      retryJitter: NO_JITTER,
      userAgent: 'Herald-Webhooks/test',
      templateLimits: DEFAULT_TEMPLATE_LIMITS,
    }),
    recorder,
    unrecorded,
    metrics: new DispatcherMetrics(
      registry,
      () => 0,
      () => 0,
    ),
    setState: async () => undefined,
    now: () => new Date(),
  });
  const message = {
    key: subscription.id,
    value: Buffer.from(JSON.stringify(jobFor(subscription))),
  };
  return { dispatch, message, sent, store, unrecorded, registry };
}

describe('HandleDeliveryMessage when the outcome cannot be recorded', () => {
  it('records it when the message comes back, without calling the receiver again', async () => {
    const { dispatch, message, sent, store, unrecorded, registry } = setUp();
    await expect(dispatch.execute(message, 'herald.deliveries/0/41')).rejects.toThrow(
      'database unavailable',
    );
    expect(sent).toHaveLength(1);
    expect(unrecorded.size).toBe(1);

    store.down = false;
    await dispatch.execute(message, 'herald.deliveries/0/41');
    expect(sent).toHaveLength(1);
    expect(store.written).toHaveLength(1);
    expect(store.written[0]).toMatchObject({ outcome: 'succeeded', statusCode: 200 });
    expect(unrecorded.size).toBe(0);
    expect(
      await registry.getSingleMetricAsString('herald_delivery_outcomes_rerecorded_total'),
    ).toMatch(/herald_delivery_outcomes_rerecorded_total 1$/m);
  });

  it('delivers the same job again when it arrives as a different message (replay, redrive)', async () => {
    const { dispatch, message, sent, store } = setUp();
    await expect(dispatch.execute(message, 'herald.deliveries/0/41')).rejects.toThrow();
    store.down = false;
    await dispatch.execute(message, 'herald.deliveries/0/97');
    expect(sent).toHaveLength(2);
    expect(store.written).toHaveLength(1);
  });

  it('keeps nothing once the outcome is recorded', async () => {
    const { dispatch, message, sent, store, unrecorded } = setUp();
    store.down = false;
    await dispatch.execute(message, 'herald.deliveries/0/41');
    await dispatch.execute(message, 'herald.deliveries/0/41');
    expect(unrecorded.size).toBe(0);
    expect(sent).toHaveLength(2); // a message seen again after a recorded outcome is at least once
  });
});
