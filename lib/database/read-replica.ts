import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { POSTGRES_LOG_EXPORTS } from './database-log-groups';
import { DatabaseInsightsMode } from './postgres-database-props';
import { POSTGRES_PORT } from './postgres-ingress';

/** The CA of the server certificates: RSA 2048, valid to 2061, the RDS default for new instances. */
export const CA_CERT_IDENTIFIER = 'rds-ca-rsa2048-g1';

/** Retention of Database Insights history per mode, in days. */
export const INSIGHTS_RETENTION_DAYS: Record<DatabaseInsightsMode, number> = { standard: 7, advanced: 465 };

/** Props of {@link ReadReplica}. */
export interface ReadReplicaProps {
  /** The replica's identifier, e.g. `platform-prod-db-replica`. */
  readonly identifier: string;
  /** Identifier of the primary (its attribute, so the replica waits for it). */
  readonly sourceDbInstanceIdentifier: string;
  /** Instance class. */
  readonly instanceClass: string;
  /** A standby of the replica in a second zone. */
  readonly multiAz: boolean;
  /** Storage autoscaling ceiling in GiB, the primary's. */
  readonly maxAllocatedStorageGib: number;
  /** The primary's parameter group, so both behave alike. */
  readonly parameterGroupName: string;
  /** The primary's security group. */
  readonly securityGroupId: string;
  /** ARN of the primary's KMS key: storage, Database Insights. */
  readonly kmsKeyArn: string;
  /** Database Insights mode. */
  readonly databaseInsights: DatabaseInsightsMode;
  /** Seconds between enhanced monitoring samples; 0 for none. */
  readonly monitoringIntervalSeconds: number;
  /** The enhanced monitoring role, when monitoring is on. */
  readonly monitoringRoleArn?: string;
  /** Weekly maintenance window, the primary's. */
  readonly maintenanceWindow: string;
  /** Refuse deletion through the API. */
  readonly deletionProtection: boolean;
  /** Refuse `terraform destroy`. */
  readonly preventDestroy: boolean;
  /** Apply modifications now instead of in the maintenance window. */
  readonly applyImmediately: boolean;
  /** The replica's log groups, which must exist before it exports to them. */
  readonly logGroups: ITerraformDependable[];
}

/**
 * An asynchronous read replica in the primary's region and subnets, with the primary's security
 * group, parameters, key and monitoring: it serves read-only queries and can be promoted by hand if
 * the primary is lost. RDS upgrades it together with the primary on a major version upgrade.
 */
export class ReadReplica extends Construct {
  /** The replica instance. */
  readonly instance: DbInstance;

  constructor(scope: Construct, id: string, props: ReadReplicaProps) {
    super(scope, id);
    const monitoring = props.monitoringIntervalSeconds > 0;
    this.instance = new DbInstance(this, 'instance', {
      identifier: props.identifier,
      // Engine, version, user, database name and subnet group come from the source.
      replicateSourceDb: props.sourceDbInstanceIdentifier,
      instanceClass: props.instanceClass,
      multiAz: props.multiAz,
      storageType: 'gp3',
      maxAllocatedStorage: props.maxAllocatedStorageGib,
      storageEncrypted: true,
      kmsKeyId: props.kmsKeyArn,
      port: POSTGRES_PORT,
      parameterGroupName: props.parameterGroupName,
      vpcSecurityGroupIds: [props.securityGroupId],
      publiclyAccessible: false,
      caCertIdentifier: CA_CERT_IDENTIFIER,
      iamDatabaseAuthenticationEnabled: true,
      autoMinorVersionUpgrade: true,
      copyTagsToSnapshot: true,
      maintenanceWindow: props.maintenanceWindow,
      applyImmediately: props.applyImmediately,
      enabledCloudwatchLogsExports: [...POSTGRES_LOG_EXPORTS],
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: props.kmsKeyArn,
      performanceInsightsRetentionPeriod: INSIGHTS_RETENTION_DAYS[props.databaseInsights],
      databaseInsightsMode: props.databaseInsights,
      monitoringInterval: props.monitoringIntervalSeconds,
      monitoringRoleArn: monitoring ? props.monitoringRoleArn : undefined,
      deletionProtection: props.deletionProtection,
      // RDS takes no final snapshot of a replica: its data is the primary's.
      skipFinalSnapshot: true,
      tags: { Name: props.identifier },
      dependsOn: props.logGroups,
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
    });
  }
}
