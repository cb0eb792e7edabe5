import { int } from '../variable';

/** Variables of every service that consumes Kafka topics through the consumer runner. */
export const consumerSchema = {
  HERALD_CONSUMER_MAX_MESSAGE_RETRIES: int({
    description:
      'Consumers: retries of one message failing for an unrecognised reason before it is treated as permanent (sent to the invalid topic or DLQ); outages of the broker or PostgreSQL are retried without a bound',
    default: '10',
    min: 1,
    max: 1_000,
  }),
};
