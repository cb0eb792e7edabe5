export * from './subscription-fixture';
export * from './event-fixture';
