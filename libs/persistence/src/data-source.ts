import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export interface DatabaseOptions {
  /** `postgres://user:password@host:port/db` (DATABASE_URL). */
  url: string;
  /** Connection pool size (HERALD_DATABASE_POOL_SIZE). */
  poolSize?: number;
  /** `application_name`, visible in pg_stat_activity. */
  applicationName?: string;
}

/** A TypeORM DataSource on Herald's schema. The schema comes only from migrations. */
export function createDataSource(options: DatabaseOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'herald_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    poolSize: options.poolSize ?? 10,
    applicationName: options.applicationName ?? 'herald',
  });
}

/** Connects a DataSource (see `createDataSource`). */
export async function openDatabase(options: DatabaseOptions): Promise<DataSource> {
  return createDataSource(options).initialize();
}

/** A service's pool from its config, named `herald-<service>` in pg_stat_activity. */
export function openServiceDatabase(
  config: { DATABASE_URL: string; HERALD_DATABASE_POOL_SIZE: number },
  service: string,
): Promise<DataSource> {
  return openDatabase({
    url: config.DATABASE_URL,
    poolSize: config.HERALD_DATABASE_POOL_SIZE,
    applicationName: `herald-${service}`,
  });
}
