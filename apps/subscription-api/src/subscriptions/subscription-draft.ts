import {
  DEFAULT_CANARY,
  DEFAULT_DISABLE_POLICY,
  DEFAULT_MAX_CONCURRENCY,
  DEFAULT_RETRY_LADDER,
  DEFAULT_SUCCESS_RULE,
  DEFAULT_TIMEOUT_MS,
  RETRY_LADDER_PRESETS,
  RetryPolicy,
  SigningSecret,
  Subscription,
  isSupportedRetryDelay,
} from '@herald/contracts';
import {
  CONDITION_MAX_DEPTH,
  CONDITION_OPERATORS as MATCHER_OPERATORS,
  conditionProblem,
  conditionTooDeepAt,
  eventTypeMatches,
  eventTypePatternProblem,
  isOperationalType,
} from '@herald/matching';
import { tenantRegexProblem } from '@herald/bounded-regex';
import {
  CANARY_EVENT_TYPE,
  DEFAULT_TEMPLATE_LIMITS,
  OPERATIONAL_EVENT_TYPES,
  TemplateLimits,
  templateProblem,
} from '@herald/delivery';
import { FieldIssue } from '../http/problem';
import { SubscriptionInput, SubscriptionPatch } from './subscription-input';
import { applySigning, signingIssues } from './signing-options';

/** The operators the matcher evaluates: validation on write and matching share one list. */
export const CONDITION_OPERATORS: readonly string[] = MATCHER_OPERATORS;

/** Headers Herald sets itself; a subscription cannot override them. */
export const RESERVED_HEADERS = [
  'content-type',
  'content-length',
  'host',
  'user-agent',
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
  'signature',
  'signature-input',
  'content-digest',
  'date',
  'transfer-encoding',
  'connection',
];

function retryPolicyOf(input: SubscriptionInput['retryPolicy']): RetryPolicy {
  const delays = input?.delays ?? [
    ...(input?.preset ? RETRY_LADDER_PRESETS[input.preset] : DEFAULT_RETRY_LADDER),
  ];
  return { delays, maxAttempts: input?.maxAttempts ?? delays.length };
}

/** A new subscription from a validated body, with every default filled in. */
export function buildSubscription(
  input: SubscriptionInput,
  ids: { id: string; tenantId: string; secret: SigningSecret; now: Date },
): Subscription {
  const now = ids.now.toISOString();
  return {
    id: ids.id,
    tenantId: ids.tenantId,
    url: input.url,
    description: input.description ?? null,
    eventTypes: input.eventTypes,
    entityType: input.entityType ?? null,
    entityId: input.entityId ?? null,
    actions: input.actions ?? [],
    triggers: input.triggers ?? [],
    condition: input.condition ?? null,
    active: input.active ?? true,
    state: 'active',
    stateReason: null,
    pausedUntil: null,
    payloadFormat: input.payloadFormatName ? 'template' : (input.payloadFormat ?? 'herald'),
    payloadTemplate: input.payloadTemplate ?? null,
    payloadFormatName: input.payloadFormatName ?? null,
    contentType: input.contentType ?? 'json',
    headers: input.headers ?? {},
    timeoutMs: input.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    successRule: { ...DEFAULT_SUCCESS_RULE, ...input.successRule },
    retryPolicy: retryPolicyOf(input.retryPolicy),
    disablePolicy: { ...DEFAULT_DISABLE_POLICY, ...input.disablePolicy },
    canary: { ...DEFAULT_CANARY, ...input.canary },
    signing: applySigning(
      { scheme: 'standard-webhooks', secrets: [{ ...ids.secret, expiresAt: null }] },
      input.signing,
    ),
    rateLimitPerSecond: input.rateLimitPerSecond ?? null,
    maxConcurrency: input.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY,
    metadata: input.metadata ?? {},
    createdAt: now,
    updatedAt: now,
    revision: 1,
  };
}

/**
 * Active again, whatever stopped it: the tenant's switch on, and a pause or an automatic disable
 * cleared. `PATCH {"active": true}` and `POST /activate` both come here.
 */
