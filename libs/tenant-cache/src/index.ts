export * from './tenant-lru';
