import fc from 'fast-check';
import { PortalLimits, portalDecision } from './portal-scope';

const full: PortalLimits = { sessionId: 'ps_1', readOnly: false, subscriptionIds: null };
const allowed = (limits: PortalLimits, method: string, route: string, id?: string) =>
  portalDecision(limits, method, route, id === undefined ? {} : { id }).allowed;

describe('portal session scope', () => {
  it('a full session manages subscriptions, deliveries and dead letters of its tenant', () => {
    for (const [method, route] of [
      ['GET', '/v1/subscriptions'],
      ['POST', '/v1/subscriptions'],
      ['PATCH', '/v1/subscriptions/:id'],
      ['DELETE', '/v1/subscriptions/:id'],
      ['GET', '/v1/subscriptions/:id/secret'],
      ['POST', '/v1/subscriptions/:id/rotate-secret'],
      ['GET', '/v1/deliveries/:id'],
      ['POST', '/v1/deliveries/:id/retry'],
      ['POST', '/v1/dead-letters/redrive'],
      ['GET', '/v1/event-types'],
      ['GET', '/v1/payload-formats'],
      ['POST', '/v1/payload-formats/preview'],
    ]) {
      expect([method, route, allowed(full, method, route, 'sub_1')]).toEqual([method, route, true]);
    }
  });

  it('never API keys, ingest, tenants, new sessions or catalogue changes', () => {
    for (const [method, route] of [
      ['GET', '/v1/api-keys'],
      ['POST', '/v1/events'],
      ['GET', '/v1/tenants'],
      ['POST', '/v1/portal-sessions'],
      ['POST', '/v1/event-types'],
      ['PATCH', '/v1/event-types/:name'],
      ['POST', '/v1/payload-formats'],
      ['PATCH', '/v1/payload-formats/:name'],
      ['POST', '/v1/payload-formats/:name/preview'],
      ['GET', '/v1/subscriptionsX'],
    ]) {
      const decision = portalDecision(full, method, route, {});
      expect([method, route, decision]).toEqual([
        method,
        route,
        expect.objectContaining({ status: 403 }),
      ]);
    }
  });

  it('read-only: reads but never the secret, never a change', () => {
    const ro = { ...full, readOnly: true };
    expect(allowed(ro, 'GET', '/v1/subscriptions/:id', 'sub_1')).toBe(true);
    expect(allowed(ro, 'GET', '/v1/subscriptions/:id/secret', 'sub_1')).toBe(false);
    expect(allowed(ro, 'POST', '/v1/subscriptions/:id/test', 'sub_1')).toBe(false);
    expect(allowed(ro, 'DELETE', '/v1/portal-sessions/:id', 'ps_1')).toBe(true);
    expect(allowed(ro, 'POST', '/v1/payload-formats/preview')).toBe(true);
  });

  it('ends only itself', () => {
    expect(allowed(full, 'DELETE', '/v1/portal-sessions/:id', 'ps_1')).toBe(true);
    expect(portalDecision(full, 'DELETE', '/v1/portal-sessions/:id', { id: 'ps_2' })).toMatchObject(
      {
        status: 404,
      },
    );
  });

  it('limited: any subscription outside the list is 404 on every route under it, whatever the id', () => {
    const limited = { ...full, subscriptionIds: ['sub_a', 'sub_b'] };
    const suffixes = ['', '/secret', '/stats', '/rotate-secret', '/replay', '/test', '/activate'];
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.constantFrom(...suffixes),
        fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE'),
        (id, suffix, method) => {
          const decision = portalDecision(limited, method, `/v1/subscriptions/:id${suffix}`, {
            id,
          });
          if (limited.subscriptionIds.includes(id)) return decision.allowed;
          return !decision.allowed && decision.status === 404;
        },
      ),
      { seed: 21, numRuns: 500 },
    );
    expect(allowed(limited, 'GET', '/v1/subscriptions')).toBe(true);
    expect(portalDecision(limited, 'POST', '/v1/subscriptions', {})).toMatchObject({ status: 403 });
  });
});
