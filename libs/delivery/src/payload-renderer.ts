import jsonata from 'jsonata';
import { TenantLru } from '@herald/tenant-cache';
import { DeliveryJob, HeraldEvent, Subscription } from '@herald/contracts';
import {
  DEFAULT_TEMPLATE_LIMITS,
  PayloadTemplateError,
  TemplateLimits,
  compileTemplate,
  evaluateTemplate,
} from './payload-template';

/** What of a subscription the rendering reads (a preview passes just these). */
export type RenderSettings = Pick<
  Subscription,
  'id' | 'tenantId' | 'metadata' | 'payloadFormat' | 'payloadTemplate' | 'contentType'
>;

export interface RenderedPayload {
  body: string;
  contentType: string;
}

/** The Herald envelope: the default payload format. */
export function heraldEnvelope(event: HeraldEvent): Record<string, unknown> {
  return {
    id: event.id,
    type: event.type,
    timestamp: event.time,
    source: event.source,
    subject: event.subject,
    entityType: event.entityType,
    entityId: event.entityId,
    action: event.action,
    trigger: event.trigger,
    data: event.data,
  };
}

/** A structured-mode CloudEvent 1.0 (`application/cloudevents+json`). */
export function cloudEventOf(event: HeraldEvent): Record<string, unknown> {
  const ce: Record<string, unknown> = {
    specversion: '1.0',
    id: event.id,
    source: event.source,
    type: event.type,
    time: event.time,
    datacontenttype: event.dataContentType,
  };
  if (event.subject !== null) ce.subject = event.subject;
  if (event.tenantId !== null) ce.tenantid = event.tenantId;
  if (event.entityType !== null) ce.entitytype = event.entityType;
  if (event.entityId !== null) ce.entityid = event.entityId;
  if (event.action !== null) ce.action = event.action;
  if (event.trigger !== null) ce.trigger = event.trigger;
  ce.data = event.data;
  return ce;
}

/**
 * What a template sees: the event's fields, its registered type (`eventType.name`, `.code`,
 * `.description`: Packt's `{"code": eventType.code}`), the delivery and the subscription.
 */
export function templateInput(
  job: Pick<DeliveryJob, 'event' | 'deliveryId' | 'attempt'>,
  subscription: Pick<Subscription, 'id' | 'metadata'>,
): Record<string, unknown> {
  return {
    ...job.event,
    eventType: {
      name: job.event.type,
      code: job.event.typeCode ?? null,
      description: job.event.typeDescription ?? null,
    },
    deliveryId: job.deliveryId,
    attempt: job.attempt,
    subscription: { id: subscription.id, metadata: subscription.metadata },
  };
}

/** Compiled templates kept per tenant, and in all (each weighs its source's length). */
const TEMPLATES_PER_TENANT = 64;
const MAX_CACHED_TEMPLATES = 1_000;

let compiled: TenantLru<{ limits: TemplateLimits; expression: jsonata.Expression }> | null = null;
let compiledFor: TemplateLimits | null = null;

/**
 * A tenant's compiled templates live on its own LRU shelf (64, at most 64 full-size sources),
 * inside a global bound of 1,000: one tenant with many templates evicts its own, never another
 * tenant's. The weights follow `maxSourceLength`, so the cache holds at most 1,000 of them.
 */
function cacheFor(limits: TemplateLimits) {
  if (!compiled || compiledFor !== limits) {
    compiled = new TenantLru({
      perTenantEntries: TEMPLATES_PER_TENANT,
      perTenantWeight: TEMPLATES_PER_TENANT * limits.maxSourceLength,
      totalEntries: MAX_CACHED_TEMPLATES,
      totalWeight: MAX_CACHED_TEMPLATES * limits.maxSourceLength,
    });
    compiledFor = limits;
  }
  return compiled;
}

function compile(tenantId: string, template: string, limits: TemplateLimits): jsonata.Expression {
  const cache = cacheFor(limits);
  const hit = cache.get(tenantId, template);
  if (hit && hit.limits === limits) return hit.expression;
  // Throws (PayloadTemplateError) on a template that does not compile: nothing is kept.
  const expression = compileTemplate(template, limits);
  cache.set(tenantId, template, { limits, expression }, template.length);
  return expression;
}

/** Top-level fields as `application/x-www-form-urlencoded`; nested values as JSON text. */
export function formEncode(value: unknown): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return new URLSearchParams({ payload: JSON.stringify(value) }).toString();
  }
  const params = new URLSearchParams();
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    params.append(key, typeof v === 'string' ? v : v === null ? '' : JSON.stringify(v));
  }
  return params.toString();
}

/**
 * Renders a delivery's body in the subscription's payload format and content type. A template
 * runs within `limits` (time, depth, sequence, output size); exceeding one, like any template
 * error, throws `PayloadTemplateError`.
 */
export async function renderPayload(
  job: Pick<DeliveryJob, 'event' | 'deliveryId' | 'attempt'>,
  subscription: RenderSettings,
  limits: TemplateLimits = DEFAULT_TEMPLATE_LIMITS,
): Promise<RenderedPayload> {
  let value: unknown;
  let jsonType = 'application/json';
  switch (subscription.payloadFormat) {
    case 'cloudevents':
      value = cloudEventOf(job.event);
      jsonType = 'application/cloudevents+json';
      break;
    case 'template': {
      if (!subscription.payloadTemplate) {
        throw new PayloadTemplateError('payloadTemplate: required when payloadFormat is template');
      }
      value = await evaluateTemplate(
        compile(subscription.tenantId, subscription.payloadTemplate, limits),
        templateInput(job, subscription),
      );
      break;
    }
    default:
      value = heraldEnvelope(job.event);
  }
  const rendered: RenderedPayload =
    subscription.contentType === 'form'
      ? { body: formEncode(value), contentType: 'application/x-www-form-urlencoded' }
      : { body: JSON.stringify(value ?? null), contentType: jsonType };
  if (
    subscription.payloadFormat === 'template' &&
    Buffer.byteLength(rendered.body) > limits.maxOutputBytes
  ) {
    throw new PayloadTemplateError(
      `payloadTemplate: the rendered body is larger than ${limits.maxOutputBytes} bytes`,
      true,
    );
  }
  return rendered;
}
