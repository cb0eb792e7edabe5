import { port } from '../variable';
import { commonSchema } from './common.config';

/** Configuration of the dispatcher service. */
export const dispatcherSchema = {
  ...commonSchema,
  HERALD_DISPATCHER_PORT: port({
    description: 'dispatcher: HTTP port for health and metrics',
    default: '9103',
  }),
};
