import { DynamicModule, Module, Provider } from '@nestjs/common';
import { Registry } from 'prom-client';
import { SecretBox } from '@herald/delivery';
import { ObservabilityModule } from '@herald/observability';
import { ApiKeyStore, EventCatalogSource } from '@herald/persistence';
import { CachedEventCatalog, DEFAULT_CATALOG_LIMITS } from '@herald/tenant-schemas';
import { DataSource } from 'typeorm';
import { ApiKeyAuthenticator } from './auth/api-key-authenticator';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysService } from './api-keys/api-keys.service';
import { AdminAuthGuard, AdminOrTenantAuthGuard, TenantAuthGuard } from './auth/auth.guards';
import { DeliveriesController } from './deliveries/deliveries.controller';
import { DeliveryCommands } from './deliveries/delivery-commands.service';
import { HeldDeliveriesController } from './deliveries/held-deliveries.controller';
import { HeldDeliveries, HeldDeliveryMetrics } from './deliveries/held-deliveries.service';
import { EventTypesController } from './event-types/event-types.controller';
import { PublicEventTypesController } from './event-types/public-event-types.controller';
import { EventIngestService } from './events/event-ingest.service';
import { EventsController } from './events/events.controller';
import { InvalidEventsController } from './events/invalid-events.controller';
import { IngestRateGate } from './events/ingest-rate-gate';
import { RequestValidator } from './http/body-validator';
import { bodyLimitsOf } from './http/request-limits';
import { databaseProviders } from './infrastructure/database.providers';
import { HOST_RESOLVER, systemResolver } from './infrastructure/host-resolver';
import { EventCatalogueController } from './event-types/event-catalogue.controller';
import { schemaLimitsOf } from './event-types/data-schema-check';
import { kafkaProviders } from './infrastructure/kafka.providers';
import { MESSAGE_BUS, MessageBus } from './infrastructure/message-bus';
import { OutboxRelay } from './outbox/outbox-relay';
import { PayloadFormatsController } from './payload-formats/payload-formats.controller';
import { PayloadFormatsService } from './payload-formats/payload-formats.service';
import { SecretsAtRest } from './secrets/secrets-at-rest';
import { PartitionMaintainer } from './outbox/partition-maintainer';
import { PortalSessionsController } from './portal/portal-sessions.controller';
import { ReplayJobsService } from './replays/replay-jobs.service';
import { ReplayPages } from './replays/replay-pages';
import { ReplayRunner } from './replays/replay-runner';
import { ReplaysController } from './replays/replays.controller';
import { PortalSessionsService } from './portal/portal-sessions.service';
import { SubscriptionApiConfig } from './subscription-api.config';
import { HostResolver } from './subscriptions/callback-url-policy';
import { SubscriptionsController } from './subscriptions/subscriptions.controller';
import { SubscriptionsService } from './subscriptions/subscriptions.service';
import { TenantsController } from './tenants/tenants.controller';
import { JwksController } from './signing-keys/jwks.controller';
import { SigningKeysController } from './signing-keys/signing-keys.controller';
import { SigningKeysService } from './signing-keys/signing-keys.service';
import { tenantLimitsProviders } from './tenants/tenant-limits.providers';

export interface SubscriptionApiOverrides {
  /** Replaces Kafka (tests without a broker). */
  bus?: MessageBus;
  /** Replaces the system DNS resolver for the callback URL check. */
  resolver?: HostResolver;
}

@Module({})
export class SubscriptionApiModule {
  static register(
    config: SubscriptionApiConfig,
    version: string,
    overrides: SubscriptionApiOverrides = {},
  ): DynamicModule {
    const busProviders: Provider[] = overrides.bus
      ? [{ provide: MESSAGE_BUS, useValue: overrides.bus }]
      : kafkaProviders;
    return {
      module: SubscriptionApiModule,
      imports: [ObservabilityModule.forService({ service: 'subscription-api', version })],
      controllers: [
        TenantsController,
        ApiKeysController,
        EventTypesController,
        EventCatalogueController,
        PublicEventTypesController,
        SubscriptionsController,
        EventsController,
        InvalidEventsController,
        DeliveriesController,
        ReplaysController,
        PortalSessionsController,
        SigningKeysController,
        JwksController,
        PayloadFormatsController,
        HeldDeliveriesController,
      ],
      providers: [
        { provide: SubscriptionApiConfig, useValue: config },
        { provide: HOST_RESOLVER, useValue: overrides.resolver ?? systemResolver },
        ...databaseProviders,
        ...busProviders,
        ...tenantLimitsProviders,
        IngestRateGate,
        {
          // The catalogue POST /v1/events checks against, as event-ingest does (a short TTL).
          provide: CachedEventCatalog,
          inject: [DataSource, SubscriptionApiConfig],
          useFactory: (dataSource: DataSource, c: SubscriptionApiConfig) =>
            new CachedEventCatalog(
              new EventCatalogSource(dataSource),
              c.HERALD_API_CATALOG_TTL_MS,
              Date.now,
              { ...DEFAULT_CATALOG_LIMITS, schema: schemaLimitsOf(c) },
            ),
        },
        {
          provide: ApiKeyAuthenticator,
          inject: [ApiKeyStore, SubscriptionApiConfig],
          useFactory: (keys: ApiKeyStore, c: SubscriptionApiConfig) =>
            new ApiKeyAuthenticator(keys, c.HERALD_API_KEY_CACHE_MS),
        },
        {
          provide: RequestValidator,
          inject: [SubscriptionApiConfig],
          useFactory: (c: SubscriptionApiConfig) => new RequestValidator(bodyLimitsOf(c)),
        },
        {
          provide: SecretBox,
          inject: [SubscriptionApiConfig],
          useFactory: (c: SubscriptionApiConfig) => new SecretBox(c.HERALD_SECRETS_KEYS),
        },
        SecretsAtRest,
        AdminAuthGuard,
        TenantAuthGuard,
        AdminOrTenantAuthGuard,
        ApiKeysService,
        PortalSessionsService,
        DeliveryCommands,
        {
          provide: HeldDeliveryMetrics,
          inject: [Registry],
          useFactory: (registry: Registry) => new HeldDeliveryMetrics(registry),
        },
        HeldDeliveries,
        ReplayPages,
        ReplayRunner,
        ReplayJobsService,
        SubscriptionsService,
        SigningKeysService,
        PayloadFormatsService,
        EventIngestService,
        OutboxRelay,
        PartitionMaintainer,
      ],
    };
  }
}
