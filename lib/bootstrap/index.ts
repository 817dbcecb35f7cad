export * from './github-apply-role';
export * from './github-oidc-provider';
export * from './github-plan-role';
export * from './github-trust';
// The policy helpers moved to lib/security (buckets use them too); still exported here so
// imports from the bootstrap package keep working.
export * from '../security/policy-document';
export * from './state-bucket';