export function reactivated(s: Subscription): Subscription {
  return { ...s, active: true, state: 'active', stateReason: null, pausedUntil: null };
}

/**
 * The subscription with a validated patch applied (nested policies merge field by field);
 * `active: true` reactivates (see `reactivated`), `active: false` deactivates.
 */
export function applyPatch(current: Subscription, patch: SubscriptionPatch): Subscription {
  const next: Subscription = { ...current };
  const simple = [
    'url',
    'description',
    'eventTypes',
    'entityType',
    'entityId',
    'actions',
    'triggers',
    'condition',
    'active',
    'payloadFormat',
    'payloadTemplate',
    'contentType',
    'headers',
    'timeoutMs',
    'rateLimitPerSecond',
    'maxConcurrency',
    'metadata',
  ] as const;
  for (const key of simple) {
    if (patch[key] !== undefined) (next as unknown as Record<string, unknown>)[key] = patch[key];
  }
  applyFormatPatch(next, patch);
  if (patch.successRule) next.successRule = { ...current.successRule, ...patch.successRule };
  if (patch.retryPolicy) next.retryPolicy = retryPolicyOf(patch.retryPolicy);
  if (patch.disablePolicy)
    next.disablePolicy = { ...current.disablePolicy, ...patch.disablePolicy };
  if (patch.canary) next.canary = { ...current.canary, ...patch.canary };
  if (patch.signing) next.signing = applySigning(current.signing, patch.signing);
  return patch.active === true ? reactivated(next) : next;
}

/**
 * A named format replaces the subscription's own format and template; leaving it (null, or a
 * payloadFormat or payloadTemplate of its own) goes back to the Herald envelope unless the
 * patch says which format instead.
 */
function applyFormatPatch(next: Subscription, patch: SubscriptionPatch): void {
  if (patch.payloadFormatName) {
    next.payloadFormatName = patch.payloadFormatName;
    next.payloadFormat = 'template';
    return;
  }
  const leaving =
    patch.payloadFormatName === null ||
    patch.payloadFormat !== undefined ||
    patch.payloadTemplate !== undefined;
  if (!leaving || !next.payloadFormatName) return;
  next.payloadFormatName = null;
  // The format's template was a copy: it goes with the format unless the patch gives one.
  if (patch.payloadTemplate === undefined) next.payloadTemplate = null;
  if (patch.payloadFormat === undefined) {
    next.payloadFormat = next.payloadTemplate ? 'template' : 'herald';
  }
}

/**
 * A request naming a format cannot also give its own payloadFormat (other than template) or
 * payloadTemplate: which one would render?
 */
export function formatNameIssues(input: SubscriptionPatch): FieldIssue[] {
  if (!input.payloadFormatName) return [];
  const issues: FieldIssue[] = [];
  if (input.payloadTemplate !== undefined && input.payloadTemplate !== null) {
    issues.push({
      field: 'payloadTemplate',
      message: 'cannot be given with payloadFormatName (the named format holds the template)',
    });
  }
  if (input.payloadFormat !== undefined && input.payloadFormat !== 'template') {
    issues.push({
      field: 'payloadFormat',
      message: 'must be template or absent with payloadFormatName',
    });
  }
  return issues;
}

