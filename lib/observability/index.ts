export * from './alert-topic';
export * from './threshold-alarm';
export * from './log-retention';
