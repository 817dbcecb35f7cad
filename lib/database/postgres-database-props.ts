import { TerraformProvider } from 'cdktf';

/** PostgreSQL major versions RDS offers for new instances that this construct supports, oldest first. */
export const POSTGRES_MAJOR_VERSIONS = ['13', '14', '15', '16', '17', '18'] as const;

/** A PostgreSQL major version, e.g. `'18'`. */
export type PostgresMajorVersion = (typeof POSTGRES_MAJOR_VERSIONS)[number];

/**
 * The newest major version RDS for PostgreSQL offers (18.1 reached general availability in November
 * 2025, the AWS provider 6.25 era). New databases start here; existing ones move by a planned upgrade.
 */
export const DEFAULT_POSTGRES_MAJOR_VERSION: PostgresMajorVersion = '18';

/** Seconds between enhanced monitoring samples RDS accepts; 0 turns enhanced monitoring off. */
export const MONITORING_INTERVALS = [0, 1, 5, 10, 15, 30, 60] as const;

/** Seconds between enhanced monitoring samples. */
export type MonitoringInterval = (typeof MONITORING_INTERVALS)[number];

/**
 * CloudWatch Database Insights mode. `standard`: Performance Insights with 7 days of history, free.
 * `advanced`: 15 months (465 days) of history, execution plans and on-demand analysis, charged per vCPU.
 * (AWS retired the flexible 1-24 month Performance Insights retention in favour of these two modes.)
 */
export type DatabaseInsightsMode = 'standard' | 'advanced';

/** How a parameter change reaches the running instance. */
export type ParameterApplyMethod = 'immediate' | 'pending-reboot';

/** A DB parameter with an explicit apply method (static parameters need `pending-reboot`). */
export interface DatabaseParameter {
  /** The value, as PostgreSQL reads it, e.g. `'500'` or `'pg_stat_statements,pg_cron'`. */
  readonly value: string;
  /** When it takes effect. @default 'pending-reboot' for static parameters this construct knows, else 'immediate' */
  readonly applyMethod?: ParameterApplyMethod;
}

/** RDS Proxy in front of the database: connection pooling for many short-lived app connections. */
export interface DatabaseProxyOptions {
  /** Create the proxy. Lets a config file keep the block and switch it off. @default true */
  readonly enabled?: boolean;
  /** Clients authenticate to the proxy with IAM tokens (`rds-db:connect`) instead of the password. @default true */
  readonly iamAuth?: boolean;
  /** Seconds a client connection may sit idle before the proxy closes it (1-28800). @default 1800 */
  readonly idleClientTimeoutSeconds?: number;
  /** Share of the database's `max_connections` the proxy may open (1-100); the rest stays for admin and migrations. @default 90 */
  readonly maxConnectionsPercent?: number;
  /** Share of `max_connections` the proxy keeps open while idle (0 to maxConnectionsPercent). @default 50 */
  readonly maxIdleConnectionsPercent?: number;
  /** Seconds a client waits for a pooled connection before the proxy gives up (0-3600). @default 120 */
  readonly connectionBorrowTimeoutSeconds?: number;
}

/** A read replica of the database, in the same region and subnets. */
export interface ReadReplicaOptions {
  /** Create the replica. @default true */
  readonly enabled?: boolean;
  /** Instance class of the replica; keep it at least the primary's so it keeps up with writes. @default the primary's class */
  readonly instanceClass?: string;
  /** Give the replica its own standby in a second zone. @default false */
  readonly multiAz?: boolean;
}

/**
 * Cross-region replication of automated backups (snapshots and transaction logs), so point-in-time
 * recovery survives the loss of the region. Give either `provider` or `region`.
 */
export interface BackupReplicationOptions {
  /** Replicate. @default true */
  readonly enabled?: boolean;
  /** An AWS provider aliased to the destination region; the replication resource is created through it. @default none: use `region` */
  readonly provider?: TerraformProvider;
  /** The destination region, set on the resource itself (AWS provider 6 per-resource region). @default none: use `provider` */
  readonly region?: string;
  /** ARN of a KMS key in the destination region that encrypts the replicated backups. @default a new key there, with yearly rotation */
  readonly kmsKeyArn?: string;
  /** Days the replicated backups are kept (1-35). @default backupRetentionDays */
  readonly retentionDays?: number;
}

/** Where a point-in-time restore reads from: exactly one of the three. */
export interface PointInTimeSource {
  /** Identifier of an existing DB instance in this region, e.g. `platform-prod-db`. */
  readonly sourceDbInstanceIdentifier?: string;
  /** Resource id (`db-...`) of the source instance: works after the instance was deleted, while its retained backups last. */
  readonly sourceDbiResourceId?: string;
  /** ARN of replicated automated backups (`arn:aws:rds:<region>:<account>:auto-backup:ab-...`), for a restore in the DR region. */
  readonly sourceAutomatedBackupsArn?: string;
}

