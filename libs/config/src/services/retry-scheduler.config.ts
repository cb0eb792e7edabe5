import { int, port } from '../variable';
import { commonSchema } from './common.config';
import { consumerSchema } from './consumer.config';

/** Configuration of the retry-scheduler service. */
export const retrySchedulerSchema = {
  ...commonSchema,
  ...consumerSchema,
  HERALD_RETRY_SCHEDULER_PORT: port({
    description: 'retry-scheduler: HTTP port for health and metrics',
    default: '9104',
  }),
  HERALD_CANARY_POLL_MS: int({
    description: 'retry-scheduler: how often due canary (heartbeat) events are looked for',
    default: '5000',
    min: 10,
  }),
};
