import { HeraldEvent } from './messages';

/** The tenant id stored for a public event (one without `tenantid`): never a real tenant id. */
export const PUBLIC_TENANT_ID = '';

/** `tenant\0id`: the de-duplication key of an event (public events use the public tenant id). */
export function dedupKey(event: Pick<HeraldEvent, 'tenantId' | 'id'>): string {
  return dedupKeyOf(event.tenantId ?? PUBLIC_TENANT_ID, event.id);
}

/** The de-duplication key of a stored (tenant id, event id) pair. */
export function dedupKeyOf(tenantId: string, eventId: string): string {
  return `${tenantId}\u0000${eventId}`;
}
