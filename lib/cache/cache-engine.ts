/**
 * The engines and versions {@link RedisCache} accepts. Valkey is the Linux Foundation fork of Redis
 * OSS 7.2 that AWS recommends for new caches: the same protocol and commands, about 20 % cheaper per
 * node. Redis OSS 7 stays available for clients that need it, and upgrades in place to Valkey.
 */
export type CacheEngine = 'valkey' | 'redis';

/** The engines, for validation and documentation. */
export const CACHE_ENGINES: readonly CacheEngine[] = ['valkey', 'redis'];

/**
 * The `major.minor` versions of each engine that ElastiCache runs on node-based clusters and that
 * support everything this construct turns on (in-transit encryption mode `required`, slow and engine
 * log delivery). Add a row when AWS publishes a version; the parameter group family follows the major.
 */
export const CACHE_ENGINE_VERSIONS: Readonly<Record<CacheEngine, readonly string[]>> = {
  valkey: ['7.2', '8.0', '8.1', '8.2', '9.0'],
  redis: ['7.0', '7.1'],
};

/**
 * The version used when none is given: the newest 8.x for Valkey (9.0 is new: opt in after testing),
 * and the last Redis OSS release ElastiCache offers.
 */
export const DEFAULT_ENGINE_VERSION: Readonly<Record<CacheEngine, string>> = {
  valkey: '8.2',
  redis: '7.1',
};

/** Human name of an engine, for descriptions. */
export const ENGINE_LABEL: Readonly<Record<CacheEngine, string>> = {
  valkey: 'Valkey',
  redis: 'Redis OSS',
};

/**
 * The parameter group family of an engine version: the engine name and its major version, e.g.
 * `valkey8` for Valkey 8.2 and `redis7` for Redis OSS 7.1 (AWS's own `default.valkey8` and so on).
 */
export function parameterGroupFamily(engine: CacheEngine, version: string): string {
  return `${engine}${version.split('.')[0]}`;
}
