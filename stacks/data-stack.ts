import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { databaseHasProxyOf } from '../config/derived';
import type { EnvironmentConfig } from '../config/schema';
import { BackupPlan, standardBackupRules } from '../lib/backup';
import { RedisCache } from '../lib/cache';
import { DatabaseRestore, PostgresDatabase } from '../lib/database';
import { ApplicationSecrets } from '../lib/secrets';
import { AUDIT_LOG_RETENTION_DAYS } from '../lib/security/audit-log-retention';
import { publishContract } from '../lib/state';
import { DATA_CONTRACT } from './contracts/data-contract';
import { NETWORK_CONTRACT } from './contracts/network-contract';
import { EnvironmentStack } from './environment-stack';

/**
 * `<env>-data`: PostgreSQL, the Redis-compatible cache, AWS Backup and the application secrets,
 * in the isolated subnets of `<env>-network` (read through remote state).
 *
 * Production differs by config only: every protection below follows `production` unless the
 * environment file says otherwise, and the schema refuses turning the database's off.
 */
export class DataStack extends EnvironmentStack {
  readonly database: PostgresDatabase;
  /** The database restored from a backup, when `data.database.restore` asks for one. */
  readonly restoredDatabase?: PostgresDatabase;
  readonly cache: RedisCache;
  readonly backup: BackupPlan;
  readonly secrets: ApplicationSecrets;

