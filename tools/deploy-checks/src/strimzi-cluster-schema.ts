import Ajv, { ErrorObject } from 'ajv';

/**
 * Strimzi's `Kafka` and `KafkaNodePool` (kafka.strimzi.io/v1beta2) in KRaft mode, reduced to
 * what Herald's cluster manifest uses: no npm package ships the CRD schemas, so these follow
 * the CRDs' field types for the fields Herald sets.
 */
const METADATA = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', maxLength: 63 },
    namespace: { type: 'string' },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    annotations: { type: 'object', additionalProperties: { type: 'string' } },
  },
} as const;

const KAFKA_SCHEMA = {
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  additionalProperties: false,
  properties: {
    apiVersion: { const: 'kafka.strimzi.io/v1beta2' },
    kind: { const: 'Kafka' },
    metadata: {
      ...METADATA,
      required: ['name', 'annotations'],
      properties: {
        ...METADATA.properties,
        annotations: {
          type: 'object',
          // KRaft and node pools: Kafka 4.x has no ZooKeeper.
          required: ['strimzi.io/kraft', 'strimzi.io/node-pools'],
          properties: {
            'strimzi.io/kraft': { const: 'enabled' },
            'strimzi.io/node-pools': { const: 'enabled' },
          },
          additionalProperties: { type: 'string' },
        },
      },
    },
    spec: {
      type: 'object',
      required: ['kafka'],
      additionalProperties: false,
      properties: {
        kafka: {
          type: 'object',
          required: ['version', 'listeners'],
          additionalProperties: false,
          properties: {
            version: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+$' },
            metadataVersion: { type: 'string' },
            listeners: {
              type: 'array',
              minItems: 1,
              items: {
                type: 'object',
                required: ['name', 'port', 'type', 'tls'],
                additionalProperties: false,
                properties: {
                  name: { type: 'string', pattern: '^[a-z0-9]{1,11}$' },
                  port: { type: 'integer', minimum: 9092 },
                  type: {
                    enum: [
                      'internal',
                      'route',
                      'loadbalancer',
                      'nodeport',
                      'ingress',
                      'cluster-ip',
                    ],
                  },
                  tls: { type: 'boolean' },
                  authentication: {
                    type: 'object',
                    required: ['type'],
                    properties: { type: { enum: ['tls', 'scram-sha-512', 'oauth', 'custom'] } },
                  },
                },
              },
            },
            config: {
              type: 'object',
              additionalProperties: { type: ['string', 'number', 'boolean'] },
            },
          },
        },
        entityOperator: {
          type: 'object',
          additionalProperties: false,
          properties: { topicOperator: { type: 'object' }, userOperator: { type: 'object' } },
        },
      },
    },
  },
} as const;

const NODE_POOL_SCHEMA = {
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  additionalProperties: false,
  properties: {
    apiVersion: { const: 'kafka.strimzi.io/v1beta2' },
    kind: { const: 'KafkaNodePool' },
    metadata: {
      ...METADATA,
      required: ['name', 'labels'],
      properties: {
        ...METADATA.properties,
        labels: {
          type: 'object',
          required: ['strimzi.io/cluster'],
          additionalProperties: { type: 'string' },
        },
      },
    },
    spec: {
      type: 'object',
      required: ['replicas', 'roles', 'storage'],
      additionalProperties: false,
      properties: {
        replicas: { type: 'integer', minimum: 0 },
        roles: {
          type: 'array',
          minItems: 1,
          uniqueItems: true,
          items: { enum: ['controller', 'broker'] },
        },
        storage: {
          type: 'object',
          required: ['type'],
          properties: {
            type: { enum: ['ephemeral', 'persistent-claim', 'jbod'] },
            volumes: { type: 'array' },
          },
        },
        resources: { type: 'object' },
        jvmOptions: { type: 'object' },
      },
    },
  },
} as const;

const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strict: false });
const validators = {
  Kafka: ajv.compile(KAFKA_SCHEMA),
  KafkaNodePool: ajv.compile(NODE_POOL_SCHEMA),
};

/** Whether `kind` is one of the Strimzi cluster resources checked here. */
export function isStrimziClusterKind(kind: string): kind is keyof typeof validators {
  return kind in validators;
}

/** Schema violations of a Strimzi Kafka or KafkaNodePool manifest ([] when valid). */
export function validateStrimziCluster(kind: keyof typeof validators, manifest: unknown): string[] {
  const validate = validators[kind];
  return validate(manifest) ? [] : (validate.errors ?? []).map(describe);
}

function describe(error: ErrorObject): string {
  const extra =
    error.keyword === 'additionalProperties'
      ? ` (${String((error.params as { additionalProperty: string }).additionalProperty)})`
      : '';
  return `${error.instancePath || '/'} ${error.message ?? error.keyword}${extra}`;
}
