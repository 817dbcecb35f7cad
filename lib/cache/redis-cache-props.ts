import { CacheEngine } from './cache-engine';

/**
 * What the engine removes when memory is full (`maxmemory-policy`). The `volatile-*` policies only
 * evict keys that have a TTL; `noeviction` refuses writes instead.
 */
export type MaxmemoryPolicy =
  | 'volatile-lru'
  | 'allkeys-lru'
  | 'volatile-lfu'
  | 'allkeys-lfu'
  | 'volatile-random'
  | 'allkeys-random'
  | 'volatile-ttl'
  | 'noeviction';

/** The eviction policies, for validation and documentation. */
export const MAXMEMORY_POLICIES: readonly MaxmemoryPolicy[] = [
  'volatile-lru',
  'allkeys-lru',
  'volatile-lfu',
  'allkeys-lfu',
  'volatile-random',
  'allkeys-random',
  'volatile-ttl',
  'noeviction',
];

/**
 * How ElastiCache applies a new AUTH token: `ROTATE` adds it and keeps accepting the old one (so
 * running clients keep working), `SET` makes it the only token (and drops the old one).
 */
export type AuthTokenUpdateStrategy = 'ROTATE' | 'SET';

/** The token update strategies this construct uses (`DELETE` would leave the cache without AUTH). */
export const AUTH_TOKEN_UPDATE_STRATEGIES: readonly AuthTokenUpdateStrategy[] = ['ROTATE', 'SET'];

/** Thresholds of the alarms every node gets. Each alarm notifies `alarmTopicArn` on ALARM and on OK. */
export interface RedisCacheAlarmThresholds {
  /** Host CPU (`CPUUtilization`), percent, averaged over 3 periods of 5 minutes. @default 90 */
  readonly cpuPercent?: number;
  /** CPU of the engine's main thread (`EngineCPUUtilization`), percent, averaged over 3 periods of 5 minutes. @default 80 */
  readonly engineCpuPercent?: number;
  /** Memory used by data, of `maxmemory` (`DatabaseMemoryUsagePercentage`), percent, averaged over 3 periods of 5 minutes. @default 80 */
  readonly memoryPercent?: number;
  /** Keys evicted in 5 minutes (`Evictions`, sum) above which the alarm fires at once; 0 = any eviction. @default 0 */
  readonly evictions?: number;
  /** Client connections (`CurrConnections`, maximum) held for 3 periods of 5 minutes; set about twice the normal peak. @default 1000 */
  readonly connections?: number;
}

