import { DeliveryJob, HEADERS, TOPICS } from '@herald/contracts';
import { baseEvent } from '@herald/contracts/testing';
import { encodeFor, encodeJobFor, encodedFor, jsonFor } from './json-codec';
import { invalidMessage } from './poison-messages';
import { splitBySize } from './typed-producer';

const message = (bytes: number) => ({ key: null, value: 'x'.repeat(bytes) });

describe('splitBySize', () => {
  it('keeps a small batch in one request', () => {
    const requests = splitBySize(
      [
        { topic: 'a', messages: [message(10), message(10)] },
        { topic: 'b', messages: [message(10)] },
      ],
      1_000,
    );
    expect(requests).toHaveLength(1);
    expect(requests[0].map((t) => [t.topic, t.messages.length])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
  });

  it('cuts a large batch into requests under the limit, keeping order across topics', () => {
    const requests = splitBySize(
      [
        { topic: 'a', messages: Array.from({ length: 5 }, () => message(300)) },
        { topic: 'b', messages: Array.from({ length: 3 }, () => message(300)) },
      ],
      1_000,
    );
    // 364 bytes each with record overhead: two per request.
    expect(requests.map((r) => r.map((t) => `${t.topic}:${t.messages.length}`))).toEqual([
      ['a:2'],
      ['a:2'],
      ['a:1', 'b:1'],
      ['b:2'],
    ]);
  });

  it('sends a message larger than the limit on its own and drops empty topics', () => {
    const requests = splitBySize(
      [
        { topic: 'a', messages: [message(5_000), message(10)] },
        { topic: 'b', messages: [] },
      ],
      1_000,
    );
    expect(requests.map((r) => r.map((t) => `${t.topic}:${t.messages.length}`))).toEqual([
      ['a:1'],
      ['a:1'],
    ]);
  });
});

describe('encodeFor', () => {
  const job: DeliveryJob = {
    kind: 'herald.delivery-job',
    version: 1,
    deliveryId: 'msg_1',
    subscriptionId: 'sub_1',
    tenantId: 'tenant_1',
    event: baseEvent(),
    attempt: 2,
    firstEnqueuedAt: '2026-12-03T12:00:00.000Z',
    dueAt: '2026-12-03T12:00:05.000Z',
    deferrals: 0,
    lastError: null,
  };

  it('encodes the payload as JSON with its kind headers, then the caller headers', () => {
    const message = encodeFor(TOPICS.deliveries, {
      key: job.subscriptionId,
      value: job,
      headers: { [HEADERS.attempt]: '2', [HEADERS.messageKind]: 'override' },
    });
    expect(message.key).toBe(job.subscriptionId);
    expect(JSON.parse(String(message.value))).toEqual(job);
    expect(message.headers).toEqual({
      [HEADERS.messageKind]: 'override',
      [HEADERS.schemaVersion]: String(job.version),
      [HEADERS.attempt]: '2',
    });
  });

  it('encodes a job around the JSON of its event as received: the same value and headers', () => {
    const eventJson = Buffer.from(JSON.stringify(job.event, null, 1));
    const spliced = encodeJobFor(
      TOPICS.deliveries,
      { key: job.subscriptionId, value: job },
      eventJson,
    );
    const encoded = encodeFor(TOPICS.deliveries, { key: job.subscriptionId, value: job });
    expect(JSON.parse(String(spliced.value))).toEqual(job);
    expect(spliced.headers).toEqual(encoded.headers);
    expect(spliced.key).toBe(job.subscriptionId);
  });

  it('encodes once for two writers: the JSON given is the value written', () => {
    const json = jsonFor(TOPICS.events, job.event);
    const message = encodedFor(TOPICS.events, { key: 'tenant_1', value: job.event }, json);
    expect(String(message.value)).toBe(json);
    expect(message.value).toEqual(
      encodeFor(TOPICS.events, { key: 'tenant_1', value: job.event }).value,
    );
  });

  it('keeps a tombstone a tombstone', () => {
    const message = encodeFor(TOPICS.subscriptionsChangelog, { key: 'sub_1', value: null });
    expect(message.value).toBeNull();
    expect(message.headers).toEqual({});
  });
});

describe('invalidMessage', () => {
  it('forwards the bytes as they came, with the code, the cut reason and the origin', () => {
    const source = {
      topic: TOPICS.events,
      partition: 3,
      offset: '41',
      key: Buffer.from('k'),
      value: Buffer.from('{not json'),
      headers: { custom: 'kept' },
    };
    const message = invalidMessage(source, 'invalid_envelope', 'x'.repeat(2_000));
    expect(message.key).toBe(source.key);
    expect(message.value).toBe(source.value);
    expect(message.headers).toEqual({
      custom: 'kept',
      [HEADERS.invalidCode]: 'invalid_envelope',
      [HEADERS.invalidReason]: 'x'.repeat(1_000),
      [HEADERS.originalTopic]: TOPICS.events,
      [HEADERS.originalPartition]: '3',
      [HEADERS.originalOffset]: '41',
    });
  });
});
