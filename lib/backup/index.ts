export * from './backup-alerts';
export * from './backup-plan';
export * from './backup-plan-props';
export * from './backup-service-role';
export * from './backup-validation';
export * from './encrypted-backup-vault';
