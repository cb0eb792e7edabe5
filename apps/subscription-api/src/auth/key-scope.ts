import type { ApiKeyScope } from '@herald/persistence';

/** Reads that hand out credentials or manage keys: a manage key only, although they are GETs. */
const MANAGE_ONLY_READS = new Set(['/v1/subscriptions/:id/secret', '/v1/api-keys']);
const INGEST_ROUTE = '/v1/events';

/**
 * Whether a key of `scope` may call `method route` (the route pattern, e.g.
 * `/v1/subscriptions/:id`): undefined when it may, else why not. read-only: GET (and HEAD)
 * only, secrets and keys excepted; ingest-only: POST /v1/events only; manage: everything of
 * its tenant.
 */
export function scopeRefusal(
  scope: ApiKeyScope,
  method: string,
  route: string | undefined,
): string | undefined {
  if (scope === 'manage') return undefined;
  const verb = method.toUpperCase();
  if (scope === 'read-only') {
    if ((verb === 'GET' || verb === 'HEAD') && route !== undefined && !MANAGE_ONLY_READS.has(route))
      return undefined;
    return `this API key is read-only: it may only read (GET), not ${verb} ${route ?? ''}`.trim();
  }
  if (verb === 'POST' && route === INGEST_ROUTE) return undefined;
  return `this API key is ingest-only: it may only send events (POST ${INGEST_ROUTE})`;
}
