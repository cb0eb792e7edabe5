import { claimedIdentity, listedReason, rejectedEvent, storableText } from './rejected-events';
import { InboundMessage } from './inbound-decoder';

const message = (value: string | null, headers: Record<string, string> = {}): InboundMessage => ({
  topic: 'herald.events.inbound',
  partition: 2,
  offset: '41',
  key: null,
  value: value === null ? null : Buffer.from(value),
  headers,
});

describe('rejected events as tenants list them', () => {
  it('makes any text storable and short', () => {
    expect(storableText('a\u0000b', 10)).toBe('a\ufffdb');
    expect(storableText('x\ud800y\udc00z', 10)).toBe('x\ufffdy\ufffdz');
    expect(storableText('ok \ud83d\ude00', 10)).toBe('ok \ud83d\ude00');
    expect(storableText('x'.repeat(5_000), 256)).toHaveLength(256);
    expect(storableText(42, 10)).toBeNull();
  });

  it('reads the claimed tenant from a body or ce_* headers, never from an oversized body', () => {
    const body = JSON.stringify({ tenantid: 'acme', id: 'e1', type: 't', source: '/s', data: 1 });
    expect(claimedIdentity(message(body), undefined, 10_000)).toEqual({
      tenantId: 'acme',
      eventId: 'e1',
      type: 't',
      source: '/s',
    });
    expect(claimedIdentity(message(body), undefined, 10).tenantId).toBeNull();
    const binary = message('{', { ce_specversion: '1.0', ce_tenantid: 'acme', ce_id: 'b1' });
    expect(claimedIdentity(binary, undefined, 10).tenantId).toBe('acme');
    // Not a tenant id Herald could have issued: nobody's.
    const hostile = JSON.stringify({ tenantid: 'acme\u0000', id: 'e2' });
    expect(claimedIdentity(message(hostile), undefined, 10_000).tenantId).toBeNull();
    expect(claimedIdentity(message('not json'), undefined, 10_000).tenantId).toBeNull();
  });

  it('keeps no payload, and one id per Kafka position', () => {
    const m = message(JSON.stringify({ tenantid: 'acme', data: { password: 'p' } }), {
      authorization: 'Bearer s',
    });
    const claimed = { tenantId: 'acme', eventId: 'e1', type: 't', source: null };
    const rejection = { reason: 'schema_violation' as const, detail: 'data.total must be number' };
    const record = rejectedEvent(m, rejection, claimed, new Date(0));
    expect(JSON.stringify(record)).not.toMatch(/password|Bearer/);
    expect(rejectedEvent(m, rejection, claimed, new Date(1)).id).toBe(record.id);
    expect(rejectedEvent({ ...m, offset: '42' }, rejection, claimed, new Date(0)).id).not.toBe(
      record.id,
    );
    expect(record).toMatchObject({ topic: 'herald.events.inbound', partition: 2, offset: '41' });
  });

  it('does not list rejections of unknown tenants or of dropped floods', () => {
    expect(listedReason('unknown_tenant')).toBe(false);
    expect(listedReason('rate_limited')).toBe(false);
    expect(listedReason('schema_violation')).toBe(true);
  });
});