/** Checks the JSON Schema cannot express: condition, template, headers, retry delays. */
export function semanticIssues(
  s: Subscription,
  templateLimits: TemplateLimits = DEFAULT_TEMPLATE_LIMITS,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  s.eventTypes.forEach((pattern, i) => {
    const problem = eventTypePatternProblem(pattern) ?? heraldPatternProblem(pattern);
    if (problem) issues.push({ field: `eventTypes.${i}`, message: problem });
  });
  if (s.condition !== null) issues.push(...conditionIssues(s.condition));
  if (s.payloadFormat === 'template') {
    if (!s.payloadTemplate) {
      issues.push({
        field: 'payloadTemplate',
        message: 'is required when payloadFormat is template',
      });
    } else {
      const problem = templateProblem(s.payloadTemplate, templateLimits);
      if (problem) {
        issues.push({
          field: 'payloadTemplate',
          message: problem.startsWith('is ')
            ? problem
            : `is not a usable JSONata expression: ${problem}`,
        });
      }
    }
  } else if (s.payloadTemplate !== null) {
    issues.push({ field: 'payloadTemplate', message: 'is only used with payloadFormat template' });
  }
  for (const name of Object.keys(s.headers)) {
    if (RESERVED_HEADERS.includes(name.toLowerCase()) || /^webhook-|^herald-/i.test(name)) {
      issues.push({ field: `headers.${name}`, message: 'is a reserved header' });
    } else if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) {
      issues.push({ field: `headers.${name}`, message: 'is not a valid header name' });
    }
  }
  s.retryPolicy.delays.forEach((delay, i) => {
    if (!isSupportedRetryDelay(delay)) {
      issues.push({
        field: `retryPolicy.delays.${i}`,
        message: `${delay} is not a supported retry delay`,
      });
    }
  });
  if (s.retryPolicy.maxAttempts > s.retryPolicy.delays.length) {
    issues.push({
      field: 'retryPolicy.maxAttempts',
      message: `must be at most the number of delays (${s.retryPolicy.delays.length})`,
    });
  }
  issues.push(...signingIssues(s));
  if (s.entityId !== null && s.entityType === null) {
    issues.push({ field: 'entityType', message: 'is required when entityId is set' });
  }
  return issues;
}

/** Only the matcher's operators (each problem named by its path), and one the matcher compiles. */
export function conditionIssues(condition: Record<string, unknown>): FieldIssue[] {
  const tooDeep = conditionTooDeepAt(condition);
  if (tooDeep) {
    return [
      {
        field: ['condition', ...tooDeep.slice(0, CONDITION_MAX_DEPTH)].join('.'),
        message: `is nested deeper than ${CONDITION_MAX_DEPTH} levels`,
      },
    ];
  }
  const issues: FieldIssue[] = [];
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, `${path}.${i}`));
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    for (const [key, child] of Object.entries(value)) {
      const here = `${path}.${key}`;
      if (key.startsWith('$') && !CONDITION_OPERATORS.includes(key)) {
        issues.push({
          field: here,
          message: `operator ${key} is not supported (use ${CONDITION_OPERATORS.join(' ')})`,
        });
      }
      if (
        (key === '$in' || key === '$nin' || key === '$and' || key === '$or') &&
        !Array.isArray(child)
      ) {
        issues.push({ field: here, message: 'must be an array' });
      }
      if (key === '$regex' && typeof child === 'string') {
        const options = (value as Record<string, unknown>).$options;
        const problem = tenantRegexProblem(child, typeof options === 'string' ? options : '');
        if (problem) issues.push({ field: here, message: problem });
      }
      walk(child, here);
    }
  };
  walk(condition, 'condition');
  if (issues.length > 0) return issues;
  const problem = conditionProblem(condition);
  if (problem) issues.push({ field: 'condition', message: problem });
  return issues;
}

/** What a template is tried on when saved: an event of the subscription's first type, no data. */
export function templatePreviewInput(s: Subscription): Record<string, unknown> {
  return {
    id: 'evt_preview',
    type: s.eventTypes[0] ?? 'preview',
    source: 'herald',
    subject: null,
    time: new Date(0).toISOString(),
    tenantId: s.tenantId,
    entityType: s.entityType,
    entityId: s.entityId,
    action: null,
    trigger: null,
    data: {},
    deliveryId: 'dlv_preview',
    attempt: 1,
    subscription: { id: s.id, metadata: s.metadata },
  };
}

/** The `herald.*` types a subscription can receive: the operational feed, canaries, test events. */
const HERALD_TYPES: readonly string[] = [
  ...OPERATIONAL_EVENT_TYPES,
  CANARY_EVENT_TYPE,
  'herald.test',
];

/** A pattern in Herald's namespace must name at least one of Herald's types (no dead herald.x). */
function heraldPatternProblem(pattern: string): string | null {
  if (!isOperationalType(pattern)) return null;
  if (HERALD_TYPES.some((type) => eventTypeMatches(pattern, type))) return null;
  return `matches none of Herald's own types (herald.* or one of ${HERALD_TYPES.join(', ')})`;
}
