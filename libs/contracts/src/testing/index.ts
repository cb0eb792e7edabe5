export * from './subscription-fixtures';
export * from './event-fixtures';
