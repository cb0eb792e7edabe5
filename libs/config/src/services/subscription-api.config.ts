import { port } from '../variable';
import { commonSchema } from './common.config';

/** Configuration of the subscription-api service. */
export const subscriptionApiSchema = {
  ...commonSchema,
  HERALD_API_PORT: port({
    description: 'subscription-api: HTTP port for the API, health and metrics',
    default: '3000',
  }),
};
