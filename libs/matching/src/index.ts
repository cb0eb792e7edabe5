export * from './event-type-pattern';
export * from './condition';
export * from './subscription-index';
export * from './pattern-buckets';
export * from './tenant-regex';
export * from './json-schema-regexp';
