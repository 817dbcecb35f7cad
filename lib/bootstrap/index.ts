export * from './github-apply-role';
export * from './github-oidc-provider';
export * from './github-plan-role';
export * from './github-trust';
export * from './policy-document';
export * from './state-bucket';
