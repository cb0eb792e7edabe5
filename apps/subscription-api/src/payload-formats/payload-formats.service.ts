import { Inject, Injectable } from '@nestjs/common';
import { templateLimitsOf } from '@herald/config';
import {
  PayloadTemplateError,
  TemplateLimits,
  renderPayload,
  templateBudgetProblem,
  templateProblem,
} from '@herald/delivery';
import {
  EventTypeStore,
  PayloadFormatEntity,
  PayloadFormatExistsError,
  PayloadFormatInUseError,
  PayloadFormatInput,
  PayloadFormatLimitError,
  PayloadFormatStore,
} from '@herald/persistence';
import { TenantRateLimiter, bucketFor } from '@herald/tenancy';
import {
  ProblemException,
  conflict,
  invalid,
  invalidField,
  notFound,
  problemOf,
  tooManyRequests,
} from '../http/problem';
import { OutboxRelay } from '../outbox/outbox-relay';
import { SubscriptionApiConfig } from '../subscription-api.config';
import { DEFAULT_PREVIEW_EVENT, previewEventOf } from './payload-preview';

export interface PreviewRequest {
  template?: string;
  contentType?: 'json' | 'form';
  event?: Record<string, unknown>;
}

export interface Preview {
  contentType: string;
  /** The request body a receiver would get, byte for byte. */
  body: string;
}

/**
 * Previews evaluate a tenant's template on this API's event loop (within the template budgets):
 * at most this many per second per tenant and instance, so a loop of previews cannot take it.
 */
const PREVIEWS_PER_SECOND = 20;
const PREVIEW_BURST_SECONDS = 2;

/** Named payload formats: checked like a subscription's template, propagated on change. */
@Injectable()
export class PayloadFormatsService {
  private readonly templateLimits: TemplateLimits;
  private readonly previews = new TenantRateLimiter(Date.now);

  constructor(
    private readonly formats: PayloadFormatStore,
    private readonly eventTypes: EventTypeStore,
    private readonly relay: OutboxRelay,
    @Inject(SubscriptionApiConfig) private readonly config: SubscriptionApiConfig,
  ) {
    this.templateLimits = templateLimitsOf(config);
  }

  async create(tenantId: string, input: PayloadFormatInput): Promise<PayloadFormatEntity> {
    await this.checkTemplate(input.template);
    try {
      return await this.formats.create(tenantId, input);
    } catch (error) {
      if (error instanceof PayloadFormatExistsError) throw conflict(error.message, 'name');
      if (error instanceof PayloadFormatLimitError) throw conflict(error.message, 'name');
      throw error;
    }
  }

  async get(tenantId: string, name: string) {
    const format = await this.formats.find(tenantId, name);
    if (!format) throw notFound(`payload format ${name}`, 'name');
    return { ...format, subscriptions: await this.formats.usage(tenantId, name) };
  }

  list(tenantId: string, query: { cursor?: string; limit: number }) {
    return this.formats.list(tenantId, query);
  }

  /** Changes a format; every subscription using it is republished with the new template. */
  async update(tenantId: string, name: string, patch: Partial<Omit<PayloadFormatInput, 'name'>>) {
    if (patch.template !== undefined) await this.checkTemplate(patch.template);
    const updated = await this.formats.update(tenantId, name, patch);
    if (!updated) throw notFound(`payload format ${name}`, 'name');
    if (updated.republished > 0) this.relay.kick();
    return { ...updated.format, subscriptions: updated.republished };
  }

  async delete(tenantId: string, name: string): Promise<void> {
    try {
      if (!(await this.formats.delete(tenantId, name))) {
        throw notFound(`payload format ${name}`, 'name');
      }
    } catch (error) {
      if (error instanceof PayloadFormatInUseError) {
        throw conflict(`${error.message}; point them at another format first`, 'name');
      }
      throw error;
    }
  }

  /**
   * Renders a template (a saved format's, or the request's) against a sample event exactly as
   * the dispatcher would, the event's registered type (code, description) included.
   */
  async preview(tenantId: string, template: string, request: PreviewRequest): Promise<Preview> {
    const take = this.previews.take(
      tenantId,
      bucketFor(PREVIEWS_PER_SECOND, PREVIEW_BURST_SECONDS),
    );
    if (!take.taken) throw tooManyRequests('previewsPerSecond', PREVIEWS_PER_SECOND, take.waitMs);
    const sample = previewEventOf(
      tenantId,
      request.event,
      this.config.HERALD_EVENT_MAX_DEPTH,
      new Date(),
    );
    if (!sample.ok) throw invalid(sample.issues);
    const event = { ...sample.event };
    const type = await this.eventTypes.findForEvent(tenantId, event.type);
    if (type?.code != null) event.typeCode = type.code;
    if (type?.description != null) event.typeDescription = type.description;
    try {
      const rendered = await renderPayload(
        { event, deliveryId: 'dlv_preview', attempt: 1 },
        {
          id: 'sub_preview',
          tenantId,
          metadata: {},
          payloadFormat: 'template',
          payloadTemplate: template,
          contentType: request.contentType ?? 'json',
        },
        this.templateLimits,
      );
      return { contentType: rendered.contentType, body: rendered.body };
    } catch (error) {
      if (!(error instanceof PayloadTemplateError)) throw error;
      throw new ProblemException(
        problemOf(422, `the template failed on the sample event: ${error.message}`, [
          { field: 'template', message: error.message.replace(/^payloadTemplate: /, '') },
        ]),
      );
    }
  }

  /** A usable JSONata expression, within its budgets on the default sample event. */
  private async checkTemplate(template: string): Promise<void> {
    const problem = templateProblem(template, this.templateLimits);
    if (problem) {
      throw invalidField(
        'template',
        problem.startsWith('is ') ? problem : `is not a usable JSONata expression: ${problem}`,
      );
    }
    const sample = previewEventOf('preview', DEFAULT_PREVIEW_EVENT, 64, new Date(0));
    if (!sample.ok) return;
    const overBudget = await templateBudgetProblem(template, this.templateLimits, {
      ...sample.event,
      eventType: { name: sample.event.type, code: null, description: null },
      deliveryId: 'dlv_preview',
      attempt: 1,
      subscription: { id: 'sub_preview', metadata: {} },
    });
    if (overBudget) {
      throw invalidField('template', `exceeds its budget on a sample event: ${overBudget}`);
    }
  }
}
