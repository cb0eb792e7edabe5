export * from './schema-limits';
export * from './schema-ajv';
export * from './tenant-schema';
export * from './event-catalog';
