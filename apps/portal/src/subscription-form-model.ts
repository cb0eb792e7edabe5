import type { Schemas } from './api/client';

type Subscription = Schemas['Subscription'];
export type SubscriptionBody = Schemas['SubscriptionCreate'];

/** What the subscription form edits, as the inputs hold it (text, booleans, lists). */
export interface SubscriptionFormState {
  url: string;
  description: string;
  eventTypes: string[];
  entityType: string;
  entityId: string;
  actions: ('created' | 'updated' | 'deleted')[];
  triggers: string;
  condition: string;
  payloadFormat: 'herald' | 'cloudevents' | 'template';
  payloadTemplate: string;
  contentType: 'json' | 'form';
  timeoutMs: string;
  successStatuses: string;
  retryDelays: string;
  maxAttempts: string;
  rateLimitPerSecond: string;
  maxConcurrency: string;
  canaryEnabled: boolean;
  canaryIntervalMs: string;
  /** Custom request headers, one `Name: value` a line. */
  customHeaders: string;
  disableFailureThreshold: string;
  disableWindowMs: string;
  disablePauseMs: string;
  disableAfterMs: string;
}

export interface FieldIssue {
  field: string;
  message: string;
}

export const EMPTY_FORM: SubscriptionFormState = {
  url: '',
  description: '',
  eventTypes: [],
  entityType: '',
  entityId: '',
  actions: [],
  triggers: '',
  condition: '',
  payloadFormat: 'herald',
  payloadTemplate: '',
  contentType: 'json',
  timeoutMs: '',
  successStatuses: '',
  retryDelays: '',
  maxAttempts: '',
  rateLimitPerSecond: '',
  maxConcurrency: '',
  canaryEnabled: false,
  canaryIntervalMs: '',
  customHeaders: '',
  disableFailureThreshold: '',
  disableWindowMs: '',
  disablePauseMs: '',
  disableAfterMs: '',
};

/** The disable policy's fields, as the API names them, with the form's input of each. */
export const DISABLE_POLICY_FIELDS = [
  ['failureThreshold', 'disableFailureThreshold'],
  ['windowMs', 'disableWindowMs'],
  ['pauseMs', 'disablePauseMs'],
  ['disableAfterMs', 'disableAfterMs'],
] as const;

const list = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

const text = (value: number | null | undefined) =>
  value === null || value === undefined ? '' : String(value);

/** The form filled from a subscription the API answered. */
export function formFromSubscription(s: Subscription): SubscriptionFormState {
  const rule = s.successRule as { statuses?: string[] } | undefined;
  return {
    url: s.url ?? '',
    description: s.description ?? '',
    eventTypes: [...(s.eventTypes ?? [])],
    entityType: s.entityType ?? '',
    entityId: s.entityId ?? '',
    actions: [...((s.actions ?? []) as SubscriptionFormState['actions'])],
    triggers: (s.triggers ?? []).join(', '),
    condition: s.condition ? JSON.stringify(s.condition, null, 2) : '',
    payloadFormat: s.payloadFormat ?? 'herald',
    payloadTemplate: s.payloadTemplate ?? '',
    contentType: s.contentType ?? 'json',
    timeoutMs: text(s.timeoutMs),
    successStatuses: (rule?.statuses ?? []).join(', '),
    retryDelays: (s.retryPolicy?.delays ?? []).join(', '),
    maxAttempts: text(s.retryPolicy?.maxAttempts),
    rateLimitPerSecond: text(s.rateLimitPerSecond),
    maxConcurrency: text(s.maxConcurrency),
    canaryEnabled: s.canary?.enabled ?? false,
    canaryIntervalMs: text(s.canary?.intervalMs),
    customHeaders: Object.entries(s.headers ?? {})
      .map(([name, value]) => `${name}: ${value}`)
      .join('\n'),
    ...disablePolicyForm(s.disablePolicy as Record<string, number | undefined> | undefined),
  };
}

function disablePolicyForm(
  policy: Record<string, number | undefined> | undefined,
): Pick<
  SubscriptionFormState,
  'disableFailureThreshold' | 'disableWindowMs' | 'disablePauseMs' | 'disableAfterMs'
> {
  const out = { ...DISABLE_EMPTY };
  for (const [api, input] of DISABLE_POLICY_FIELDS) out[input] = text(policy?.[api]);
  return out;
}

const DISABLE_EMPTY = {
  disableFailureThreshold: '',
  disableWindowMs: '',
  disablePauseMs: '',
  disableAfterMs: '',
};

