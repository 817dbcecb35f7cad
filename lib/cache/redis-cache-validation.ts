import { Token } from 'cdktf';
import { resourceName } from '../naming';
import { isLogRetentionDays, CLOUDWATCH_LOG_RETENTION_DAYS } from '../observability/log-retention';
import {
  CACHE_ENGINE_VERSIONS,
  CACHE_ENGINES,
  CacheEngine,
  DEFAULT_ENGINE_VERSION,
  parameterGroupFamily,
} from './cache-engine';
import { cacheWindowsOverlap, parseCacheMaintenanceWindow, parseSnapshotWindow } from './cache-windows';
import {
  AUTH_TOKEN_UPDATE_STRATEGIES,
  DEFAULT_CACHE_ALARMS,
  MAXMEMORY_POLICIES,
  RedisCacheAlarmThresholds,
  RedisCacheProps,
  ResolvedRedisCacheProps,
} from './redis-cache-props';

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
// Current-generation node types are cache.<family>.<size>, e.g. cache.t4g.micro, cache.r7g.xlarge.
const NODE_TYPE = /^cache\.[a-z0-9]+\.[a-z0-9]+$/;
// Data-tiering nodes need data_tiering_enabled, and keep cold data on SSD: not what a cache here is for.
const DATA_TIERING_NODE = /^cache\.r6gd\./;
const SECURITY_GROUP_ID = /^sg-[0-9a-f]{8,17}$/;
const PARAMETER_NAME = /^[a-z][a-z0-9-]*$/;
// Manual snapshots are named by people; automatic ones look like automatic.<node id>-2026-01-31-03-00.
const SNAPSHOT_NAME = /^[a-zA-Z0-9][a-zA-Z0-9.-]{0,254}$/;
/** Parameters this construct owns: set through their own props, or fixed by its design (no cluster mode). */
const OWNED_PARAMETERS: Readonly<Record<string, string>> = {
  'maxmemory-policy': 'set it with maxmemoryPolicy',
  'cluster-enabled': 'RedisCache is a single-shard (cluster mode disabled) group',
};
/** One primary and up to five replicas: ElastiCache's default limit for a cluster-mode-disabled group. */
const MAX_NODES = 6;

/**
 * Checks {@link RedisCacheProps} and applies the defaults. What ElastiCache would reject at apply time
 * (versions, node counts, windows, retention) is rejected here, at synth time, with every problem
 * listed in one error.
 *
 * @throws Error naming the cache, then each bad field, its rule and the value seen.
 */
