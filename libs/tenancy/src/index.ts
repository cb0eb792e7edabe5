export * from './token-bucket';
export * from './tenant-rate-limiter';
export * from './tenant-limits';
