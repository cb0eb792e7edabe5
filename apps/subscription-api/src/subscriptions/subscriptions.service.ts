import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'crypto';
import { HeraldEvent, StateActor, Subscription } from '@herald/contracts';
import { templateLimitsOf } from '@herald/config';
import {
  SecretBox,
  TargetPolicy,
  TemplateLimits,
  targetPolicy,
  templateBudgetProblem,
} from '@herald/delivery';
import {
  DeliveryLog,
  DeliveryStats,
  EventStore,
  Page,
  PayloadFormatNotFoundError,
  PayloadFormatStore,
  QuotaExceededError,
  StateChange,
  StateHistoryStore,
  SubscriptionStore,
  TenantLimitsDirectory,
  TenantStore,
} from '@herald/persistence';
import { DeliveryCommands } from '../deliveries/delivery-commands.service';
import { firstAttemptJob, newDeliveryId } from '@herald/delivery';
import { FieldIssue, invalid, invalidField, notFound, quotaExceeded } from '../http/problem';
import { SubscriptionApiConfig } from '../subscription-api.config';
import { HOST_RESOLVER } from '../infrastructure/host-resolver';
import { OutboxRelay } from '../outbox/outbox-relay';
import { TenantLimitMetrics } from '../tenants/tenant-limits.providers';
import { HostResolver, callbackUrlProblem } from './callback-url-policy';
import { sealCredential, sealTls } from './delivery-auth';
import { deliveryAuthInputIssues, deliveryAuthIssues } from './delivery-auth-checks';
import {
  DEFAULT_ROTATION_OVERLAP_MS,
  generateSecret,
  rotateSecrets,
  sealSecret,
} from './signing-secrets';
import {
  applyPatch,
  buildSubscription,
  reactivated,
  formatNameIssues,
  semanticIssues,
  templatePreviewInput,
} from './subscription-draft';
import { SubscriptionInput, SubscriptionPatch } from './subscription-input';

const unknownFormat = (name: string) =>
  invalidField('payloadFormatName', `${name} is not a payload format of this tenant`);

export function newSubscriptionId(now: Date): string {
  return `sub_${now.getTime().toString(16).padStart(12, '0')}${randomBytes(6).toString('hex')}`;
}

