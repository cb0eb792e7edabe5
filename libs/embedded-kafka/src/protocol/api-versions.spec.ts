// kafkajs 2.2.4's own request modules (typed in test/kafkajs-internals.d.ts): the highest
// version it has of each API.
import { requests } from 'kafkajs/src/protocol/requests';
import kafkajsKeys from 'kafkajs/src/protocol/requests/apiKeys';
import { ApiKey, isSupported, SUPPORTED_VERSIONS } from './api-keys';
import { APACHE_KAFKA_VERSIONS, LOWER_MAXIMUM_BECAUSE } from '../../test/apache-kafka-api-versions';

const kafkajsMax = (apiKey: number): number => {
  const name = Object.keys(kafkajsKeys).find((n) => kafkajsKeys[n] === apiKey)!;
  return Math.max(...requests[name].versions.map(Number));
};
const apache = (apiKey: number) => APACHE_KAFKA_VERSIONS.find((r) => r.apiKey === apiKey)!;

describe('the embedded broker advertises Apache Kafka 4.1.1 version ranges', () => {
  it('for every API it implements, and only those', () => {
    expect(SUPPORTED_VERSIONS.map((r) => r.apiKey)).toEqual(
      APACHE_KAFKA_VERSIONS.map((r) => r.apiKey),
    );
  });

  it.each(SUPPORTED_VERSIONS.map((r) => [r.apiKey, r]))(
    'api %i: the same minimum, a maximum no higher, and a reason where lower',
    (apiKey, ours) => {
      expect(ours.min).toBe(apache(apiKey).min);
      expect(ours.max).toBeLessThanOrEqual(apache(apiKey).max);
      expect(apiKey in LOWER_MAXIMUM_BECAUSE).toBe(ours.max < apache(apiKey).max);
    },
  );

  it('answers every ApiVersions version Apache Kafka answers (the probe clients send first)', () => {
    expect(SUPPORTED_VERSIONS.find((r) => r.apiKey === ApiKey.ApiVersions)).toEqual(
      apache(ApiKey.ApiVersions),
    );
  });

  it.each(SUPPORTED_VERSIONS.map((r) => [r.apiKey]))(
    'api %i: kafkajs 2.2.4 negotiates the same version with both brokers',
    (apiKey) => {
      const ours = SUPPORTED_VERSIONS.find((r) => r.apiKey === apiKey)!;
      expect(Math.min(kafkajsMax(apiKey), ours.max)).toBe(
        Math.min(kafkajsMax(apiKey), apache(apiKey).max),
      );
    },
  );

  it('refuses Produce v0-v2, as Apache Kafka 4 does, though both advertise v0', () => {
    expect([0, 1, 2, 3].map((v) => isSupported(ApiKey.Produce, v))).toEqual([
      false,
      false,
      false,
      true,
    ]);
  });
});
