import Ajv, { ErrorObject } from 'ajv';

/**
 * Strimzi's KafkaTopic (kafka.strimzi.io/v1beta2), reduced to what Herald's manifests use:
 * no npm package ships the CRD schema, so this follows the CRD's field types and limits.
 */
const KAFKA_TOPIC_SCHEMA = {
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  additionalProperties: false,
  properties: {
    apiVersion: { const: 'kafka.strimzi.io/v1beta2' },
    kind: { const: 'KafkaTopic' },
    metadata: {
      type: 'object',
      required: ['name', 'labels'],
      properties: {
        // A DNS-1123 subdomain, as every Kubernetes object name.
        name: {
          type: 'string',
          maxLength: 253,
          pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$',
        },
        namespace: { type: 'string' },
        labels: {
          type: 'object',
          required: ['strimzi.io/cluster'],
          additionalProperties: { type: 'string' },
        },
        annotations: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
    spec: {
      type: 'object',
      required: ['partitions', 'replicas'],
      additionalProperties: false,
      properties: {
        // Kafka topic names: up to 249 of [a-zA-Z0-9._-].
        topicName: { type: 'string', pattern: '^[a-zA-Z0-9._-]{1,249}$' },
        partitions: { type: 'integer', minimum: 1 },
        replicas: { type: 'integer', minimum: 1, maximum: 32767 },
        config: {
          type: 'object',
          additionalProperties: { type: ['string', 'number', 'boolean'] },
        },
      },
    },
  },
} as const;

let validate: ReturnType<Ajv['compile']> | undefined;

/** Schema violations of a KafkaTopic manifest ([] when valid). */
export function validateKafkaTopic(manifest: unknown): string[] {
  validate ??= new Ajv({ allErrors: true, allowUnionTypes: true }).compile(KAFKA_TOPIC_SCHEMA);
  return validate(manifest) ? [] : (validate.errors ?? []).map(describe);
}

function describe(error: ErrorObject): string {
  const extra =
    error.keyword === 'additionalProperties'
      ? ` (${String((error.params as { additionalProperty: string }).additionalProperty)})`
      : '';
  return `${error.instancePath || '/'} ${error.message ?? error.keyword}${extra}`;
}
