export * from './secure-bucket';
export * from './log-delivery';