/** Restore to a moment within the source's backup retention. Give `restoreTime` or `useLatestRestorableTime: true`. */
export interface PointInTimeRestore extends PointInTimeSource {
  readonly type: 'pointInTime';
  /** The moment, ISO 8601 in UTC, e.g. `2026-03-01T09:30:00Z`. @default none: use useLatestRestorableTime */
  readonly restoreTime?: string;
  /** Restore the latest restorable moment (usually a few minutes ago). @default false */
  readonly useLatestRestorableTime?: boolean;
}

/** Restore from a DB snapshot (manual, automated, final, or shared from another account). */
export interface SnapshotRestore {
  readonly type: 'snapshot';
  /** Snapshot identifier (same account and region) or ARN (shared snapshot), e.g. `platform-prod-db-final`. */
  readonly snapshotIdentifier: string;
}

/**
 * Create this database from a backup instead of empty. Only takes effect when the instance is
 * created: set it on a database with its own name (a new identifier), never on the live one.
 */
export type DatabaseRestore = PointInTimeRestore | SnapshotRestore;

/** Thresholds of the database alarms. */
export interface DatabaseAlarmThresholds {
  /** Average CPU above this percentage for 15 minutes alarms. @default 80 */
  readonly cpuPercent?: number;
  /** Free storage below this many GiB alarms (autoscaling should have grown the disk first). @default 10 % of allocatedStorageGib */
  readonly freeStorageGib?: number;
  /** Freeable memory below this many MiB for 15 minutes alarms. @default 10 % of the instance class's memory */
  readonly freeableMemoryMib?: number;
  /** More connections than this for 15 minutes alarms. @default 80 % of the estimated max_connections of the instance class */
  readonly connections?: number;
  /** Replica lag above this many seconds for 15 minutes alarms (only with a read replica). @default 300 */
  readonly replicaLagSeconds?: number;
}

/** Props of {@link PostgresDatabase}. */
export interface PostgresDatabaseProps {
  /** Prefix of every name, e.g. `platform-prod`: lowercase letters, digits and inner hyphens. */
  readonly namePrefix: string;
  /** The database's own name part: the instance identifier is `<namePrefix>-<name>`. A restored copy takes another name, e.g. `db-r1`. @default 'db' */
  readonly name?: string;
  /** The VPC the database lives in. */
  readonly vpcId: string;
  /** Subnets of the isolated tier, in at least two availability zones. */
  readonly subnetIds: string[];
  /** Security groups admitted on 5432 (to the proxy when there is one). Empty: nothing connects until a rule is added, see {@link PostgresDatabase.allowConnectionsFrom}. @default none */
  readonly allowedSecurityGroupIds?: string[];
  /** Security groups admitted to the database itself even behind a proxy, e.g. a migration task that needs session features. @default none */
  readonly directAccessSecurityGroupIds?: string[];
  /** SNS topic the alarms notify (the environment's alert topic). */
  readonly alarmTopicArn: string;
  /** PostgreSQL major version; minor versions arrive by auto minor version upgrade. @default {@link DEFAULT_POSTGRES_MAJOR_VERSION} */
  readonly engineVersion?: string;
  /** Allow a change of `engineVersion` to upgrade the major version in place. @default false */
  readonly allowMajorVersionUpgrade?: boolean;
  /** Instance class, e.g. `db.t4g.micro` (dev), `db.m7g.large` (production). @default 'db.t4g.micro' */
  readonly instanceClass?: string;
  /** Initial gp3 storage in GiB (20-65536). @default 20 */
  readonly allocatedStorageGib?: number;
  /** Storage autoscaling ceiling in GiB, above allocatedStorageGib. @default 5 × allocatedStorageGib (at most 65536) */
  readonly maxAllocatedStorageGib?: number;
  /** A synchronous standby in a second zone with automatic failover. @default false */
  readonly multiAz?: boolean;
  /** Days of automated backups, and so of point-in-time recovery (1-35). @default 7 */
  readonly backupRetentionDays?: number;
  /** Daily backup window, UTC, `hh24:mi-hh24:mi`, at least 30 minutes. @default '03:00-04:00' */
  readonly backupWindow?: string;
  /** Weekly maintenance window, UTC, `ddd:hh24:mi-ddd:hh24:mi`, at least 30 minutes, apart from the backup window. @default 'sun:04:30-sun:05:30' */
  readonly maintenanceWindow?: string;
  /** Apply modifications now instead of in the next maintenance window. @default false */
  readonly applyImmediately?: boolean;
  /** Database Insights (Performance Insights) mode. @default 'standard' */
  readonly databaseInsights?: DatabaseInsightsMode;
  /** Seconds between enhanced monitoring samples (0, 1, 5, 10, 15, 30, 60); 0 turns it off. @default 60 */
  readonly monitoringIntervalSeconds?: number;
  /** Refuse deletion through the API (Terraform included). @default true */
  readonly deletionProtection?: boolean;
  /** Take a final snapshot, `<identifier>-final`, when the instance is deleted. @default true */
  readonly finalSnapshot?: boolean;
  /** Refuse `terraform destroy` of the instance, the replica and the key (set it in production). @default false */
  readonly preventDestroy?: boolean;
  /** Name of the database created in the instance. @default 'app' */
  readonly databaseName?: string;
  /** Master user name; RDS generates its password into Secrets Manager. @default 'app_admin' */
  readonly masterUsername?: string;
  /** Statements slower than this many milliseconds are logged; -1 turns it off. @default 500 */
  readonly slowQueryThresholdMs?: number;
  /** Extra or overriding parameters of the parameter group. `rds.force_ssl` stays 1; `shared_preload_libraries` adds to pg_stat_statements. @default none */
  readonly parameters?: Record<string, string | DatabaseParameter>;
  /** Days CloudWatch Logs keeps the exported PostgreSQL and upgrade logs (a CloudWatch Logs retention value). @default 30 */
  readonly logRetentionDays?: number;
  /** RDS Proxy in front of the database. @default none */
  readonly proxy?: DatabaseProxyOptions;
  /** A read replica. @default none */
  readonly readReplica?: ReadReplicaOptions;
  /** Replicate automated backups to a second region. @default none */
  readonly backupReplication?: BackupReplicationOptions;
  /** Create the instance from a backup. @default none: an empty database */
  readonly restore?: DatabaseRestore;
  /**
   * Extra tags on the DB instance (and so, through copy_tags_to_snapshot, its snapshots), e.g. the
   * tag an AWS Backup plan selects by. @default none
   */
  readonly instanceTags?: Record<string, string>;
  /** Alarm thresholds. @default see {@link DatabaseAlarmThresholds} */
  readonly alarms?: DatabaseAlarmThresholds;
}