/** Props of {@link RedisCache}. */
export interface RedisCacheProps {
  /** Prefix of every name, e.g. `platform-prod`: lowercase letters, digits and inner hyphens. */
  readonly namePrefix: string;
  /** What this cache is, appended to the prefix in every name, e.g. `cache` or `sessions`. @default 'cache' */
  readonly name?: string;
  /** The VPC the cache's security groups belong to. */
  readonly vpcId: string;
  /** Subnets of the cache's subnet group: the isolated tier, in at least two AZs when `multiAz`. */
  readonly subnetIds: string[];
  /**
   * Security groups whose members may connect, in addition to {@link RedisCache.clientSecurityGroup}.
   * A literal list (each element may be a reference), so each group gets its own ingress rule.
   * @default none (only members of the client security group)
   */
  readonly allowedSecurityGroupIds?: string[];
  /** SNS topic the alarms notify (the environment's alert topic). */
  readonly alarmTopicArn: string;
  /** `valkey` or `redis` (Redis OSS). Valkey → Redis is a replacement (data loss), Redis → Valkey an in-place upgrade. @default 'valkey' */
  readonly engine?: CacheEngine;
  /** `major.minor` engine version, one of `CACHE_ENGINE_VERSIONS[engine]`. @default '8.2' for valkey, '7.1' for redis */
  readonly engineVersion?: string;
  /** Node type of every node, e.g. `cache.r7g.large`. @default 'cache.t4g.micro' */
  readonly nodeType?: string;
  /** Place the replica in another AZ and fail over to it automatically; needs `nodeCount` ≥ 2. @default true */
  readonly multiAz?: boolean;
  /** Nodes in the group: one primary plus replicas, 1-6. Two or more turn on automatic failover. @default 2 when multiAz, else 1 */
  readonly nodeCount?: number;
  /** TCP port the nodes listen on. Changing it replaces the cache. @default 6379 */
  readonly port?: number;
  /** What the engine evicts when memory is full. @default 'volatile-lru' (only keys with a TTL, so queues without TTL are kept) */
  readonly maxmemoryPolicy?: MaxmemoryPolicy;
  /** Extra engine parameters, e.g. `{ 'slowlog-log-slower-than': '5000' }`; not `maxmemory-policy` (use `maxmemoryPolicy`) nor `cluster-enabled`. @default none */
  readonly parameters?: Record<string, string>;
  /** Days automatic daily snapshots are kept, 0-35; 0 turns them off. @default 7 */
  readonly snapshotRetentionDays?: number;
  /** Daily UTC window in which the snapshot starts, `hh24:mi-hh24:mi`, at least 60 minutes, not meeting the maintenance window. @default '03:00-04:00' */
  readonly snapshotWindow?: string;
  /** Weekly UTC maintenance window, `ddd:hh24:mi-ddd:hh24:mi`, 60 minutes to 24 hours. @default 'sun:05:00-sun:06:00' */
  readonly maintenanceWindow?: string;
  /** Take a final snapshot, `<replication group id>-final`, when the cache is deleted. @default true */
  readonly finalSnapshot?: boolean;
  /**
   * Name of a snapshot to seed the cache from. Setting or changing it REPLACES the cache (a new one is
   * created from the snapshot); keep it set afterwards, since removing it replaces the cache again.
   * @default none (an empty cache)
   */
  readonly restoreFromSnapshot?: string;
  /** Apply minor engine versions automatically in the maintenance window. @default true */
  readonly autoMinorVersionUpgrade?: boolean;
  /** Apply changes (node type, version, parameter group) now instead of in the next maintenance window. @default false */
  readonly applyImmediately?: boolean;
  /** Days the slow log and engine log are kept (a CloudWatch Logs retention value). @default 30 */
  readonly logRetentionDays?: number;
  /** Generation of the AUTH token: raise it by one to generate a new token (see help/cache.md, Rotating the token). @default 1 */
  readonly authTokenGeneration?: number;
  /** How a new AUTH token is applied: `ROTATE` keeps the old one valid, `SET` drops it. @default 'ROTATE' */
  readonly authTokenUpdateStrategy?: AuthTokenUpdateStrategy;
  /** Days a deleted connection secret can be restored: 0 (delete at once) or 7-30. @default 7 */
  readonly secretRecoveryWindowDays?: number;
  /** Refuse `terraform destroy` of the replication group, its KMS key and its connection secret (set it in production). @default false */
  readonly preventDestroy?: boolean;
  /** Alarm thresholds. @default see {@link RedisCacheAlarmThresholds} */
  readonly alarms?: RedisCacheAlarmThresholds;
}

/** {@link RedisCacheProps} validated, with every default applied and the names derived. */
export interface ResolvedRedisCacheProps {
  readonly namePrefix: string;
  readonly name: string;
  /** `<namePrefix>-<name>`, shortened with a hash to ElastiCache's 40 characters when longer. */
  readonly replicationGroupId: string;
  readonly vpcId: string;
  readonly subnetIds: string[];
  readonly allowedSecurityGroupIds: readonly string[];
  readonly alarmTopicArn: string;
  readonly engine: CacheEngine;
  readonly engineVersion: string;
  readonly parameterGroupFamily: string;
  readonly nodeType: string;
  readonly multiAz: boolean;
  readonly nodeCount: number;
  readonly port: number;
  readonly maxmemoryPolicy: MaxmemoryPolicy;
  readonly parameters: Readonly<Record<string, string>>;
  readonly snapshotRetentionDays: number;
  readonly snapshotWindow: string;
  readonly maintenanceWindow: string;
  readonly finalSnapshot: boolean;
  readonly restoreFromSnapshot: string | undefined;
  readonly autoMinorVersionUpgrade: boolean;
  readonly applyImmediately: boolean;
  readonly logRetentionDays: number;
  readonly authTokenGeneration: number;
  readonly authTokenUpdateStrategy: AuthTokenUpdateStrategy;
  readonly secretRecoveryWindowDays: number;
  readonly preventDestroy: boolean;
  readonly alarms: Required<RedisCacheAlarmThresholds>;
}

/** Alarm thresholds used when none are given. */
export const DEFAULT_CACHE_ALARMS: Required<RedisCacheAlarmThresholds> = {
  cpuPercent: 90,
  engineCpuPercent: 80,
  memoryPercent: 80,
  evictions: 0,
  connections: 1000,
};
