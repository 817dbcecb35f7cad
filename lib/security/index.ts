export * from './encryption-key';