/** {@link DatabaseProxyOptions} with defaults applied. */
export type ResolvedProxyOptions = Required<Omit<DatabaseProxyOptions, 'enabled'>>;

/** {@link ReadReplicaOptions} with defaults applied, and the replica's identifier. */
export interface ResolvedReadReplicaOptions {
  readonly identifier: string;
  readonly instanceClass: string;
  readonly multiAz: boolean;
}

/** {@link BackupReplicationOptions} with defaults applied. */
export interface ResolvedBackupReplicationOptions {
  readonly provider?: TerraformProvider;
  readonly region?: string;
  readonly kmsKeyArn?: string;
  readonly retentionDays: number;
}

/** {@link PostgresDatabaseProps} validated, with every default applied. */
export interface ResolvedPostgresDatabaseProps {
  readonly namePrefix: string;
  readonly name: string;
  /** The instance identifier, `<namePrefix>-<name>`. */
  readonly identifier: string;
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
  readonly allowedSecurityGroupIds: readonly string[];
  readonly directAccessSecurityGroupIds: readonly string[];
  readonly alarmTopicArn: string;
  readonly engineVersion: PostgresMajorVersion;
  readonly allowMajorVersionUpgrade: boolean;
  readonly instanceClass: string;
  readonly allocatedStorageGib: number;
  readonly maxAllocatedStorageGib: number;
  readonly multiAz: boolean;
  readonly backupRetentionDays: number;
  readonly backupWindow: string;
  readonly maintenanceWindow: string;
  readonly applyImmediately: boolean;
  readonly databaseInsights: DatabaseInsightsMode;
  readonly monitoringIntervalSeconds: MonitoringInterval;
  readonly deletionProtection: boolean;
  readonly finalSnapshot: boolean;
  readonly preventDestroy: boolean;
  readonly databaseName: string;
  readonly masterUsername: string;
  readonly slowQueryThresholdMs: number;
  readonly parameters: Readonly<Record<string, string | DatabaseParameter>>;
  readonly logRetentionDays: number;
  readonly proxy?: ResolvedProxyOptions;
  readonly readReplica?: ResolvedReadReplicaOptions;
  readonly backupReplication?: ResolvedBackupReplicationOptions;
  readonly restore?: DatabaseRestore;
  readonly alarms: Required<DatabaseAlarmThresholds>;
}