  constructor(scope: Construct, environment: EnvironmentConfig) {
    super(scope, environment, 'data');
    new RandomProvider(this, 'random');
    const network = this.readUpstream(NETWORK_CONTRACT);
    const { production } = environment;
    const { database: db, cache, backup, secrets } = environment.data;
    // Production keeps database and cache logs a year (an audit reaches back that far); the others the constructs' 30 days.
    const logRetentionDays = production ? AUDIT_LOG_RETENTION_DAYS : undefined;
    const placement = {
      namePrefix: this.namePrefix,
      vpcId: network.vpcId,
      subnetIds: network.isolatedSubnetIds,
      alarmTopicArn: network.alertTopicArn,
    };

    this.backup = new BackupPlan(this, 'backup', {
      namePrefix: this.namePrefix,
      alarmTopicArn: network.alertTopicArn,
      rules: standardBackupRules(backup),
      offsiteCopy: backup.copyRegion ? { region: backup.copyRegion } : undefined,
      // Compliance mode: after 3 days nobody, root included, can shorten retention or delete early.
      vaultLock: backup.vaultLock ? { mode: 'compliance', changeableForDays: 3 } : undefined,
      preventDestroy: production || backup.vaultLock,
    });

    this.database = new PostgresDatabase(this, 'database', {
      ...placement,
      engineVersion: db.engineVersion,
      // Changing engineVersion in the environment file is the reviewed decision to upgrade.
      allowMajorVersionUpgrade: true,
      instanceClass: db.instanceClass,
      allocatedStorageGib: db.allocatedStorageGib,
      maxAllocatedStorageGib: db.maxAllocatedStorageGib,
      multiAz: db.multiAz ?? production,
      backupRetentionDays: db.backupRetentionDays,
      backupWindow: db.backupWindow,
      maintenanceWindow: db.maintenanceWindow,
      databaseInsights: db.insights,
      logRetentionDays,
      deletionProtection: db.deletionProtection ?? production,
      finalSnapshot: true,
      preventDestroy: production,
      proxy: databaseHasProxyOf(environment) ? { enabled: true } : undefined,
      readReplica: db.readReplica ? { enabled: true } : undefined,
      backupReplication: db.backupReplicationRegion ? { region: db.backupReplicationRegion } : undefined,
      instanceTags: this.backup.resourceTags,
    });

    if (db.restore) {
      // A restore is a new instance beside the live one: the drill never touches production data.
      this.restoredDatabase = new PostgresDatabase(this, `database-${db.restore.identifierSuffix}`, {
        ...placement,
        name: `db-${db.restore.identifierSuffix}`,
        engineVersion: db.engineVersion,
        instanceClass: db.instanceClass,
        allocatedStorageGib: db.allocatedStorageGib,
        maxAllocatedStorageGib: db.maxAllocatedStorageGib,
        backupRetentionDays: db.backupRetentionDays,
        backupWindow: db.backupWindow,
        maintenanceWindow: db.maintenanceWindow,
        // Once the service is pointed at it, it holds the live writes: protect it like the primary.
        deletionProtection: db.restore.cutover && production,
        finalSnapshot: db.restore.cutover,
        preventDestroy: db.restore.cutover && production,
        restore: restoreOf(db.restore),
      });
    }

    this.cache = new RedisCache(this, 'cache', {
      ...placement,
      engine: cache.engine,
      nodeType: cache.nodeType,
      multiAz: cache.multiAz ?? production,
      nodeCount: cache.nodes ?? (production ? 2 : 1),
      snapshotRetentionDays: cache.snapshotRetentionDays,
      snapshotWindow: cache.snapshotWindow,
      maintenanceWindow: cache.maintenanceWindow,
      finalSnapshot: true,
      logRetentionDays,
      secretRecoveryWindowDays: secrets.recoveryWindowDays,
      preventDestroy: production,
    });

    this.secrets = new ApplicationSecrets(this, 'secrets', {
      namePrefix: this.namePrefix,
      recoveryWindowDays: secrets.recoveryWindowDays,
      preventDestroy: production,
    });

    const arns = this.secrets.secretArns;
    publishContract(this, DATA_CONTRACT, {
      databaseIdentifier: this.database.identifier,
      databaseReplicaIdentifier: this.database.replica?.instance.identifier ?? '',
      databaseProxyName: this.database.proxy?.proxy.name ?? '',
      // The ARN is arn:<partition>:rds:<region>:<account>:db-proxy:<resource id>.
      databaseProxyResourceId: this.database.proxy
        ? Fn.element(Fn.split(':', this.database.proxy.proxy.arn), 6)
        : '',
      databaseMasterUsername: this.database.settings.masterUsername,
      cacheReplicationGroupId: this.cache.replicationGroupId,
      databaseAddress: this.database.address,
      databasePort: this.database.port,
      databaseName: this.database.settings.databaseName,
      databaseProxyEndpoint: this.database.proxy?.endpoint ?? '',
      databaseReaderAddress: this.database.replica?.instance.address ?? '',
      databaseSecurityGroupId: this.database.clientSecurityGroup.id,
      databaseMasterSecretArn: this.database.masterUserSecretArn,
      databaseKmsKeyArn: this.database.key.keyArn,
      restoredDatabaseAddress: this.restoredDatabase?.address ?? '',
      restoredDatabaseMasterSecretArn: this.restoredDatabase?.masterUserSecretArn ?? '',
      restoredDatabaseSecurityGroupId: this.restoredDatabase?.clientSecurityGroup.id ?? '',
      restoredDatabaseKmsKeyArn: this.restoredDatabase?.key.keyArn ?? '',
      cachePrimaryEndpoint: this.cache.primaryEndpoint,
      cacheReaderEndpoint: this.cache.readerEndpoint,
      cachePort: this.cache.port,
      cacheSecurityGroupId: this.cache.clientSecurityGroup.id,
      cacheAuthSecretArn: this.cache.authSecret.secret.arn,
      cacheKmsKeyArn: this.cache.key.keyArn,
      jwtSecretArn: arns.JWT_SECRET,
      webhookSecretArn: arns.WEBHOOK_SECRET,
      githubClientIdSecretArn: arns.GITHUB_CLIENT_ID,
      githubClientSecretArn: arns.GITHUB_CLIENT_SECRET,
      secretsKmsKeyArns: [this.secrets.keyArn],
      backupVaultArn: this.backup.vaultArn,
    });
  }
}

/** The construct's restore props from the environment file's `restore` section. */
function restoreOf(restore: NonNullable<EnvironmentConfig['data']['database']['restore']>): DatabaseRestore {
  if (restore.snapshotIdentifier !== undefined) {
    return { type: 'snapshot', snapshotIdentifier: restore.snapshotIdentifier };
  }
  const pointInTime = restore.pointInTime!; // the schema guarantees exactly one source
  return {
    type: 'pointInTime',
    sourceDbInstanceIdentifier: pointInTime.sourceIdentifier,
    ...(pointInTime.latest ? { useLatestRestorableTime: true } : { restoreTime: pointInTime.time }),
  };
}
