import { decodeInbound, messageSize } from './inbound-decoder';

const at = new Date('2026-11-22T10:00:00.000Z');
const limits = { maxBytes: 10_000, maxDepth: 8 };
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
      limits,
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
    const decoded = decodeInbound(message(value), limits, at);
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
      limits,
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
    const decoded = decodeInbound(m, { maxBytes: 104, maxDepth: 64 }, at);
    expect(decoded.ok ? null : decoded.rejection.reason).toBe('oversized');
  });

  const structured = (fields: Record<string, unknown>) =>
    message(JSON.stringify({ specversion: '1.0', id: 'e', source: 's', type: 'a.b', ...fields }));
  const binary = (headers: Record<string, string>, value: string | null) =>
    message(value, {
      ce_specversion: '1.0',
      ce_id: 'e',
      ce_source: 's',
      ce_type: 'a.b',
      'content-type': 'application/json',
      ...headers,
    });
  let deep: unknown = 1;
  for (let i = 0; i < 8; i++) deep = [deep];

  it.each([
    ['a NUL in data', structured({ data: { s: 'a\u0000b' } }), 'data.s: contains a NUL'],
    ['a NUL in a key', structured({ data: { ['k\u0000']: 1 } }), 'data.k\\u0000: has a key'],
    ['a NUL in the id', structured({ id: 'e\u0000' }), 'id: contains a NUL'],
    ['a NUL in the subject', structured({ subject: '\u0000' }), 'subject: contains a NUL'],
    ['a lone surrogate', structured({ data: ['\ud800'] }), 'data.0: contains a lone UTF-16'],
    ['nesting too deep', structured({ data: deep }), 'data.0.0.0.0.0.0.0: is nested'],
    ['data_base64 hiding a NUL', structured({ data_base64: 'YQBi' }), 'data: contains a NUL'],
    ['a NUL in a ce_ header', binary({ ce_id: 'e\u0000' }, '{}'), 'id: contains a NUL'],
    ['a NUL in ce_source', binary({ ce_source: '/\u0000' }, null), 'source: contains a NUL'],
    ['a NUL in binary JSON data', binary({}, '{"s":"\\u0000"}'), 'data.s: contains a NUL'],
    ['a NUL byte in text data', binary({ 'content-type': 'text/plain' }, 'a\u0000'), 'data: con'],
  ])('rejects %s as unstorable, naming the field', (_name, m, detail) => {
    const decoded = decodeInbound(m, limits, at);
    expect(decoded.ok ? null : decoded.rejection.reason).toBe('unstorable');
    expect(decoded.ok ? '' : decoded.rejection.detail).toContain(detail);
  });

  it('accepts a NUL or invalid UTF-8 in the message key (it is never stored)', () => {
    const m = { ...structured({ data: { s: '😀' } }), key: Buffer.from([0, 0xff, 0xd8]) };
    expect(decodeInbound(m, limits, at).ok).toBe(true);
  });
});
