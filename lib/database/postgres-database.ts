import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DbInstance, DbInstanceConfig } from '@cdktf/provider-aws/lib/db-instance';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { awsContext } from '../core/aws-context';
import { resourceName } from '../naming';
import { EncryptionKey } from '../security/encryption-key';
import { BackupReplication } from './backup-replication';
import { DatabaseAlarms } from './database-alarms';
import { DatabaseLogGroups, POSTGRES_LOG_EXPORTS, rdsLogGroupName } from './database-log-groups';
import { DatabaseProxy } from './database-proxy';
import { EnhancedMonitoringRole } from './enhanced-monitoring-role';
import { PostgresDatabaseProps, ResolvedPostgresDatabaseProps } from './postgres-database-props';
import { resolvePostgresDatabaseProps } from './postgres-database-validation';
import { ingressRuleId, POSTGRES_PORT, postgresIngress } from './postgres-ingress';
import { PostgresParameterGroup } from './postgres-parameter-group';
import { CA_CERT_IDENTIFIER, INSIGHTS_RETENTION_DAYS, ReadReplica } from './read-replica';

/** Suffix of the final snapshot's identifier: `<identifier>-final`. */
export const FINAL_SNAPSHOT_SUFFIX = 'final';

/**
 * Attributes that only matter when the instance is created. Ignored afterwards, so removing a
 * restore from the config once it has run keeps the restored database, and adding one to a running
 * database never replaces it (restore into a new database, with its own name, instead).
 */
export const CREATE_ONLY_ATTRIBUTES = ['snapshot_identifier', 'restore_to_point_in_time'];

/**
 * An RDS for PostgreSQL instance in the isolated tier, secure and durable by default:
 *
 * - network: its own subnet group and security group; 5432 in only from the groups it is given (through
 *   the proxy when there is one), no egress; never publicly accessible;
 * - encryption: one customer-managed KMS key (rotated yearly) for storage, Database Insights, the
 *   RDS-managed master secret and the exported logs; TLS required (`rds.force_ssl=1`);
 * - credentials: RDS generates and rotates the master password in Secrets Manager, so no password
 *   appears in code, config, state inputs or synthesized JSON; IAM database authentication on;
 * - durability: gp3 with storage autoscaling, automated backups and point-in-time recovery for 1-35
 *   days, backups kept after deletion, tags copied to snapshots, deletion protection and a final
 *   snapshot by default, `prevent_destroy` on request, Multi-AZ by config;
 * - observability: pg_stat_statements, slow-query, connection, lock-wait and DDL logging exported to
 *   KMS-encrypted log groups with retention, Database Insights, enhanced monitoring, and alarms on
 *   CPU, storage, memory, connections (and replica lag) to the alert topic.
 *
 * Options: an RDS Proxy (pooling, TLS, IAM or password auth with the managed secret), a read replica,
 * cross-region replication of automated backups, and creation from a backup (point in time or
 * snapshot) so a restore drill is a reviewed change. See help/database.md.
 */
