export * from './stack';
export * from './service-catalogue';
export * from './service-process';
export * from './wait-until-ready';
export * from './service-environment';
export { loadOrCreateAdminToken, loadOrCreateSecretsKeys } from './admin-token';
export * from './one-service';
