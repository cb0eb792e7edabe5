/** `POST /v1/portal-sessions`: what the caller may ask for (validated by the PortalSessionCreate schema). */
export interface PortalSessionInput {
  /** The admin names the tenant; a tenant key may only name its own. */
  tenantId?: string;
  /** Seconds until the link stops working. */
  expiresIn?: number;
  readOnly?: boolean;
  subscriptionIds?: string[];
}

export const DEFAULT_PORTAL_SESSION_SECONDS = 3600;
export const MAX_PORTAL_SESSION_SECONDS = 86_400;
export const MIN_PORTAL_SESSION_SECONDS = 60;
export const MAX_PORTAL_SESSION_SUBSCRIPTIONS = 100;

/** Where the portal page is served, and how its link carries the token (in the fragment). */
export const PORTAL_PATH = '/portal/';

/**
 * The portal link for `baseUrl`: the token is in the fragment, which browsers never send to a
 * server (so it reaches no access log), and the page moves it to sessionStorage at once.
 */
export function portalLink(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${PORTAL_PATH}#token=${encodeURIComponent(token)}`;
}
