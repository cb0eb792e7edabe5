import { HeraldEvent } from '../messages';

/** A complete tenant event for specs: `evt_1` of `acme`, `order.created`, with overrides. */
export function baseEvent(overrides: Partial<HeraldEvent> = {}): HeraldEvent {
  return {
    kind: 'herald.event',
    version: 1,
    id: 'evt_1',
    tenantId: 'acme',
    type: 'order.created',
    source: 'urn:acme',
    subject: null,
    time: '2026-11-22T10:00:00.000Z',
    receivedAt: '2026-11-22T10:00:00.100Z',
    entityType: null,
    entityId: null,
    action: 'created',
    trigger: null,
    dataContentType: 'application/json',
    data: { total: 1 },
    ...overrides,
  };
}
