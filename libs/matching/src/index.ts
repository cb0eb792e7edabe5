export * from './event-type-pattern';
export * from './condition/condition';
export * from './subscription-index';
export * from './pattern-buckets';
