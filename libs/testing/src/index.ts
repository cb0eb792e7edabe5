export * from './test-database';
export * from './receiver/demo-receiver';
export * from './receiver/counting-receiver';
export * from './receiver/misbehaving-receiver';
export * from './topic-collector';
export * from './test-secrets';
export * from './callback-target-cases';
export * from './test-kafka';
