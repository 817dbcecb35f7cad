export * from './encryption-key';
export * from './policy-document';
export * from './audit-log-retention';
