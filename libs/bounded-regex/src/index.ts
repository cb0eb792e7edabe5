export * from './tenant-regex';
export * from './json-schema-regexp';
