/** The tenant `npm start` opens a portal link for, created on first start. */
export const DEMO_TENANT = 'demo';
const DAY_SECONDS = 86_400;

async function call(
  apiUrl: string,
  adminToken: string,
  method: string,
  path: string,
  body?: unknown,
) {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${adminToken}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

/**
 * A portal link for the demo tenant (created when missing), valid 24 h, through the public API
 * with the admin token; undefined (and `npm start` goes on) when the API refuses.
 */
export async function openDemoPortal(
  apiUrl: string,
  adminToken: string,
): Promise<string | undefined> {
  const existing = await call(apiUrl, adminToken, 'GET', `/v1/tenants/${DEMO_TENANT}`);
  if (existing.status === 404) {
    await call(apiUrl, adminToken, 'POST', '/v1/tenants', { id: DEMO_TENANT, name: 'Demo' });
  }
  const session = await call(apiUrl, adminToken, 'POST', '/v1/portal-sessions', {
    tenantId: DEMO_TENANT,
    expiresIn: DAY_SECONDS,
  });
  return session.status === 201 ? String(session.body.url) : undefined;
}
