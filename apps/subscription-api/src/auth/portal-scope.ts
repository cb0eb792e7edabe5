import { scopeRefusal } from './key-scope';

/** What a portal session may do (from its row). */
export interface PortalLimits {
  sessionId: string;
  readOnly: boolean;
  /** null = every subscription of the tenant. */
  subscriptionIds: readonly string[] | null;
}

/** Route prefixes the portal page uses: subscriptions, their deliveries, dead letters, replays. */
const PORTAL_PREFIXES = ['/v1/subscriptions', '/v1/deliveries', '/v1/dead-letters', '/v1/replays'];
/** The event-type catalogue: read only, whatever the session. */
const CATALOGUE_PREFIX = '/v1/event-types';
/** The tenant's named payload formats: read only; and the preview, which renders and stores nothing. */
const FORMATS_PREFIX = '/v1/payload-formats';
const PREVIEW_ROUTE = '/v1/payload-formats/preview';
const OWN_SESSION_ROUTE = '/v1/portal-sessions/:id';
const CURRENT_SESSION_ROUTE = '/v1/portal-sessions/current';
const SUBSCRIPTION_ROUTE = '/v1/subscriptions/:id';

function underPrefix(route: string, prefix: string): boolean {
  return route === prefix || route.startsWith(`${prefix}/`);
}

export type PortalDecision =
  { allowed: true } | { allowed: false; status: 403 | 404; detail: string };

/**
 * Whether a portal session may call `method route` (the route pattern, e.g.
 * `/v1/subscriptions/:id`) with these path parameters. A session acts like a manage key of its
 * tenant (a read-only key when `readOnly`) on the portal's routes only: never API keys, event
 * ingest, new portal sessions or catalogue changes. A limited session sees only its
 * subscriptions (any other is 404, as another tenant's would be) and cannot create new ones.
 * It may end itself (DELETE its own session).
 */
export function portalDecision(
  limits: PortalLimits,
  method: string,
  route: string | undefined,
  params: Record<string, string | undefined>,
): PortalDecision {
  const verb = method.toUpperCase();
  const reading = verb === 'GET' || verb === 'HEAD';
  if (route === OWN_SESSION_ROUTE && verb === 'DELETE') {
    return params.id === limits.sessionId
      ? { allowed: true }
      : { allowed: false, status: 404, detail: `portal session ${params.id ?? ''} was not found` };
  }
  if (route === CURRENT_SESSION_ROUTE && reading) return { allowed: true };
  if (
    route !== undefined &&
    (underPrefix(route, CATALOGUE_PREFIX) || underPrefix(route, FORMATS_PREFIX)) &&
    reading
  ) {
    return { allowed: true };
  }
  // The form's live preview, read-only sessions included: it changes nothing.
  if (route === PREVIEW_ROUTE && verb === 'POST') return { allowed: true };
  if (route === undefined || !PORTAL_PREFIXES.some((p) => underPrefix(route, p))) {
    return {
      allowed: false,
      status: 403,
      detail: `a portal session may not call ${verb} ${route ?? ''}`.trim(),
    };
  }
  if (limits.readOnly) {
    const refusal = scopeRefusal('read-only', verb, route);
    if (refusal) {
      return {
        allowed: false,
        status: 403,
        detail: refusal.replace('this API key is', 'this portal session is'),
      };
    }
  }
  if (limits.subscriptionIds) {
    if (route === '/v1/subscriptions' && !reading) {
      return {
        allowed: false,
        status: 403,
        detail: 'this portal session is limited to some subscriptions: it cannot create new ones',
      };
    }
    if (
      underPrefix(route, SUBSCRIPTION_ROUTE) &&
      !limits.subscriptionIds.includes(params.id ?? '')
    ) {
      return {
        allowed: false,
        status: 404,
        detail: `subscription ${params.id ?? ''} was not found`,
      };
    }
  }
  return { allowed: true };
}
