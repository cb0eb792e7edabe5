export * from './subscription-fixtures';
export * from './event-fixtures';
export * from './seeded-random';
