export * from './metrics-registry';
export * from './readiness';
export * from './health.controller';
export * from './observability.module';
export * from './json-logger';
export * from './service-bootstrap';
export * from './version';
export * from './consumer-service.module';
