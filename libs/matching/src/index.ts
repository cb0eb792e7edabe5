export * from './event-type-pattern';
export * from './condition';
export * from './subscription-index';
export * from './pattern-buckets';
