// Helpers the benchmarks of several projects share (never production code).
export * from './broker-process';
export * from './cpu-profile';
export * from './latency-histogram';
export * from './raw-ceiling';
export * from './changelog-rebuild';
export * from './compacted-topic';
