import { InitialSchema1763850000000 } from './1763850000000-initial-schema';
import { TenantLimits1796189800000 } from './1796189800000-tenant-limits';
import { ApiKeyScopes1796200000000 } from './1796200000000-api-key-scopes';
import { PublicEventTypesBelongToTheOperator1796210000000 } from './1796210000000-public-event-types-belong-to-the-operator';
import { SubscriptionStateChanges1796230000000 } from './1796230000000-subscription-state-changes';
import { AuthenticatedDelivery1796260000000 } from './1796260000000-authenticated-delivery';
import { PortalSessions1796270000000 } from './1796270000000-portal-sessions';
import { SigningOptions1796300000000 } from './1796300000000-signing-options';
import { SigningKeys1796301000000 } from './1796301000000-signing-keys';
import { HeldDeliveriesIndex1796400000000 } from './1796400000000-held-deliveries-index';
import { PayloadFormats1796410000000 } from './1796410000000-payload-formats';
import { StrictEventCatalogue1796410001000 } from './1796410001000-strict-event-catalogue';
import { InvalidEvents1796410002000 } from './1796410002000-invalid-events';
import { IdempotencyClaims1796410003000 } from './1796410003000-idempotency-claims';
import { ReplayJobs1796430000000 } from './1796430000000-replay-jobs';
import { SubscriptionHealth1796460000000 } from './1796460000000-subscription-health';
import { AttemptRequests1796470000000 } from './1796470000000-attempt-requests';
import { DeliveryHistoryIndexes1796480000000 } from './1796480000000-delivery-history-indexes';

/** Every migration, oldest first. Add new ones at the end; never edit a released one. */
export const MIGRATIONS = [
  InitialSchema1763850000000,
  TenantLimits1796189800000,
  ApiKeyScopes1796200000000,
  PublicEventTypesBelongToTheOperator1796210000000,
  SubscriptionStateChanges1796230000000,
  AuthenticatedDelivery1796260000000,
  PortalSessions1796270000000,
  SigningOptions1796300000000,
  SigningKeys1796301000000,
  HeldDeliveriesIndex1796400000000,
  PayloadFormats1796410000000,
  StrictEventCatalogue1796410001000,
  InvalidEvents1796410002000,
  IdempotencyClaims1796410003000,
  ReplayJobs1796430000000,
  SubscriptionHealth1796460000000,
  AttemptRequests1796470000000,
  DeliveryHistoryIndexes1796480000000,
];
