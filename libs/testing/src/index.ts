export * from './test-database';
export * from './receiver/demo-receiver';
