/**
 * The package root, `@platform/infra`: every construct folder of lib/ in one import. Prefer the
 * subpath of the folder you use (`@platform/infra/network`): it loads only that folder's provider
 * classes, and each provider module loaded costs start-up time.
 */
export * from './lib/backup';
export * from './lib/bootstrap';
export * from './lib/cache';
export * from './lib/core';
export * from './lib/cost';
export * from './lib/database';
export * from './lib/dns';
export * from './lib/edge';
export * from './lib/naming';
export * from './lib/network';
export * from './lib/observability';
export * from './lib/secrets';
export * from './lib/security';
export * from './lib/service';
export * from './lib/state';
export * from './lib/storage';
