export * from './alert-topic';
export * from './threshold-alarm';