export class PostgresDatabase extends Construct {
  /** The validated props, defaults applied. */
  readonly settings: ResolvedPostgresDatabaseProps;
  /** The instance identifier, `<namePrefix>-<name>`. */
  readonly identifier: string;
  /** The KMS key of storage, Database Insights, the master secret and the log groups. */
  readonly key: EncryptionKey;
  /** The log groups the primary exports to (`postgresql`, `upgrade`). */
  readonly logGroups: CloudwatchLogGroup[];
  /** The DB subnet group over the isolated subnets. */
  readonly subnetGroup: DbSubnetGroup;
  /** The database's security group: no inline rules, no egress, ingress by separate rules. */
  readonly securityGroup: SecurityGroup;
  /** Ingress rules of the database's security group made here (the proxy's rule lives in {@link proxy}). */
  readonly ingressRules: VpcSecurityGroupIngressRule[];
  /** The parameter group, shared with the replica. */
  readonly parameterGroup: PostgresParameterGroup;
  /** The enhanced monitoring role; undefined when monitoringIntervalSeconds is 0. */
  readonly monitoringRole?: IamRole;
  /** The primary instance. */
  readonly instance: DbInstance;
  /** The RDS Proxy, when enabled. */
  readonly proxy?: DatabaseProxy;
  /** The read replica, when enabled. */
  readonly replica?: ReadReplica;
  /** Cross-region backup replication, when enabled. */
  readonly backupReplication?: BackupReplication;
  /** The alarms. */
  readonly alarms: DatabaseAlarms;
  /** `address:port` of the instance. */
  readonly endpoint: string;
  /** Host name of the instance. */
  readonly address: string;
  /** Port of the instance and the proxy: 5432. */
  readonly port: number;
  /** Host name applications should use: the proxy's endpoint when there is a proxy, else the instance's address. */
  readonly connectionHost: string;
  /** ARN of the Secrets Manager secret RDS keeps the master user name and password in. */
  readonly masterUserSecretArn: string;
  /** The security group clients are admitted to: the proxy's when there is one, else the database's. */
  readonly clientSecurityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: PostgresDatabaseProps) {
    super(scope, id);
    const settings = resolvePostgresDatabaseProps(props);
    this.settings = settings;
    const { identifier } = settings;
    this.identifier = identifier;
    const aws = awsContext(this);
    const replicaIdentifier = settings.readReplica?.identifier;

    const logGroupArns = [identifier, ...(replicaIdentifier ? [replicaIdentifier] : [])].flatMap((instance) =>
      POSTGRES_LOG_EXPORTS.map(
        (logType) =>
          `arn:${aws.partition}:logs:${aws.region}:${aws.accountId}:log-group:${rdsLogGroupName(instance, logType)}`,
      ),
    );
    this.key = new EncryptionKey(this, 'key', {
      alias: identifier,
      description: `Encrypts RDS ${identifier}: storage, Database Insights, master secret, logs`,
      preventDestroy: settings.preventDestroy,
      // RDS, Secrets Manager and Performance Insights use the key through grants the caller's IAM
      // permissions create; only CloudWatch Logs needs a statement, and only for these log groups.
      serviceGrants: [
        {
          servicePrincipal: `logs.${aws.region}.${aws.dnsSuffix}`,
          conditions: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': logGroupArns } },
        },
      ],
    });
    const logGroupsOf = (groupsId: string, instanceIdentifier: string) =>
      new DatabaseLogGroups(this, groupsId, {
        identifier: instanceIdentifier,
        retentionDays: settings.logRetentionDays,
        kmsKeyArn: this.key.keyArn,
        preventDestroy: settings.preventDestroy,
      }).logGroups;
    this.logGroups = logGroupsOf('logs', identifier);

    const groupName = resourceName('rdsGroup', identifier);
    this.subnetGroup = new DbSubnetGroup(this, 'subnet-group', {
      name: groupName,
      description: `Isolated subnets of ${identifier}`,
      subnetIds: [...settings.subnetIds],
      tags: { Name: groupName },
    });

    // No inline rules: the AWS provider then removes the default allow-all egress on create, and
    // other stacks may add their own ingress rules to this group.
    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: resourceName('securityGroup', identifier),
      description: `RDS ${identifier}: PostgreSQL from the admitted groups only`,
      vpcId: settings.vpcId,
      tags: { Name: identifier },
    });
    const admittedDirectly = settings.proxy
      ? settings.directAccessSecurityGroupIds
      : [...new Set([...settings.allowedSecurityGroupIds, ...settings.directAccessSecurityGroupIds])];
    this.ingressRules = admittedDirectly.map((groupId, i) =>
      postgresIngress(this, ingressRuleId('ingress', groupId, i), {
        securityGroupId: this.securityGroup.id,
        sourceSecurityGroupId: groupId,
        description: `PostgreSQL clients of ${identifier}`,
      }),
    );

    this.parameterGroup = new PostgresParameterGroup(this, 'parameters', {
      identifier,
      engineVersion: settings.engineVersion,
      slowQueryThresholdMs: settings.slowQueryThresholdMs,
      parameters: settings.parameters,
    });

    const waitFor: ITerraformDependable[] = [...this.logGroups];
    if (settings.monitoringIntervalSeconds > 0) {
      const monitoring = new EnhancedMonitoringRole(this, 'monitoring', { identifier });
      this.monitoringRole = monitoring.role;
      // RDS checks at create time that it can assume the role with its policy.
      waitFor.push(monitoring.policyAttachment);
    }

    this.instance = new DbInstance(this, 'instance', {
      ...this.instanceSource(settings),
      identifier,
      engine: 'postgres',
      engineVersion: settings.engineVersion,
      allowMajorVersionUpgrade: settings.allowMajorVersionUpgrade,
      autoMinorVersionUpgrade: true,
      instanceClass: settings.instanceClass,
      storageType: 'gp3',
      allocatedStorage: settings.allocatedStorageGib,
      maxAllocatedStorage: settings.maxAllocatedStorageGib,
      storageEncrypted: true,
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: this.key.keyArn,
      iamDatabaseAuthenticationEnabled: true,
      dbSubnetGroupName: this.subnetGroup.name,
      vpcSecurityGroupIds: [this.securityGroup.id],
      publiclyAccessible: false,
      port: POSTGRES_PORT,
      caCertIdentifier: CA_CERT_IDENTIFIER,
      parameterGroupName: this.parameterGroup.parameterGroup.name,
      multiAz: settings.multiAz,
      backupRetentionPeriod: settings.backupRetentionDays,
      backupWindow: settings.backupWindow,
      maintenanceWindow: settings.maintenanceWindow,
      applyImmediately: settings.applyImmediately,
      copyTagsToSnapshot: true,
      // Keep automated backups (and so point-in-time recovery) for their retention after a deletion.
      deleteAutomatedBackups: false,
      deletionProtection: settings.deletionProtection,
      skipFinalSnapshot: !settings.finalSnapshot,
      finalSnapshotIdentifier: settings.finalSnapshot ? `${identifier}-${FINAL_SNAPSHOT_SUFFIX}` : undefined,
      enabledCloudwatchLogsExports: [...POSTGRES_LOG_EXPORTS],
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: this.key.keyArn,
      performanceInsightsRetentionPeriod: INSIGHTS_RETENTION_DAYS[settings.databaseInsights],
      databaseInsightsMode: settings.databaseInsights,
      monitoringInterval: settings.monitoringIntervalSeconds,
      monitoringRoleArn: this.monitoringRole?.arn,
      tags: { ...props.instanceTags, Name: identifier },
      // The provider's defaults (40 min create, 80 update, 60 delete) are shorter than a restore
      // of a large database or a class change of a Multi-AZ one; a timeout leaves the instance
      // tainted, and the next apply would replace it.
      timeouts: { create: settings.restore ? '6h' : '2h', update: '4h', delete: '2h' },
      dependsOn: waitFor,
      lifecycle: {
        ...(settings.preventDestroy ? { preventDestroy: true } : {}),
        ignoreChanges: CREATE_ONLY_ATTRIBUTES,
      },
    });
    this.endpoint = this.instance.endpoint;
    this.address = this.instance.address;
    this.port = POSTGRES_PORT;
    this.masterUserSecretArn = this.instance.masterUserSecret.get(0).secretArn;

    if (settings.proxy) {
      this.proxy = new DatabaseProxy(this, 'proxy', {
        identifier,
        vpcId: settings.vpcId,
        subnetIds: settings.subnetIds,
        clientSecurityGroupIds: settings.allowedSecurityGroupIds,
        databaseSecurityGroupId: this.securityGroup.id,
        dbInstanceIdentifier: this.instance.identifier,
        secretArn: this.masterUserSecretArn,
        secretKmsKeyArn: this.key.keyArn,
        options: settings.proxy,
      });
    }
    this.clientSecurityGroup = this.proxy?.securityGroup ?? this.securityGroup;
    this.connectionHost = this.proxy?.endpoint ?? this.address;

    if (settings.readReplica && replicaIdentifier) {
      this.replica = new ReadReplica(this, 'replica', {
        identifier: replicaIdentifier,
        sourceDbInstanceIdentifier: this.instance.identifier,
        instanceClass: settings.readReplica.instanceClass,
        multiAz: settings.readReplica.multiAz,
        maxAllocatedStorageGib: settings.maxAllocatedStorageGib,
        parameterGroupName: this.parameterGroup.parameterGroup.name,
        securityGroupId: this.securityGroup.id,
        kmsKeyArn: this.key.keyArn,
        databaseInsights: settings.databaseInsights,
        monitoringIntervalSeconds: settings.monitoringIntervalSeconds,
        monitoringRoleArn: this.monitoringRole?.arn,
        maintenanceWindow: settings.maintenanceWindow,
        deletionProtection: settings.deletionProtection,
        preventDestroy: settings.preventDestroy,
        applyImmediately: settings.applyImmediately,
        logGroups: logGroupsOf('replica-logs', replicaIdentifier),
      });
    }

    if (settings.backupReplication) {
      this.backupReplication = new BackupReplication(this, 'backup-replication', {
        ...settings.backupReplication,
        identifier,
        sourceDbInstanceArn: this.instance.arn,
        preventDestroy: settings.preventDestroy,
      });
    }

    this.alarms = new DatabaseAlarms(this, 'alarms', {
      identifier,
      replicaIdentifier: this.replica ? replicaIdentifier : undefined,
      topicArn: settings.alarmTopicArn,
      thresholds: settings.alarms,
    });
  }

  /**
   * Admits a security group on 5432 to the database, or to its proxy when there is one: for a
   * consumer in the same stack. Other stacks add a `aws_vpc_security_group_ingress_rule` to
   * {@link clientSecurityGroup} (its id is a stack output).
   */
  allowConnectionsFrom(
    id: string,
    securityGroupId: string,
    description?: string,
  ): VpcSecurityGroupIngressRule {
    return postgresIngress(this, `allow-${id}`, {
      securityGroupId: this.clientSecurityGroup.id,
      sourceSecurityGroupId: securityGroupId,
      description: description ?? `PostgreSQL clients of ${this.identifier}: ${id}`,
    });
  }

  /**
   * Where the data comes from. An empty database gets its name, master user and this construct's key;
   * a restored one takes all three from the backup (RDS restores keep the source's storage key).
   */
  private instanceSource(settings: ResolvedPostgresDatabaseProps): Partial<DbInstanceConfig> {
    const restore = settings.restore;
    if (restore === undefined) {
      return { dbName: settings.databaseName, username: settings.masterUsername, kmsKeyId: this.key.keyArn };
    }
    if (restore.type === 'snapshot') return { snapshotIdentifier: restore.snapshotIdentifier };
    return {
      restoreToPointInTime: {
        sourceDbInstanceIdentifier: restore.sourceDbInstanceIdentifier,
        sourceDbiResourceId: restore.sourceDbiResourceId,
        sourceDbInstanceAutomatedBackupsArn: restore.sourceAutomatedBackupsArn,
        restoreTime: restore.restoreTime,
        useLatestRestorableTime: restore.useLatestRestorableTime ? true : undefined,
      },
    };
  }
}
