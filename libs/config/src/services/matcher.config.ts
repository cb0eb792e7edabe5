import { port } from '../variable';
import { commonSchema } from './common.config';
import { consumerSchema } from './consumer.config';

/** Configuration of the matcher service. */
export const matcherSchema = {
  ...commonSchema,
  ...consumerSchema,
  HERALD_MATCHER_PORT: port({
    description: 'matcher: HTTP port for health and metrics',
    default: '9102',
  }),
};
