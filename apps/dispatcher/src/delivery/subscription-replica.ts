import { Subscription } from '@herald/contracts';
import { sealedKeyId, sealedValuesOf } from '@herald/delivery';
import { ChangelogListener } from '@herald/kafka';
import { DispatchedSubscription, dispatchedSubscription } from './dispatched-subscription';

export type SubscriptionObserver = (
  subscription: DispatchedSubscription,
  previous: DispatchedSubscription | undefined,
) => void;

/**
 * The dispatcher's in-memory copy of every subscription, fed by the changelog: what deliveries
 * read of each (`DispatchedSubscription`), not the whole record.
 */
export class SubscriptionReplica implements ChangelogListener {
  private readonly byId = new Map<string, DispatchedSubscription>();
  private readonly observers: SubscriptionObserver[] = [];

  /** Calls `observer` with every subscription upserted from now on, and the copy it replaces. */
  observe(observer: SubscriptionObserver): void {
    this.observers.push(observer);
  }

  upsert(record: Subscription): void {
    const subscription = dispatchedSubscription(record);
    const previous = this.byId.get(subscription.id);
    this.byId.set(subscription.id, subscription);
    for (const observer of this.observers) observer(subscription, previous);
  }

  remove(subscriptionId: string): void {
    this.byId.delete(subscriptionId);
  }

  get(id: string): DispatchedSubscription | undefined {
    return this.byId.get(id);
  }

  get size(): number {
    return this.byId.size;
  }

  /**
   * One sealed value per key id in use (the start-up check that the keys open them): signing
   * secrets, key pairs' private keys, delivery credentials and TLS client keys alike.
   */
  sealedSecretSamples(): Map<string, string> {
    const samples = new Map<string, string>();
    for (const s of this.byId.values()) {
      for (const sealed of sealedValuesOf(s)) {
        const keyId = sealedKeyId(sealed) ?? '(not sealed)';
        if (!samples.has(keyId)) samples.set(keyId, sealed);
      }
    }
    return samples;
  }

  countInState(state: Subscription['state']): number {
    let n = 0;
    for (const s of this.byId.values()) if (s.state === state) n++;
    return n;
  }
}
