// Test doubles of the Kafka wiring's own interfaces, for the specs of every project.
export * from './recording-partition';
