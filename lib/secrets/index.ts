export * from './application-secrets';
export * from './application-secrets-props';
export * from './application-secrets-validation';
export * from './random-provider';
export * from './secrets-read-statements';
