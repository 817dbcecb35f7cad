export * from './aws-context';
export * from './terraform-text';
