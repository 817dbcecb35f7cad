import { Token } from 'cdktf';
import { nameViolation, NAME_RULES } from '../naming';
import { isLogRetentionDays, CLOUDWATCH_LOG_RETENTION_DAYS } from '../observability/log-retention';
import { estimatedMaxConnections, instanceMemoryGib } from './instance-classes';
import {
  parseDailyWindow,
  parseWeeklyWindow,
  rangeMinutes,
  WeekRange,
  windowsOverlap,
} from './maintenance-windows';
import {
  DatabaseAlarmThresholds,
  DatabaseInsightsMode,
  DatabaseParameter,
  DatabaseRestore,
  DEFAULT_POSTGRES_MAJOR_VERSION,
  MONITORING_INTERVALS,
  MonitoringInterval,
  POSTGRES_MAJOR_VERSIONS,
  PostgresDatabaseProps,
  PostgresMajorVersion,
  ResolvedBackupReplicationOptions,
  ResolvedPostgresDatabaseProps,
  ResolvedProxyOptions,
  ResolvedReadReplicaOptions,
} from './postgres-database-props';

/** Suffix of the read replica's identifier. */
export const REPLICA_SUFFIX = 'replica';
/** Suffix of the proxy's name. */
export const PROXY_SUFFIX = 'proxy';

const NAME_PART = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const INSTANCE_CLASS = /^db\.[a-z0-9]+\.[a-z0-9]+$/;
const POSTGRES_NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,62}$/;
const SECURITY_GROUP_ID = /^sg-[0-9a-f]{8}(?:[0-9a-f]{9})?$/;
const SUBNET_ID = /^subnet-[0-9a-f]{8}(?:[0-9a-f]{9})?$/;
const VPC_ID = /^vpc-[0-9a-f]{8}(?:[0-9a-f]{9})?$/;
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d$/;
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):\d{12}:key\/[a-zA-Z0-9-]+$/;
const SNAPSHOT =
  /^(?:[a-zA-Z][a-zA-Z0-9:-]{0,254}|arn:aws[a-z-]*:rds:[a-z0-9-]+:\d{12}:snapshot:[a-zA-Z0-9:-]+)$/;
const DBI_RESOURCE_ID = /^db-[A-Z0-9]+$/;
const AUTOMATED_BACKUPS_ARN = /^arn:aws[a-z-]*:rds:[a-z0-9-]+:\d{12}:auto-backup:ab-[a-zA-Z0-9]+$/;
const UTC_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;
const PARAMETER_NAME = /^[a-z_][a-z0-9_.]*$/;
const MAX_STORAGE_GIB = 65536;
const MIN_STORAGE_GIB = 20;
const MIB = 1024;

/** Role names PostgreSQL or RDS reserve, and SQL keywords that cannot name a role: RDS refuses them as the master user. */
const RESERVED_USERNAMES = [
  'postgres',
  'rdsadmin',
  'rdsrepladmin',
  'rdstopmgr',
  'public',
  'none',
  'user',
  'all',
  'current_user',
  'session_user',
];
/** Databases every instance already has. */
const RESERVED_DATABASES = ['postgres', 'template0', 'template1', 'rdsadmin'];

/**
 * Checks {@link PostgresDatabaseProps} and applies the defaults. What RDS would refuse at apply time
 * (retention, windows, storage, name lengths, restore sources) is refused here, every problem in one error.
 *
 * @throws Error naming each bad field, the value seen and the rule.
 */
