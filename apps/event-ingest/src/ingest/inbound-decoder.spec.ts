import { decodeInbound, messageSize } from './inbound-decoder';

const at = new Date('2026-11-22T10:00:00.000Z');
const message = (value: string | null, headers: Record<string, string> = {}) => ({
  topic: 'herald.events.inbound',
  partition: 0,
  offset: '7',
  key: null,
  value: value === null ? null : Buffer.from(value),
  headers,
});

describe('decodeInbound', () => {
  it('normalises a structured CloudEvent, defaulting absent attributes', () => {
    const decoded = decodeInbound(
      message(
        JSON.stringify({ specversion: '1.0', id: 'e1', source: 's', type: 'a.b', tenantid: 't1' }),
      ),
      10_000,
      at,
    );
    expect(decoded).toEqual({
      ok: true,
      event: {
        kind: 'herald.event',
        version: 1,
        id: 'e1',
        tenantId: 't1',
        type: 'a.b',
        source: 's',
        subject: null,
        time: at.toISOString(),
        receivedAt: at.toISOString(),
        entityType: null,
        entityId: null,
        action: null,
        trigger: null,
        dataContentType: 'application/json',
        data: null,
      },
    });
  });

  it.each([
    ['{"id": ', 'malformed_json'],
    ['[]', 'invalid_envelope'],
    [
      JSON.stringify({ specversion: '1.0', id: 'e', source: 's', type: 'bad type' }),
      'invalid_envelope',
    ],
    [
      JSON.stringify({ specversion: '1.0', id: 'e', source: 's', type: 'a', action: 'upserted' }),
      'invalid_envelope',
    ],
  ])('rejects %s as %s', (value, reason) => {
    const decoded = decodeInbound(message(value), 10_000, at);
    expect(decoded.ok ? null : decoded.rejection.reason).toBe(reason);
  });

  it('rejects binary mode with malformed JSON data as malformed_json', () => {
    const decoded = decodeInbound(
      message('{oops', {
        ce_specversion: '1.0',
        ce_id: 'e',
        ce_source: 's',
        ce_type: 'a',
        'content-type': 'application/json',
      }),
      10_000,
      at,
    );
    expect(decoded.ok ? null : decoded.rejection).toEqual({
      reason: 'malformed_json',
      detail: expect.stringContaining('data: is not valid JSON'),
    });
  });

  it('counts headers toward the size limit', () => {
    const m = message('{}', { big: 'x'.repeat(100) });
    expect(messageSize(m)).toBe(2 + 3 + 100);
    const decoded = decodeInbound(m, 104, at);
    expect(decoded.ok ? null : decoded.rejection.reason).toBe('oversized');
  });
});