/** The subscription use-cases; every one is scoped by the caller's tenant. */
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly store: SubscriptionStore,
    private readonly deliveries: DeliveryLog,
    private readonly events: EventStore,
    private readonly commands: DeliveryCommands,
    @Inject(SubscriptionApiConfig) config: SubscriptionApiConfig,
    @Inject(HOST_RESOLVER) private readonly resolve: HostResolver,
    private readonly relay: OutboxRelay,
    private readonly limits: TenantLimitsDirectory,
    private readonly limitMetrics: TenantLimitMetrics,
    private readonly secrets: SecretBox,
    private readonly history: StateHistoryStore,
    private readonly tenants: TenantStore,
    private readonly formats: PayloadFormatStore,
  ) {
    this.targets = targetPolicy({
      allowPrivate: config.HERALD_ALLOW_PRIVATE_TARGETS,
      allowedNetworks: config.HERALD_PRIVATE_TARGET_ALLOWLIST,
    });
    this.templateLimits = templateLimitsOf(config);
  }

  /** Where callback URLs may point: the policy the dispatcher applies when it connects. */
  private readonly targets: TargetPolicy;
  /** The budgets the dispatcher renders templates with. */
  private readonly templateLimits: TemplateLimits;

  async create(
    tenantId: string,
    input: SubscriptionInput,
    actor: StateActor = { kind: 'tenant', id: null },
    now = new Date(),
  ): Promise<{ subscription: Subscription; secret: string }> {
    const secret = generateSecret();
    const nameIssues = formatNameIssues(input);
    if (nameIssues.length > 0) throw invalid(nameIssues);
    const inputIssues = deliveryAuthInputIssues(input, now);
    const draft: Subscription = {
      ...(await this.withNamedFormat(
        buildSubscription(input, {
          id: newSubscriptionId(now),
          tenantId,
          secret: sealSecret(this.secrets, secret),
          now,
        }),
      )),
      ...(inputIssues.length === 0 ? this.sealedAuth(input) : {}),
    };
    await this.check(draft, { checkUrl: true, checkTokenUrl: true, inputIssues });
    let subscription: Subscription;
    try {
      subscription = await this.store.create(draft, now, this.limits.limitsOf(tenantId), actor);
    } catch (error) {
      if (error instanceof PayloadFormatNotFoundError) throw unknownFormat(error.format);
      if (!(error instanceof QuotaExceededError)) throw error;
      this.limitMetrics.refused.inc({ limit: error.exceeded.quota });
      throw quotaExceeded(error.exceeded.quota, error.exceeded.limit, error.exceeded.used);
    }
    this.relay.kick();
    return { subscription, secret };
  }

  async get(tenantId: string, id: string): Promise<Subscription> {
    const s = await this.store.findById(tenantId, id);
    if (!s) throw notFound(`subscription ${id}`);
    return s;
  }

  list(
    tenantId: string,
    query: Parameters<SubscriptionStore['list']>[1],
  ): Promise<Page<Subscription>> {
    return this.store.list(tenantId, query);
  }

  async update(
    tenantId: string,
    id: string,
    patch: SubscriptionPatch,
    actor: StateActor = { kind: 'tenant', id: null },
  ): Promise<Subscription> {
    const nameIssues = formatNameIssues(patch);
    if (nameIssues.length > 0) throw invalid(nameIssues);
    const current = await this.get(tenantId, id);
    const inputIssues = deliveryAuthInputIssues(patch, new Date());
    // Sealed once: the stored credential is the one checked.
    const auth = inputIssues.length === 0 ? this.sealedAuth(patch) : {};
    const draft = { ...(await this.withNamedFormat(applyPatch(current, patch))), ...auth };
    await this.check(draft, {
      checkUrl: patch.url !== undefined,
      checkTokenUrl: patch.credential !== undefined,
      inputIssues,
    });
    try {
      return await this.mutate(
        tenantId,
        id,
        (s) => ({ ...applyPatch(s, patch), ...auth }),
        new Date(),
        actor,
      );
    } catch (error) {
      if (error instanceof PayloadFormatNotFoundError) throw unknownFormat(error.format);
      throw error;
    }
  }

  /** The draft with its named format's template (what the store will copy), checked to exist. */
  private async withNamedFormat(draft: Subscription): Promise<Subscription> {
    if (!draft.payloadFormatName) return draft;
    const format = await this.formats.find(draft.tenantId, draft.payloadFormatName);
    if (!format) throw unknownFormat(draft.payloadFormatName);
    return { ...draft, payloadFormat: 'template', payloadTemplate: format.template };
  }

  async delete(tenantId: string, id: string): Promise<void> {
    if (!(await this.store.delete(tenantId, id))) throw notFound(`subscription ${id}`);
    this.relay.kick();
  }

  async rotateSecret(
    tenantId: string,
    id: string,
    overlapMs = DEFAULT_ROTATION_OVERLAP_MS,
    now = new Date(),
  ) {
    const secret = generateSecret();
    const subscription = await this.mutate(
      tenantId,
      id,
      (s) => ({
        ...s,
        signing: {
          ...s.signing,
          secrets: rotateSecrets(
            s.signing.secrets,
            sealSecret(this.secrets, secret),
            now,
            overlapMs,
          ),
        },
      }),
      now,
    );
    return { subscription, secret };
  }

  /** The current signing secret in clear (the owning tenant's reveal), with its fingerprint. */
  async revealSecret(
    tenantId: string,
    id: string,
    now = new Date(),
  ): Promise<{ secret: string; fingerprint: string }> {
    const { signing } = await this.get(tenantId, id);
    const current =
      signing.secrets.find((x) => x.expiresAt === null) ??
      signing.secrets.find(
        (x) => x.expiresAt !== null && Date.parse(x.expiresAt) > now.getTime(),
      ) ??
      signing.secrets[0];
    return { secret: this.secrets.open(current.sealed), fingerprint: current.fingerprint };
  }

  /** Reactivates: active again, and a paused or disabled state cleared. */
  activate(
    tenantId: string,
    id: string,
    actor: StateActor = { kind: 'tenant', id: null },
  ): Promise<Subscription> {
    return this.mutate(tenantId, id, reactivated, new Date(), actor);
  }

  /** The subscription's state changes, newest first (404 for another tenant's subscription). */
  async stateHistory(
    tenantId: string,
    id: string,
    query: { limit: number; cursor?: string },
  ): Promise<Page<StateChange>> {
    await this.get(tenantId, id);
    return this.history.list(tenantId, id, query);
  }

  async stats(
    tenantId: string,
    id: string,
  ): Promise<{ subscription: Subscription; deliveries: DeliveryStats }> {
    const subscription = await this.get(tenantId, id);
    return { subscription, deliveries: await this.deliveries.stats(tenantId, id) };
  }

  /**
   * A `herald.test` event for this subscription only: stored like any event, logged as a pending
   * delivery and handed to the dispatcher on `herald.deliveries` (signing, retries, attempt log).
   */
  async sendTest(
    tenantId: string,
    id: string,
    now = new Date(),
  ): Promise<{ eventId: string; deliveryId: string }> {
    const subscription = await this.get(tenantId, id);
    const event: HeraldEvent = {
      kind: 'herald.event',
      version: 1,
      id: `evt_test_${randomBytes(8).toString('hex')}`,
      tenantId,
      type: 'herald.test',
      source: 'herald/subscription-api',
      subject: subscription.id,
      time: now.toISOString(),
      receivedAt: now.toISOString(),
      entityType: subscription.entityType,
      entityId: subscription.entityId,
      action: null,
      trigger: 'test',
      dataContentType: 'application/json',
      data: { message: 'This is a test event from Herald', subscriptionId: subscription.id },
    };
    const deliveryId = newDeliveryId();
    await this.events.insertMany([event]);
    await this.deliveries.recordPendingMany([
      {
        deliveryId,
        tenantId,
        subscriptionId: id,
        eventId: event.id,
        eventType: event.type,
        createdAt: now.toISOString(),
      },
    ]);
    await this.commands.send([
      firstAttemptJob(event, { deliveryId, subscriptionId: id, tenantId }, now),
    ]);
    return { eventId: event.id, deliveryId };
  }

  private async mutate(
    tenantId: string,
    id: string,
    change: (s: Subscription) => Subscription,
    now = new Date(),
    actor: StateActor = { kind: 'tenant', id: null },
  ): Promise<Subscription> {
    const updated = await this.store.update(tenantId, id, change, now, actor);
    if (!updated) throw notFound(`subscription ${id}`);
    this.relay.kick();
    return updated;
  }

  /** The body's credential and TLS material sealed; only the keys the body has (null removes). */
  private sealedAuth(input: SubscriptionPatch): Pick<Subscription, 'credential' | 'tls'> {
    const auth: Pick<Subscription, 'credential' | 'tls'> = {};
    if (input.credential !== undefined) {
      auth.credential = input.credential && sealCredential(this.secrets, input.credential);
    }
    if (input.tls !== undefined) auth.tls = input.tls && sealTls(this.secrets, input.tls);
    return auth;
  }

  private async check(
    s: Subscription,
    options: { checkUrl: boolean; checkTokenUrl: boolean; inputIssues: FieldIssue[] } = {
      checkUrl: true,
      checkTokenUrl: true,
      inputIssues: [],
    },
  ): Promise<void> {
    const { checkUrl, checkTokenUrl, inputIssues } = options;
    const templateLimits = this.templateLimits;
    const issues = [...semanticIssues(s, templateLimits), ...inputIssues];
    if (inputIssues.length === 0) {
      issues.push(...deliveryAuthIssues(s, await this.tenants.requiresHttps(s.tenantId)));
      if (checkTokenUrl && s.credential?.type === 'oauth2') {
        const tokenUrlProblem = await callbackUrlProblem(s.credential.tokenUrl, {
          policy: this.targets,
          resolve: this.resolve,
        });
        if (tokenUrlProblem)
          issues.push({ field: 'credential.tokenUrl', message: tokenUrlProblem });
      }
    }
    if (issues.length === 0 && s.payloadFormat === 'template' && s.payloadTemplate) {
      const overBudget = await templateBudgetProblem(
        s.payloadTemplate,
        templateLimits,
        templatePreviewInput(s),
      );
      if (overBudget) {
        issues.push({
          field: 'payloadTemplate',
          message: `exceeds its budget on a sample event: ${overBudget}`,
        });
      }
    }
    if (checkUrl) {
      const urlProblem = await callbackUrlProblem(s.url, {
        policy: this.targets,
        resolve: this.resolve,
      });
      if (urlProblem) issues.unshift({ field: 'url', message: urlProblem });
    }
    if (issues.length > 0) throw invalid(issues);
  }
}