export function resolvePostgresDatabaseProps(props: PostgresDatabaseProps): ResolvedPostgresDatabaseProps {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string): void => {
    if (!ok) problems.push(problem);
  };

  const namePrefix = props.namePrefix;
  const name = props.name ?? 'db';
  check(
    typeof namePrefix === 'string' && NAME_PART.test(namePrefix),
    `namePrefix: '${namePrefix}' must be lowercase letters, digits and inner hyphens, starting with a letter (e.g. platform-prod)`,
  );
  check(
    NAME_PART.test(name),
    `name: '${name}' must be lowercase letters, digits and inner hyphens, starting with a letter (e.g. db or db-r1)`,
  );
  const identifier = `${namePrefix}-${name}`;

  checkLiteral(props.vpcId, VPC_ID, 'vpcId', 'a VPC id like vpc-0123456789abcdef0', problems);
  checkSubnets(props.subnetIds, problems);
  const allowed = props.allowedSecurityGroupIds ?? [];
  const direct = props.directAccessSecurityGroupIds ?? [];
  checkSecurityGroups(allowed, 'allowedSecurityGroupIds', problems);
  checkSecurityGroups(direct, 'directAccessSecurityGroupIds', problems);
  check(
    typeof props.alarmTopicArn === 'string' && props.alarmTopicArn.length > 0,
    'alarmTopicArn: give the ARN of the alert topic the alarms notify',
  );

  const engineVersion = resolveEngineVersion(props.engineVersion, problems);
  const instanceClass = props.instanceClass ?? 'db.t4g.micro';
  check(
    INSTANCE_CLASS.test(instanceClass),
    `instanceClass: '${instanceClass}' is not an RDS instance class like db.t4g.micro or db.m7g.large`,
  );

  const allocated = props.allocatedStorageGib ?? MIN_STORAGE_GIB;
  const storageOk = isIntIn(allocated, MIN_STORAGE_GIB, MAX_STORAGE_GIB);
  check(storageOk, `allocatedStorageGib: ${allocated} must be a whole number of GiB, 20-65536 (gp3)`);
  const ceiling = props.maxAllocatedStorageGib ?? Math.min(allocated * 5, MAX_STORAGE_GIB);
  if (!isIntIn(ceiling, MIN_STORAGE_GIB + 1, MAX_STORAGE_GIB)) {
    problems.push(`maxAllocatedStorageGib: ${ceiling} must be a whole number of GiB, 21-65536`);
  } else if (storageOk && ceiling <= allocated) {
    problems.push(
      `maxAllocatedStorageGib: ${ceiling} must exceed allocatedStorageGib (${allocated}), or storage autoscaling is off`,
    );
  }

  const retention = props.backupRetentionDays ?? 7;
  check(
    isIntIn(retention, 1, 35),
    `backupRetentionDays: ${retention} is outside 1-35 (RDS keeps automated backups 1-35 days; 0 would turn off backups and point-in-time recovery)`,
  );
  const backupWindow = props.backupWindow ?? '03:00-04:00';
  const maintenanceWindow = (props.maintenanceWindow ?? 'sun:04:30-sun:05:30').toLowerCase();
  checkWindows(backupWindow, maintenanceWindow, problems);

  const databaseInsights: DatabaseInsightsMode = props.databaseInsights ?? 'standard';
  check(
    databaseInsights === 'standard' || databaseInsights === 'advanced',
    `databaseInsights: '${databaseInsights}' is not 'standard' (7 days, free) or 'advanced' (465 days)`,
  );
  const monitoring = props.monitoringIntervalSeconds ?? 60;
  check(
    (MONITORING_INTERVALS as readonly number[]).includes(monitoring),
    `monitoringIntervalSeconds: ${monitoring} is not one of ${MONITORING_INTERVALS.join(', ')}`,
  );

  const databaseName = props.databaseName ?? 'app';
  checkPostgresName('databaseName', databaseName, RESERVED_DATABASES, problems);
  const masterUsername = props.masterUsername ?? 'app_admin';
  const beforeUsername = problems.length;
  checkPostgresName('masterUsername', masterUsername, RESERVED_USERNAMES, problems);
  check(
    problems.length > beforeUsername || !/^(pg_|rds)/i.test(masterUsername),
    `masterUsername: '${masterUsername}' starts with pg_ or rds, which PostgreSQL and RDS reserve for their own roles`,
  );

  const slowQuery = props.slowQueryThresholdMs ?? 500;
  check(
    Number.isInteger(slowQuery) && slowQuery >= -1,
    `slowQueryThresholdMs: ${slowQuery} must be a whole number of milliseconds, or -1 to log no statement durations`,
  );
  const parameters = props.parameters ?? {};
  checkParameters(parameters, problems);
  const logRetention = props.logRetentionDays ?? 30;
  check(
    isLogRetentionDays(logRetention),
    `logRetentionDays: ${logRetention} is not a CloudWatch Logs retention; use one of ${CLOUDWATCH_LOG_RETENTION_DAYS.join(', ')}`,
  );

  const proxy = resolveProxy(props.proxy, problems);
  const readReplica = resolveReadReplica(props.readReplica, identifier, instanceClass, problems);
  const backupReplication = resolveBackupReplication(props.backupReplication, retention, problems);
  checkRestore(props.restore, identifier, problems);
  const alarms = resolveAlarms(props.alarms, instanceClass, allocated, problems);

  checkIdentifierLength('name', identifier, problems);
  if (proxy) checkIdentifierLength('proxy', `${identifier}-${PROXY_SUFFIX}`, problems);
  if (readReplica) checkIdentifierLength('readReplica', readReplica.identifier, problems);

  if (problems.length > 0) {
    throw new Error(
      `PostgresDatabase '${identifier}': invalid props:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
  return {
    namePrefix,
    name,
    identifier,
    vpcId: props.vpcId,
    subnetIds: [...props.subnetIds],
    allowedSecurityGroupIds: [...allowed],
    directAccessSecurityGroupIds: [...direct],
    alarmTopicArn: props.alarmTopicArn,
    engineVersion: engineVersion as PostgresMajorVersion,
    allowMajorVersionUpgrade: props.allowMajorVersionUpgrade ?? false,
    instanceClass,
    allocatedStorageGib: allocated,
    maxAllocatedStorageGib: ceiling,
    multiAz: props.multiAz ?? false,
    backupRetentionDays: retention,
    backupWindow,
    maintenanceWindow,
    applyImmediately: props.applyImmediately ?? false,
    databaseInsights,
    monitoringIntervalSeconds: monitoring as MonitoringInterval,
    deletionProtection: props.deletionProtection ?? true,
    finalSnapshot: props.finalSnapshot ?? true,
    preventDestroy: props.preventDestroy ?? false,
    databaseName,
    masterUsername,
    slowQueryThresholdMs: slowQuery,
    parameters: { ...parameters },
    logRetentionDays: logRetention,
    proxy,
    readReplica,
    backupReplication,
    restore: props.restore,
    alarms,
  };
}

function isIntIn(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

/** Checks a value that may be a Terraform token (e.g. read from remote state): only literals are checked. */
function checkLiteral(
  value: string,
  pattern: RegExp,
  field: string,
  expected: string,
  problems: string[],
): void {
  if (typeof value !== 'string' || (!Token.isUnresolved(value) && !pattern.test(value))) {
    problems.push(`${field}: '${value}' is not ${expected}`);
  }
}

function checkSubnets(subnetIds: readonly string[], problems: string[]): void {
  // A list read from remote state is one token: AWS checks it at apply time.
  if (Array.isArray(subnetIds) && Token.isUnresolved(subnetIds)) return;
  if (!Array.isArray(subnetIds) || subnetIds.length === 0) {
    problems.push('subnetIds: list the isolated subnets, in at least two availability zones');
    return;
  }
  subnetIds.forEach((id, i) =>
    checkLiteral(id, SUBNET_ID, `subnetIds[${i}]`, 'a subnet id like subnet-0123456789abcdef0', problems),
  );
  // A token may stand for a whole list (remote state), so only an all-literal list can be counted.
  if (!subnetIds.some((id) => Token.isUnresolved(id)) && new Set(subnetIds).size < 2) {
    problems.push(
      `subnetIds: RDS needs subnets in at least two availability zones, got ${new Set(subnetIds).size} distinct subnet`,
    );
  }
}

function checkSecurityGroups(ids: readonly string[], field: string, problems: string[]): void {
  ids.forEach((id, i) => {
    checkLiteral(
      id,
      SECURITY_GROUP_ID,
      `${field}[${i}]`,
      'a security group id like sg-0123456789abcdef0',
      problems,
    );
    if (!Token.isUnresolved(id) && ids.indexOf(id) !== i)
      problems.push(`${field}[${i}]: '${id}' is listed twice`);
  });
}

function resolveEngineVersion(given: string | undefined, problems: string[]): string {
  const version = given ?? DEFAULT_POSTGRES_MAJOR_VERSION;
  if (/^\d+\.\d+/.test(version)) {
    problems.push(
      `engineVersion: '${version}' is a minor version; give the major only (e.g. '${version.split('.')[0]}'): auto minor version upgrade keeps it patched`,
    );
  } else if (!(POSTGRES_MAJOR_VERSIONS as readonly string[]).includes(version)) {
    problems.push(`engineVersion: '${version}' is not one of ${POSTGRES_MAJOR_VERSIONS.join(', ')}`);
  }
  return version;
}

function checkWindows(backup: string, maintenance: string, problems: string[]): void {
  const daily = parseDailyWindow(backup);
  const weekly = parseWeeklyWindow(maintenance);
  if (!daily) {
    problems.push(`backupWindow: '${backup}' is not a daily window hh24:mi-hh24:mi in UTC, e.g. 03:00-04:00`);
  } else if (rangeMinutes(daily[0]) < 30) {
    problems.push(`backupWindow: '${backup}' is ${rangeMinutes(daily[0])} minutes; RDS needs at least 30`);
  }
  if (!weekly) {
    problems.push(
      `maintenanceWindow: '${maintenance}' is not a weekly window ddd:hh24:mi-ddd:hh24:mi in UTC, e.g. sun:04:30-sun:05:30`,
    );
  } else if (rangeMinutes(weekly) < 30) {
    problems.push(
      `maintenanceWindow: '${maintenance}' is ${rangeMinutes(weekly)} minutes; RDS needs at least 30`,
    );
  }
  if (daily && weekly && windowsOverlap(daily as WeekRange[], weekly)) {
    problems.push(
      `maintenanceWindow: '${maintenance}' overlaps backupWindow '${backup}'; RDS refuses overlapping windows`,
    );
  }
}

function checkPostgresName(field: string, value: string, reserved: string[], problems: string[]): void {
  if (typeof value !== 'string' || !POSTGRES_NAME.test(value)) {
    problems.push(
      `${field}: '${value}' must be 1-63 letters, digits and underscores, starting with a letter`,
    );
  } else if (reserved.includes(value.toLowerCase())) {
    problems.push(`${field}: '${value}' is reserved by PostgreSQL or RDS; choose another, e.g. app`);
  }
}

function checkParameters(parameters: Record<string, string | DatabaseParameter>, problems: string[]): void {
  for (const [name, parameter] of Object.entries(parameters)) {
    const value = typeof parameter === 'string' ? parameter : parameter?.value;
    const applyMethod = typeof parameter === 'string' ? undefined : parameter?.applyMethod;
    if (!PARAMETER_NAME.test(name)) {
      problems.push(`parameters.${name}: not a PostgreSQL parameter name (lowercase, digits, _ and .)`);
    } else if (typeof value !== 'string') {
      problems.push(`parameters.${name}: the value must be a string, got ${JSON.stringify(value)}`);
    } else if (name === 'rds.force_ssl' && value !== '1') {
      problems.push(`parameters.rds.force_ssl: '${value}' would allow unencrypted connections; it stays 1`);
    }
    if (applyMethod !== undefined && applyMethod !== 'immediate' && applyMethod !== 'pending-reboot') {
      problems.push(`parameters.${name}.applyMethod: '${applyMethod}' is not immediate or pending-reboot`);
    }
  }
}

function resolveProxy(
  options: PostgresDatabaseProps['proxy'],
  problems: string[],
): ResolvedProxyOptions | undefined {
  if (!options || options.enabled === false) return undefined;
  const resolved: ResolvedProxyOptions = {
    iamAuth: options.iamAuth ?? true,
    idleClientTimeoutSeconds: options.idleClientTimeoutSeconds ?? 1800,
    maxConnectionsPercent: options.maxConnectionsPercent ?? 90,
    maxIdleConnectionsPercent: options.maxIdleConnectionsPercent ?? 50,
    connectionBorrowTimeoutSeconds: options.connectionBorrowTimeoutSeconds ?? 120,
  };
  const ranges: [keyof ResolvedProxyOptions, number, number][] = [
    ['idleClientTimeoutSeconds', 1, 28800],
    ['maxConnectionsPercent', 1, 100],
    ['maxIdleConnectionsPercent', 0, resolved.maxConnectionsPercent],
    ['connectionBorrowTimeoutSeconds', 0, 3600],
  ];
  for (const [field, min, max] of ranges) {
    const value = resolved[field] as number;
    if (!isIntIn(value, min, max))
      problems.push(`proxy.${field}: ${value} must be a whole number, ${min}-${max}`);
  }
  return resolved;
}

function resolveReadReplica(
  options: PostgresDatabaseProps['readReplica'],
  identifier: string,
  primaryClass: string,
  problems: string[],
): ResolvedReadReplicaOptions | undefined {
  if (!options || options.enabled === false) return undefined;
  const instanceClass = options.instanceClass ?? primaryClass;
  if (!INSTANCE_CLASS.test(instanceClass)) {
    problems.push(
      `readReplica.instanceClass: '${instanceClass}' is not an RDS instance class like db.t4g.micro`,
    );
  }
  return { identifier: `${identifier}-${REPLICA_SUFFIX}`, instanceClass, multiAz: options.multiAz ?? false };
}

function resolveBackupReplication(
  options: PostgresDatabaseProps['backupReplication'],
  sourceRetention: number,
  problems: string[],
): ResolvedBackupReplicationOptions | undefined {
  if (!options || options.enabled === false) return undefined;
  const retentionDays = options.retentionDays ?? sourceRetention;
  if (!isIntIn(retentionDays, 1, 35)) {
    problems.push(`backupReplication.retentionDays: ${retentionDays} is outside 1-35`);
  }
  if ((options.provider === undefined) === (options.region === undefined)) {
    problems.push(
      'backupReplication: give exactly one of provider (an AWS provider aliased to the DR region) or region',
    );
  }
  if (options.region !== undefined && !REGION.test(options.region)) {
    problems.push(`backupReplication.region: '${options.region}' is not an AWS region like eu-central-1`);
  }
  const kmsKeyArn = options.kmsKeyArn;
  if (kmsKeyArn !== undefined && !Token.isUnresolved(kmsKeyArn)) {
    const match = KMS_KEY_ARN.exec(kmsKeyArn);
    if (!match) {
      problems.push(
        `backupReplication.kmsKeyArn: '${kmsKeyArn}' is not a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)`,
      );
    } else if (options.region !== undefined && match[1] !== options.region) {
      problems.push(
        `backupReplication.kmsKeyArn: the key is in ${match[1]}, not in the destination region ${options.region}`,
      );
    }
  }
  return { provider: options.provider, region: options.region, kmsKeyArn, retentionDays };
}

function checkRestore(restore: DatabaseRestore | undefined, identifier: string, problems: string[]): void {
  if (restore === undefined) return;
  if (restore.type === 'snapshot') {
    const id = restore.snapshotIdentifier;
    if (typeof id !== 'string' || (!Token.isUnresolved(id) && !SNAPSHOT.test(id))) {
      problems.push(`restore.snapshotIdentifier: '${id}' is not a DB snapshot identifier or snapshot ARN`);
    }
    return;
  }
  if (restore.type !== 'pointInTime') {
    problems.push(`restore.type: '${(restore as { type: unknown }).type}' is not pointInTime or snapshot`);
    return;
  }
  const sources = [
    restore.sourceDbInstanceIdentifier,
    restore.sourceDbiResourceId,
    restore.sourceAutomatedBackupsArn,
  ].filter((s) => s !== undefined);
  if (sources.length !== 1) {
    problems.push(
      `restore: give exactly one of sourceDbInstanceIdentifier, sourceDbiResourceId or sourceAutomatedBackupsArn, got ${sources.length}`,
    );
  }
  const source = restore.sourceDbInstanceIdentifier;
  if (source !== undefined && !Token.isUnresolved(source)) {
    const violation = nameViolation('rdsIdentifier', source);
    if (violation) problems.push(`restore.sourceDbInstanceIdentifier: '${source}' ${violation}`);
    if (source === identifier) {
      problems.push(
        `restore.sourceDbInstanceIdentifier: '${source}' is this database itself; restore into a new database with its own name (e.g. name: db-r1) beside the live one`,
      );
    }
  }
  const resourceId = restore.sourceDbiResourceId;
  if (resourceId !== undefined && !Token.isUnresolved(resourceId) && !DBI_RESOURCE_ID.test(resourceId)) {
    problems.push(
      `restore.sourceDbiResourceId: '${resourceId}' is not a resource id like db-ABCDEFGHIJKL0123456789`,
    );
  }
  const backupsArn = restore.sourceAutomatedBackupsArn;
  if (
    backupsArn !== undefined &&
    !Token.isUnresolved(backupsArn) &&
    !AUTOMATED_BACKUPS_ARN.test(backupsArn)
  ) {
    problems.push(
      `restore.sourceAutomatedBackupsArn: '${backupsArn}' is not an automated backups ARN (…:auto-backup:ab-…)`,
    );
  }
  const latest = restore.useLatestRestorableTime === true;
  if ((restore.restoreTime !== undefined) === latest) {
    problems.push(
      'restore: give either restoreTime or useLatestRestorableTime: true, not both and not neither',
    );
  }
  if (restore.restoreTime !== undefined) checkRestoreTime(restore.restoreTime, problems);
}

function checkRestoreTime(time: string, problems: string[]): void {
  const parsed = Date.parse(time);
  // Date.parse rolls 2026-02-30 over to March; comparing back catches impossible dates.
  if (
    !UTC_TIMESTAMP.test(time) ||
    Number.isNaN(parsed) ||
    new Date(parsed).toISOString().slice(0, 19) !== time.slice(0, 19)
  ) {
    problems.push(`restore.restoreTime: '${time}' is not an ISO 8601 UTC time like 2026-03-01T09:30:00Z`);
  } else if (parsed > Date.now()) {
    problems.push(
      `restore.restoreTime: '${time}' is in the future; RDS restores up to the latest restorable time`,
    );
  }
}

function resolveAlarms(
  given: DatabaseAlarmThresholds | undefined,
  instanceClass: string,
  allocatedGib: number,
  problems: string[],
): Required<DatabaseAlarmThresholds> {
  const memoryGib = instanceMemoryGib(instanceClass);
  const derived = memoryGib
    ? {
        connections: Math.floor(estimatedMaxConnections(memoryGib) * 0.8),
        freeableMemoryMib: Math.round(memoryGib * MIB * 0.1),
      }
    : undefined;
  if (!derived && (given?.connections === undefined || given.freeableMemoryMib === undefined)) {
    problems.push(
      `alarms: the memory of ${instanceClass} is not known here; set alarms.connections and alarms.freeableMemoryMib`,
    );
  }
  const resolved: Required<DatabaseAlarmThresholds> = {
    cpuPercent: given?.cpuPercent ?? 80,
    freeStorageGib: given?.freeStorageGib ?? allocatedGib / 10,
    // NaN only when the problem above is reported, and then nothing is built.
    freeableMemoryMib: given?.freeableMemoryMib ?? derived?.freeableMemoryMib ?? NaN,
    connections: given?.connections ?? derived?.connections ?? NaN,
    replicaLagSeconds: given?.replicaLagSeconds ?? 300,
  };
  const positive = (value: number) => Number.isFinite(value) && value > 0;
  if (!(resolved.cpuPercent > 0 && resolved.cpuPercent <= 100)) {
    problems.push(`alarms.cpuPercent: ${resolved.cpuPercent} must be above 0 and at most 100`);
  }
  if (!positive(resolved.freeStorageGib) || resolved.freeStorageGib >= allocatedGib) {
    problems.push(
      `alarms.freeStorageGib: ${resolved.freeStorageGib} must be above 0 and below allocatedStorageGib (${allocatedGib})`,
    );
  }
  if (given?.freeableMemoryMib !== undefined && !positive(given.freeableMemoryMib)) {
    problems.push(`alarms.freeableMemoryMib: ${given.freeableMemoryMib} must be above 0`);
  }
  if (given?.connections !== undefined && !(Number.isInteger(given.connections) && given.connections > 0)) {
    problems.push(`alarms.connections: ${given.connections} must be a whole number above 0`);
  }
  if (!positive(resolved.replicaLagSeconds)) {
    problems.push(`alarms.replicaLagSeconds: ${resolved.replicaLagSeconds} must be above 0`);
  }
  return resolved;
}

function checkIdentifierLength(field: string, identifier: string, problems: string[]): void {
  const max = NAME_RULES.rdsIdentifier.maxLength;
  // resourceName would cut and hash a longer name: an identifier people type into the console and
  // CLI must read as written, so it is refused instead.
  if (identifier.length > max) {
    problems.push(
      `${field}: the identifier '${identifier}' is ${identifier.length} characters; RDS allows ${max} (shorten namePrefix or name)`,
    );
  }
}
