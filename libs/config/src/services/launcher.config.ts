import { bool, int, list, port, str } from '../variable';
import { commonSchema } from './common.config';
import { dispatcherSchema } from './dispatcher.config';
import { eventIngestSchema } from './event-ingest.config';
import { matcherSchema } from './matcher.config';
import { retrySchedulerSchema } from './retry-scheduler.config';
import { subscriptionApiSchema } from './subscription-api.config';

/** `npm start`: the embedded stack's launcher. */
export const launcherSchema = {
  HERALD_HOME: str({
    description: 'launcher: folder for the embedded broker and PostgreSQL data and the admin token',
    default: '.herald',
  }),
  HERALD_KAFKA_BROKERS: list({
    description:
      'launcher: Kafka bootstrap brokers (host:port,...) to use instead of starting the embedded broker; empty = embedded',
    default: '',
  }),
  // How the launcher and the services it starts reach that external Kafka.
  HERALD_KAFKA_CLIENT_ID: commonSchema.HERALD_KAFKA_CLIENT_ID,
  HERALD_KAFKA_SSL: commonSchema.HERALD_KAFKA_SSL,
  HERALD_KAFKA_SASL_MECHANISM: commonSchema.HERALD_KAFKA_SASL_MECHANISM,
  HERALD_KAFKA_SASL_USERNAME: commonSchema.HERALD_KAFKA_SASL_USERNAME,
  HERALD_KAFKA_SASL_PASSWORD: commonSchema.HERALD_KAFKA_SASL_PASSWORD,
  HERALD_EMBEDDED_KAFKA_PORT: port({
    description: 'launcher: embedded Kafka-protocol broker port',
    default: '9092',
  }),
  HERALD_EMBEDDED_POSTGRES_PORT: port({
    description: 'launcher: embedded PostgreSQL port',
    default: '54329',
  }),
  HERALD_DEMO_RECEIVER_PORT: port({
    description: 'launcher/demo: port of the demo webhook receiver',
    default: '4000',
  }),
  // The services' own ports, passed on to the services the launcher starts.
  HERALD_API_PORT: subscriptionApiSchema.HERALD_API_PORT,
  HERALD_INGEST_PORT: eventIngestSchema.HERALD_INGEST_PORT,
  HERALD_MATCHER_PORT: matcherSchema.HERALD_MATCHER_PORT,
  HERALD_DISPATCHER_PORT: dispatcherSchema.HERALD_DISPATCHER_PORT,
  HERALD_RETRY_SCHEDULER_PORT: retrySchedulerSchema.HERALD_RETRY_SCHEDULER_PORT,
  HERALD_DEMO_RECEIVER: bool({
    description: 'launcher: also start the demo receiver',
    default: 'true',
  }),
  HERALD_RESTART_LIMIT: int({
    description: 'launcher: restarts allowed per service per minute before the launcher gives up',
    default: '5',
    min: 0,
  }),
};
