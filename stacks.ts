/**
 * `@platform/infra/stacks`: the stack classes of `stacks/` and the environment config they are built
 * from (schema, loader, errors), for a team that deploys the same layers from its own environment
 * files. The app's own entry point (`main.ts`) and its synth speed-ups are not part of it.
 */
export * from './stacks/app';
export * from './stacks/bootstrap-stack';
export * from './stacks/contracts/data-contract';
export * from './stacks/contracts/edge-contract';
export * from './stacks/contracts/network-contract';
export * from './stacks/contracts/service-contract';
export * from './stacks/data-stack';
export * from './stacks/edge-stack';
export * from './stacks/environment-stack';
export * from './stacks/network-stack';
export * from './stacks/service-stack';
export * from './config/derived';
export * from './config/issues';
export * from './config/load';
export * from './config/schema';
