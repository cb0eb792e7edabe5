import { port } from '../variable';
import { commonSchema } from './common.config';

/** Configuration of the retry-scheduler service. */
export const retrySchedulerSchema = {
  ...commonSchema,
  HERALD_RETRY_SCHEDULER_PORT: port({
    description: 'retry-scheduler: HTTP port for health and metrics',
    default: '9104',
  }),
};
