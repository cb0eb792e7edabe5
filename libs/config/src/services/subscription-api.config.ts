import { bool, int, port, str } from '../variable';
import { commonSchema } from './common.config';
import { tenantLimitsSchema } from './tenant-limits.config';

/** Configuration of the subscription-api service. */
export const subscriptionApiSchema = {
  ...commonSchema,
  ...tenantLimitsSchema,
  HERALD_API_PORT: port({
    description: 'subscription-api: HTTP port for the API, health and metrics',
    default: '3000',
  }),
  HERALD_ADMIN_TOKEN: str({
    description: 'Admin token: manages tenants and their API keys',
    sensitive: true,
  }),
  HERALD_ALLOW_PRIVATE_TARGETS: bool({
    description:
      'Accept callback URLs that resolve to private, loopback or link-local addresses (development only; the embedded stack sets it)',
    default: 'false',
  }),
  HERALD_API_BODY_LIMIT_BYTES: int({
    description: 'subscription-api: largest request body accepted; larger ones get 413',
    default: '262144',
    min: 1024,
    max: 16_777_216,
  }),
  HERALD_OUTBOX_POLL_MS: int({
    description: 'subscription-api: how often the outbox relay looks for unpublished changes',
    default: '200',
    min: 10,
    max: 60_000,
  }),
  HERALD_API_KEY_CACHE_MS: int({
    description:
      'subscription-api: how long a verified API key is remembered in memory (a revocation reaches other instances within this time)',
    default: '10000',
    min: 0,
    max: 300_000,
  }),
};
