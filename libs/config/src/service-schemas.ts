import { Schema } from './variable';
import { dispatcherSchema } from './services/dispatcher.config';
import { eventIngestSchema } from './services/event-ingest.config';
import { matcherSchema } from './services/matcher.config';
import { retrySchedulerSchema } from './services/retry-scheduler.config';
import { subscriptionApiSchema } from './services/subscription-api.config';
import { launcherSchema } from './services/launcher.config';
import { cliSchema } from './services/cli.config';
import { secretsResealSchema } from './services/secrets-reseal.config';

/** Every service's schema, for the generated configuration reference. */
export const SERVICE_SCHEMAS: Readonly<Record<string, Schema>> = {
  'subscription-api': subscriptionApiSchema,
  'event-ingest': eventIngestSchema,
  matcher: matcherSchema,
  dispatcher: dispatcherSchema,
  'retry-scheduler': retrySchedulerSchema,
};

/** Tools' schemas, documented beside the services'. */
export const TOOL_SCHEMAS: Readonly<Record<string, Schema>> = {
  launcher: launcherSchema,
  cli: cliSchema,
  'secrets-reseal': secretsResealSchema,
};
