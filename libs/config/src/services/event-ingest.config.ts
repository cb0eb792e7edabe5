import { port } from '../variable';
import { commonSchema } from './common.config';

/** Configuration of the event-ingest service. */
export const eventIngestSchema = {
  ...commonSchema,
  HERALD_INGEST_PORT: port({
    description: 'event-ingest: HTTP port for health and metrics',
    default: '9101',
  }),
};
