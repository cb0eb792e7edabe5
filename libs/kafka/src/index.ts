export * from './kafka-client';
export * from './topic-bootstrap';
export * from './json-codec';
export * from './typed-producer';
export * from './consumer-lag';
export * from './consumer-runner';
export * from './changelog-reader';
export * from './connection-errors';