export function resolveRedisCacheProps(props: RedisCacheProps): ResolvedRedisCacheProps {
  const problems: string[] = [];
  const name = props.name ?? 'cache';
  checkName('namePrefix', props.namePrefix, problems);
  checkName('name', name, problems);

  const engine: CacheEngine = props.engine ?? 'valkey';
  let engineVersion = props.engineVersion ?? '';
  if (!CACHE_ENGINES.includes(engine)) {
    problems.push(`engine: '${engine}' is not one of ${CACHE_ENGINES.join(', ')}`);
  } else {
    engineVersion = props.engineVersion ?? DEFAULT_ENGINE_VERSION[engine];
    if (!CACHE_ENGINE_VERSIONS[engine].includes(engineVersion)) {
      problems.push(
        `engineVersion: '${engineVersion}' is not a supported ${engine} version; use one of ${CACHE_ENGINE_VERSIONS[engine].join(', ')}`,
      );
    }
  }

  const nodeType = props.nodeType ?? 'cache.t4g.micro';
  if (!NODE_TYPE.test(nodeType)) {
    problems.push(`nodeType: '${nodeType}' is not an ElastiCache node type like cache.t4g.micro`);
  } else if (DATA_TIERING_NODE.test(nodeType)) {
    problems.push(`nodeType: '${nodeType}' is a data-tiering node, which RedisCache does not support`);
  }

  const multiAz = props.multiAz ?? true;
  const nodeCount = props.nodeCount ?? (multiAz ? 2 : 1);
  if (!Number.isInteger(nodeCount) || nodeCount < 1 || nodeCount > MAX_NODES) {
    problems.push(
      `nodeCount: must be an integer 1-${MAX_NODES} (a primary and up to 5 replicas), got ${nodeCount}`,
    );
  } else if (multiAz && nodeCount < 2) {
    problems.push(
      `multiAz: needs a replica to fail over to, so nodeCount must be at least 2, got ${nodeCount} (or set multiAz: false)`,
    );
  }
  checkSubnets(props.subnetIds, multiAz, problems);
  const allowedSecurityGroupIds = props.allowedSecurityGroupIds ?? [];
  checkSecurityGroups(allowedSecurityGroupIds, problems);
  checkReference('vpcId', props.vpcId, problems);
  checkReference('alarmTopicArn', props.alarmTopicArn, problems);

  const port = props.port ?? 6379;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    problems.push(`port: must be an integer 1-65535, got ${port}`);
  }

  const maxmemoryPolicy = props.maxmemoryPolicy ?? 'volatile-lru';
  if (!MAXMEMORY_POLICIES.includes(maxmemoryPolicy)) {
    problems.push(`maxmemoryPolicy: '${maxmemoryPolicy}' is not one of ${MAXMEMORY_POLICIES.join(', ')}`);
  }
  const parameters = { ...(props.parameters ?? {}) };
  checkParameters(parameters, problems);

  const snapshotRetentionDays = props.snapshotRetentionDays ?? 7;
  if (!Number.isInteger(snapshotRetentionDays) || snapshotRetentionDays < 0 || snapshotRetentionDays > 35) {
    problems.push(
      `snapshotRetentionDays: must be an integer 0-35 (0 turns snapshots off), got ${snapshotRetentionDays}`,
    );
  }
  const snapshotWindow = props.snapshotWindow ?? '03:00-04:00';
  const maintenanceWindow = props.maintenanceWindow ?? 'sun:05:00-sun:06:00';
  checkWindows(snapshotWindow, maintenanceWindow, problems);

  const restoreFromSnapshot = props.restoreFromSnapshot;
  if (restoreFromSnapshot !== undefined && !SNAPSHOT_NAME.test(restoreFromSnapshot)) {
    problems.push(
      `restoreFromSnapshot: '${restoreFromSnapshot}' is not a snapshot name (letters, digits, '.', '-'; see aws elasticache describe-snapshots)`,
    );
  }

  const logRetentionDays = props.logRetentionDays ?? 30;
  if (!isLogRetentionDays(logRetentionDays)) {
    problems.push(
      `logRetentionDays: ${logRetentionDays} is not a CloudWatch Logs retention; use one of ${CLOUDWATCH_LOG_RETENTION_DAYS.join(', ')}`,
    );
  }

  const authTokenGeneration = props.authTokenGeneration ?? 1;
  if (!Number.isInteger(authTokenGeneration) || authTokenGeneration < 1) {
    problems.push(`authTokenGeneration: must be a positive integer, got ${authTokenGeneration}`);
  }
  const authTokenUpdateStrategy = props.authTokenUpdateStrategy ?? 'ROTATE';
  if (!AUTH_TOKEN_UPDATE_STRATEGIES.includes(authTokenUpdateStrategy)) {
    problems.push(
      `authTokenUpdateStrategy: '${authTokenUpdateStrategy}' is not one of ${AUTH_TOKEN_UPDATE_STRATEGIES.join(', ')}`,
    );
  }
  const secretRecoveryWindowDays = props.secretRecoveryWindowDays ?? 7;
  if (
    !Number.isInteger(secretRecoveryWindowDays) ||
    (secretRecoveryWindowDays !== 0 && (secretRecoveryWindowDays < 7 || secretRecoveryWindowDays > 30))
  ) {
    problems.push(`secretRecoveryWindowDays: must be 0 or 7-30, got ${secretRecoveryWindowDays}`);
  }

  const alarms = { ...DEFAULT_CACHE_ALARMS, ...definedOnly(props.alarms ?? {}) };
  checkAlarms(alarms, problems);

  const label = `${props.namePrefix}-${name}`;
  if (problems.length > 0) {
    throw new Error(`RedisCache '${label}': invalid props:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return {
    namePrefix: props.namePrefix,
    name,
    replicationGroupId: resourceName('elasticacheReplicationGroup', props.namePrefix, name),
    vpcId: props.vpcId,
    subnetIds: props.subnetIds,
    allowedSecurityGroupIds: [...allowedSecurityGroupIds],
    alarmTopicArn: props.alarmTopicArn,
    engine,
    engineVersion,
    parameterGroupFamily: parameterGroupFamily(engine, engineVersion),
    nodeType,
    multiAz,
    nodeCount,
    port,
    maxmemoryPolicy,
    parameters,
    snapshotRetentionDays,
    snapshotWindow,
    maintenanceWindow,
    finalSnapshot: props.finalSnapshot ?? true,
    restoreFromSnapshot,
    autoMinorVersionUpgrade: props.autoMinorVersionUpgrade ?? true,
    applyImmediately: props.applyImmediately ?? false,
    logRetentionDays,
    authTokenGeneration,
    authTokenUpdateStrategy,
    secretRecoveryWindowDays,
    preventDestroy: props.preventDestroy ?? false,
    alarms,
  };
}

function checkName(field: string, value: string, problems: string[]): void {
  if (typeof value !== 'string' || !NAME.test(value)) {
    problems.push(
      `${field}: '${value}' must be lowercase letters, digits and inner hyphens, starting with a letter`,
    );
  }
}

function checkReference(field: string, value: string, problems: string[]): void {
  if (typeof value !== 'string' || value.length === 0) problems.push(`${field}: is required, got '${value}'`);
}

function checkSubnets(subnetIds: string[], multiAz: boolean, problems: string[]): void {
  if (!Array.isArray(subnetIds)) {
    problems.push(`subnetIds: must be a list of subnet ids, got ${JSON.stringify(subnetIds)}`);
    return;
  }
  // A list read from remote state is one token: its length is only known at plan time.
  if (Token.isUnresolved(subnetIds)) return;
  if (subnetIds.length === 0) problems.push('subnetIds: list at least one subnet (the isolated tier)');
  else if (multiAz && subnetIds.length < 2) {
    problems.push(`subnetIds: multiAz needs subnets in at least 2 AZs, got ${subnetIds.length} subnet`);
  }
  subnetIds.forEach((id, i) => {
    if (!Token.isUnresolved(id) && subnetIds.indexOf(id) !== i) {
      problems.push(`subnetIds[${i}]: '${id}' is listed twice`);
    }
  });
}

function checkSecurityGroups(ids: string[], problems: string[]): void {
  if (!Array.isArray(ids) || Token.isUnresolved(ids)) {
    problems.push(
      'allowedSecurityGroupIds: must be a literal list (its elements may be references), so each group gets its own ingress rule',
    );
    return;
  }
  ids.forEach((id, i) => {
    if (Token.isUnresolved(id)) return;
    if (!SECURITY_GROUP_ID.test(id)) {
      problems.push(
        `allowedSecurityGroupIds[${i}]: '${id}' is not a security group id like sg-0123456789abcdef0`,
      );
    } else if (ids.indexOf(id) !== i) {
      problems.push(`allowedSecurityGroupIds[${i}]: '${id}' is listed twice`);
    }
  });
}

function checkParameters(parameters: Record<string, string>, problems: string[]): void {
  for (const [key, value] of Object.entries(parameters)) {
    if (key in OWNED_PARAMETERS) {
      problems.push(`parameters.${key}: not allowed here; ${OWNED_PARAMETERS[key]}`);
    } else if (!PARAMETER_NAME.test(key)) {
      problems.push(`parameters: '${key}' is not an engine parameter name like slowlog-log-slower-than`);
    } else if (typeof value !== 'string' || value.length === 0) {
      problems.push(`parameters.${key}: the value must be a non-empty string, got ${JSON.stringify(value)}`);
    }
  }
}

function checkWindows(snapshotWindow: string, maintenanceWindow: string, problems: string[]): void {
  const snapshot = parseSnapshotWindow(snapshotWindow);
  const maintenance = parseCacheMaintenanceWindow(maintenanceWindow);
  if ('problem' in snapshot) problems.push(`snapshotWindow: ${snapshot.problem}`);
  if ('problem' in maintenance) problems.push(`maintenanceWindow: ${maintenance.problem}`);
  if (
    'window' in snapshot &&
    'window' in maintenance &&
    cacheWindowsOverlap(snapshot.window, maintenance.window)
  ) {
    // A snapshot running into a maintenance reboot or failover is delayed or fails.
    problems.push(
      `snapshotWindow: '${snapshotWindow}' overlaps maintenanceWindow '${maintenanceWindow}'; move one of them`,
    );
  }
}

function checkAlarms(alarms: Required<RedisCacheAlarmThresholds>, problems: string[]): void {
  for (const key of ['cpuPercent', 'engineCpuPercent', 'memoryPercent'] as const) {
    const value = alarms[key];
    if (typeof value !== 'number' || !(value > 0 && value <= 100)) {
      problems.push(`alarms.${key}: must be a percentage above 0 and at most 100, got ${value}`);
    }
  }
  if (!Number.isInteger(alarms.evictions) || alarms.evictions < 0) {
    problems.push(`alarms.evictions: must be an integer of at least 0, got ${alarms.evictions}`);
  }
  if (!Number.isInteger(alarms.connections) || alarms.connections < 1) {
    problems.push(`alarms.connections: must be a positive integer, got ${alarms.connections}`);
  }
}

/** The entries whose value is not `undefined`: `{ cpuPercent: undefined }` means "the default". */
function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}
