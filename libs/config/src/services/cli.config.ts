import { list, optionalStr, str } from '../variable';

/** `npm run herald`: the operator CLI. */
export const cliSchema = {
  HERALD_API_URL: str({
    description: 'cli: base URL of subscription-api',
    default: 'http://localhost:3000',
  }),
  HERALD_ADMIN_TOKEN: optionalStr({
    description: 'Admin token: manages tenants and their API keys',
    default: '',
    sensitive: true,
  }),
  HERALD_API_KEY: optionalStr({
    description: 'cli: tenant API key for subscription, event and delivery commands',
    default: '',
    sensitive: true,
  }),
  HERALD_KAFKA_BROKERS: list({
    description: 'Comma-separated Kafka bootstrap brokers (host:port)',
    default: '127.0.0.1:9092',
  }),
};
