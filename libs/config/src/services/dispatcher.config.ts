import { bool, int, list, port, secretsKeys } from '../variable';
import { commonSchema } from './common.config';
import { templateLimitsSchema } from './template-limits.config';
import { consumerSchema } from './consumer.config';
import { tenantLimitsSchema } from './tenant-limits.config';

/** Configuration of the dispatcher service. */
export const dispatcherSchema = {
  ...commonSchema,
  ...consumerSchema,
  ...tenantLimitsSchema,
  ...templateLimitsSchema,
  HERALD_DISPATCHER_PORT: port({
    description: 'dispatcher: HTTP port for health and metrics',
    default: '9103',
  }),
  HERALD_SECRETS_KEYS: secretsKeys({
    description:
      'Keys that encrypt secrets at rest (signing secrets and key pairs, delivery credentials, TLS keys; AES-256-GCM), as id:base64key,... (32-byte keys): the first encrypts, every one decrypts (rotation: put a new key first, keep the old ones until resealed)',
    sensitive: true,
  }),
  HERALD_ALLOW_PRIVATE_TARGETS: bool({
    description:
      'dispatcher: deliver to callback URLs that resolve to private, loopback or link-local addresses (development only)',
    default: 'false',
  }),
  HERALD_PRIVATE_TARGET_ALLOWLIST: list({
    description:
      'Comma-separated networks (CIDR, e.g. 127.0.0.0/8,10.1.0.0/16) callback URLs may reach although they are private; the dispatcher must be given the same list',
    default: '',
  }),
  HERALD_RETRY_AFTER_MAX_MS: int({
    description: 'dispatcher: longest Retry-After (429/503) honoured; longer requests are clamped',
    default: '3600000',
    min: 1_000,
  }),
  HERALD_RETRY_JITTER_PERCENT: int({
    description:
      'dispatcher: each retry delay is drawn from ±this percentage of its ladder step (0 turns jitter off), so failures that came together do not all come back together',
    default: '20',
    min: 0,
    max: 50,
  }),
  HERALD_RETRY_JITTER_MIN_MS: int({
    description:
      'dispatcher: jitter never makes a retry delay shorter than this (nor than its ladder step, if that is shorter)',
    default: '1000',
    min: 0,
  }),
  HERALD_DISPATCH_MAX_IN_FLIGHT: int({
    description:
      'dispatcher: deliveries in flight per instance (across partitions and subscriptions) before fetching waits',
    default: '500',
    min: 1,
  }),
  HERALD_DISPATCH_PARTITIONS: int({
    description: 'dispatcher: partitions of herald.deliveries processed concurrently per instance',
    default: '6',
    min: 1,
  }),
  HERALD_DISPATCH_FLUSH_MS: int({
    description:
      'dispatcher: how long finished attempts are gathered before one batched write (attempt log, retry and DLQ topics)',
    default: '20',
    min: 1,
  }),
};
