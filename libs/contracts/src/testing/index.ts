export * from './subscription-fixture';
