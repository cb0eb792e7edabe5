import { CloudEvent, Kafka } from 'cloudevents';
import { parseKafkaCloudEvent, parseStructuredCloudEvent, validateCloudEvent } from './cloudevent';

const valid = {
  specversion: '1.0',
  id: 'evt-1',
  source: '/catalog',
  type: 'product.updated',
  time: '2026-11-22T10:00:00Z',
  tenantid: 'acme',
  entitytype: 'product',
  entityid: 'sku-42',
  action: 'updated',
  trigger: 'import',
  data: { code: '100', price: 12 },
};

function issuesOf(input: unknown): string[] {
  const result = validateCloudEvent(input);
  return result.ok ? [] : result.issues.map((i) => i.field);
}

describe('inbound CloudEvent contract', () => {
  it('accepts a complete structured event and keeps every attribute', () => {
    const result = validateCloudEvent(valid);
    expect(result).toEqual({ ok: true, value: valid });
  });

  it.each([
    ['missing id', { ...valid, id: undefined }, 'id'],
    ['missing source', { ...valid, source: undefined }, 'source'],
    ['missing type', { ...valid, type: undefined }, 'type'],
    ['wrong spec version', { ...valid, specversion: '0.3' }, 'specversion'],
    ['non-string id', { ...valid, id: 7 }, 'id'],
    ['bad time', { ...valid, time: 'yesterday' }, 'time'],
    ['unknown action', { ...valid, action: 'archived' }, 'action'],
    ['bad tenant id', { ...valid, tenantid: 'a b' }, 'tenantid'],
    ['event type with spaces', { ...valid, type: 'product updated' }, 'type'],
    ['invalid attribute name', { ...valid, 'Bad-Name': 1 }, 'Bad-Name'],
  ])('rejects %s, naming the field', (_name, input, field) => {
    expect(issuesOf(input)).toContain(field);
  });

  it('rejects a non-object with a reason', () => {
    expect(issuesOf([1, 2])).toEqual(['$']);
  });

  it('reports malformed JSON as a reason, not an exception', () => {
    const result = parseStructuredCloudEvent('{"id": ');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0].message).toMatch(/not valid JSON/);
  });

  it('decodes data_base64', () => {
    const result = validateCloudEvent({
      ...valid,
      data: undefined,
      data_base64: Buffer.from('hi').toString('base64'),
    });
    expect(result.ok && result.value.data).toBe('hi');
  });

  describe('events produced by the cloudevents SDK', () => {
    const sdkEvent = new CloudEvent({
      type: 'order.created',
      source: '/shop',
      subject: 'order/9',
      data: { total: 10 },
      tenantid: 'acme',
      entitytype: 'order',
      entityid: '9',
      action: 'created',
      trigger: 'rest',
    });

    it('reads Kafka structured mode', () => {
      const message = Kafka.structured(sdkEvent);
      const result = parseKafkaCloudEvent(
        message.headers as never,
        Buffer.from(String(message.value)),
      );
      expect(result.ok).toBe(true);
      if (result.ok) {
        expect(result.value).toMatchObject({
          id: sdkEvent.id,
          type: 'order.created',
          tenantid: 'acme',
          data: { total: 10 },
        });
      }
    });

    it('reads Kafka binary mode from ce_* headers', () => {
      const message = Kafka.binary(sdkEvent);
      const headers = Object.fromEntries(
        Object.entries(message.headers)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => [k, Buffer.from(String(v))]),
      );
      const result = parseKafkaCloudEvent(headers, Buffer.from(JSON.stringify(message.value)));
      expect(result.ok).toBe(true);
      if (result.ok) {
        expect(result.value).toMatchObject({
          id: sdkEvent.id,
          source: '/shop',
          subject: 'order/9',
          entityid: '9',
          action: 'created',
          trigger: 'rest',
          data: { total: 10 },
        });
      }
    });

    it('rejects binary mode whose data is not JSON though declared so', () => {
      const result = parseKafkaCloudEvent(
        {
          ce_specversion: '1.0',
          ce_id: 'x',
          ce_source: '/s',
          ce_type: 't',
          'content-type': 'application/json',
        },
        Buffer.from('{nope'),
      );
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issues[0].field).toBe('data');
    });

    it('rejects binary mode missing a required attribute, naming it', () => {
      const result = parseKafkaCloudEvent(
        { ce_specversion: '1.0', ce_source: '/s', ce_type: 't' },
        null,
      );
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issues.map((i) => i.field)).toEqual(['id']);
    });
  });
});