/** `Name: value` lines as a header object; a line with no name or no colon is an issue. */
export function parseHeaderLines(
  lines: string,
  issues: FieldIssue[],
): Record<string, string> | undefined {
  const headers: Record<string, string> = {};
  let n = 0;
  for (const raw of lines.split('\n')) {
    n++;
    if (raw.trim() === '') continue;
    const colon = raw.indexOf(':');
    const name = colon > 0 ? raw.slice(0, colon).trim() : '';
    if (!name) {
      issues.push({ field: 'headers', message: `line ${n}: write it as Name: value` });
      return undefined;
    }
    headers[name] = raw.slice(colon + 1).trim();
  }
  return headers;
}

function integer(value: string, field: string, issues: FieldIssue[]): number | undefined {
  if (value.trim() === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) {
    issues.push({ field, message: 'must be a whole number' });
    return undefined;
  }
  return n;
}

/**
 * The request body of the form, or what is wrong with it before asking the API (the API checks
 * everything again and names its own fields). Empty inputs are left out on create; on edit
 * (`editing`) an emptied optional field is sent as null or its default so the change sticks.
 */
export function bodyFromForm(
  form: SubscriptionFormState,
  editing = false,
): { body: SubscriptionBody; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  if (!form.url.trim()) issues.push({ field: 'url', message: 'is required' });
  if (form.eventTypes.length === 0) {
    issues.push({ field: 'eventTypes', message: 'pick at least one event type' });
  }
  const body: SubscriptionBody = { url: form.url.trim(), eventTypes: form.eventTypes };
  const nullable = (value: string) => (value.trim() ? value.trim() : editing ? null : undefined);
  const description = nullable(form.description);
  if (description !== undefined) body.description = description;
  const entityType = nullable(form.entityType);
  if (entityType !== undefined) body.entityType = entityType;
  const entityId = nullable(form.entityId);
  if (entityId !== undefined) body.entityId = entityId;
  if (form.actions.length > 0 || editing) body.actions = form.actions;
  const triggers = list(form.triggers);
  if (triggers.length > 0 || editing) body.triggers = triggers;
  if (form.condition.trim()) {
    try {
      const condition: unknown = JSON.parse(form.condition);
      if (!condition || typeof condition !== 'object' || Array.isArray(condition)) {
        issues.push({ field: 'condition', message: 'must be a JSON object' });
      } else {
        body.condition = condition as SubscriptionBody['condition'];
      }
    } catch (error) {
      issues.push({ field: 'condition', message: `is not JSON: ${(error as Error).message}` });
    }
  } else if (editing) {
    body.condition = null;
  }
  body.payloadFormat = form.payloadFormat;
  if (form.payloadFormat === 'template') {
    if (!form.payloadTemplate.trim()) {
      issues.push({ field: 'payloadTemplate', message: 'a template is required for this format' });
    }
    body.payloadTemplate = form.payloadTemplate;
  } else if (editing) {
    body.payloadTemplate = null;
  }
  body.contentType = form.contentType;
  const timeoutMs = integer(form.timeoutMs, 'timeoutMs', issues);
  if (timeoutMs !== undefined) body.timeoutMs = timeoutMs;
  const statuses = list(form.successStatuses);
  if (statuses.length > 0) body.successRule = { statuses };
  const delays = list(form.retryDelays);
  const maxAttempts = integer(form.maxAttempts, 'retryPolicy', issues);
  if (delays.length > 0 || maxAttempts !== undefined) {
    body.retryPolicy = {
      ...(delays.length > 0 ? { delays } : {}),
      ...(maxAttempts !== undefined ? { maxAttempts } : {}),
    };
  }
  const rate = integer(form.rateLimitPerSecond, 'rateLimitPerSecond', issues);
  if (rate !== undefined) body.rateLimitPerSecond = rate;
  else if (editing) body.rateLimitPerSecond = null;
  const concurrency = integer(form.maxConcurrency, 'maxConcurrency', issues);
  if (concurrency !== undefined) body.maxConcurrency = concurrency;
  const interval = integer(form.canaryIntervalMs, 'canary', issues);
  if (form.canaryEnabled || interval !== undefined || editing) {
    body.canary = {
      enabled: form.canaryEnabled,
      ...(interval !== undefined ? { intervalMs: interval } : {}),
    };
  }
  const headers = parseHeaderLines(form.customHeaders, issues);
  if (headers && (Object.keys(headers).length > 0 || editing)) body.headers = headers;
  const policy: Record<string, number> = {};
  for (const [api, input] of DISABLE_POLICY_FIELDS) {
    const value = integer(form[input], 'disablePolicy', issues);
    if (value !== undefined) policy[api] = value;
  }
  if (Object.keys(policy).length > 0) body.disablePolicy = policy;
  return { body, issues };
}
