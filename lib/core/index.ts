export * from './aws-context';
