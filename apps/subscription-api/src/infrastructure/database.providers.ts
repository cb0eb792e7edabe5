import { Injectable, OnApplicationShutdown, OnModuleInit, Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Readiness } from '@herald/observability';
import {
  ApiKeyStore,
  AttemptSeries,
  DeadLetterStore,
  DeliveryLog,
  EventStore,
  EventTypeStore,
  HeldDeliveryStore,
  IdempotencyStore,
  InvalidEventStore,
  OutboxStore,
  PortalSessionStore,
  PayloadFormatStore,
  ReplayJobStore,
  SealedSecretStore,
  SigningKeyStore,
  StateHistoryStore,
  SubscriptionStore,
  TenantStore,
  migrateDatabase,
  openDatabase,
} from '@herald/persistence';
import { SecretBox } from '@herald/delivery';
import { SubscriptionApiConfig } from '../subscription-api.config';
import { signingKeyMaker } from '../signing-keys/signing-key-maker';
import { SIGNING_KEY_MAKER } from '../signing-keys/signing-keys.service';

/** Closes the pool last, after the relay and the HTTP server have stopped. */
@Injectable()
export class DatabaseLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    private readonly readiness: Readiness,
  ) {}

  onModuleInit(): void {
    this.readiness.register({
      name: 'database',
      check: async () => (await this.dataSource.query('SELECT 1 AS ok')).length === 1,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

const STORES = [
  ApiKeyStore,
  AttemptSeries,
  DeadLetterStore,
  DeliveryLog,
  EventStore,
  EventTypeStore,
  HeldDeliveryStore,
  IdempotencyStore,
  InvalidEventStore,
  OutboxStore,
  PortalSessionStore,
  PayloadFormatStore,
  ReplayJobStore,
  SealedSecretStore,
  SigningKeyStore,
  StateHistoryStore,
  TenantStore,
];

/** The DataSource (migrated at start-up: subscription-api owns the schema) and every store. */
export const databaseProviders: Provider[] = [
  {
    provide: DataSource,
    inject: [SubscriptionApiConfig],
    useFactory: async (config: SubscriptionApiConfig) => {
      const dataSource = await openDatabase({
        url: config.DATABASE_URL,
        poolSize: Math.max(2, config.HERALD_DATABASE_POOL_SIZE),
        applicationName: 'herald-subscription-api',
      });
      await migrateDatabase(dataSource, { retentionDays: config.HERALD_RETENTION_DAYS });
      return dataSource;
    },
  },
  ...STORES.map((Store) => ({
    provide: Store,
    inject: [DataSource],
    useFactory: (dataSource: DataSource) => new Store(dataSource),
  })),
  {
    // Makes the key pairs a subscription's signatures need when its key scope lacks them.
    provide: SubscriptionStore,
    inject: [DataSource, SecretBox],
    useFactory: (dataSource: DataSource, box: SecretBox) =>
      new SubscriptionStore(dataSource, signingKeyMaker(box)),
  },
  {
    provide: SIGNING_KEY_MAKER,
    inject: [SecretBox],
    useFactory: (box: SecretBox) => signingKeyMaker(box),
  },
  DatabaseLifecycle,
];
