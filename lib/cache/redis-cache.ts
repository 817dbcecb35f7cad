import { ElasticacheParameterGroup } from '@cdktf/provider-aws/lib/elasticache-parameter-group';
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { ElasticacheSubnetGroup } from '@cdktf/provider-aws/lib/elasticache-subnet-group';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Password } from '@cdktf/provider-random/lib/password';
import { TerraformResourceLifecycle } from 'cdktf';
import { Construct } from 'constructs';
import { awsContext } from '../core/aws-context';
import { resourceName } from '../naming';
import { nameTag } from '../network/name-tag';
import { ThresholdAlarm } from '../observability/threshold-alarm';
import { EncryptionKey } from '../security/encryption-key';
import { CacheAlarms } from './cache-alarms';
import { CacheConnectionSecret } from './cache-connection-secret';
import { ENGINE_LABEL } from './cache-engine';
import { CACHE_LOG_TYPES, cacheLogGroupName, CacheLogGroups } from './cache-log-groups';
import { CacheSecurityGroups } from './cache-security-groups';
import { RedisCacheProps } from './redis-cache-props';
import { resolveRedisCacheProps } from './redis-cache-validation';

/** Length of the generated AUTH token: 64 letters and digits, about 380 bits. */
export const AUTH_TOKEN_LENGTH = 64;

/**
 * A Valkey or Redis OSS cache: an ElastiCache replication group in cluster-mode-disabled form (one
 * primary, up to five replicas), reachable only over TLS with an AUTH token, from named security
 * groups, in the isolated subnets. Data, snapshots, the connection secret and the logs are encrypted
 * with the cache's own KMS key; the slow log and engine log go to CloudWatch Logs; every node has
 * CPU, engine CPU, memory, eviction and connection alarms.
 *
 * The AUTH token comes from `random_password` (provider `random`: the stack must declare a
 * `RandomProvider`) and is kept in a Secrets Manager secret. It is in the Terraform state, never in
 * the synthesized JSON. Operators: help/cache.md.
 */
export class RedisCache extends Construct {
  /** The replication group. */
  readonly replicationGroup: ElasticacheReplicationGroup;
  /** Its id, `<namePrefix>-<name>` (shortened with a hash when over 40 characters). */
  readonly replicationGroupId: string;
  /** Ids of the nodes, `<replicationGroupId>-001` and on: the `CacheClusterId` of their metrics. */
  readonly nodeIds: readonly string[];
  /** The subnet group: where the nodes are placed. */
  readonly subnetGroup: ElasticacheSubnetGroup;
  /** The parameter group, named after its family so an engine change creates the new one first. */
  readonly parameterGroup: ElasticacheParameterGroup;
  /** The cache's security group and the client group with their rules. */
  readonly securityGroups: CacheSecurityGroups;
  /** The security group of the nodes: ingress on the port from the client and allowed groups only. */
  readonly securityGroup: SecurityGroup;
  /** Join this group to reach the cache (e.g. add it to an ECS service's security groups). */
  readonly clientSecurityGroup: SecurityGroup;
  /** The KMS key of the data at rest, the snapshots, the connection secret and the log groups. */
  readonly key: EncryptionKey;
  /** The generated AUTH token; `authToken.result` is a reference, sensitive in the state. */
  readonly authToken: Password;
  /** The connection secret (host, port, TLS, AUTH token, URL) and its value. */
  readonly authSecret: CacheConnectionSecret;
  /** The slow log and engine log groups. */
  readonly logGroups: CacheLogGroups;
  /** Every alarm, five per node. */
  readonly alarms: readonly ThresholdAlarm[];
  /** Address of the primary endpoint: reads and writes; follows a failover. */
  readonly primaryEndpoint: string;
  /** Address of the reader endpoint: reads spread over the replicas (the primary when there are none). */
  readonly readerEndpoint: string;
  /** The port. */
  readonly port: number;

  constructor(scope: Construct, id: string, props: RedisCacheProps) {
    super(scope, id);
    const c = resolveRedisCacheProps(props);
    const aws = awsContext(this);
    const label = `${c.namePrefix}-${c.name}`;
    const lifecycle: TerraformResourceLifecycle | undefined = c.preventDestroy
      ? { preventDestroy: true }
      : undefined;
    this.replicationGroupId = c.replicationGroupId;
    this.nodeIds = Array.from(
      { length: c.nodeCount },
      (_, i) => `${c.replicationGroupId}-${String(i + 1).padStart(3, '0')}`,
    );
    this.port = c.port;

    // Built from the literal names, not the groups' `arn` attribute: the key must exist before the
    // groups that use it, so its policy cannot reference them.
    const logGroupArns = CACHE_LOG_TYPES.map(
      (logType) =>
        `arn:${aws.partition}:logs:${aws.region}:${aws.accountId}:log-group:${cacheLogGroupName(c.namePrefix, c.name, logType)}`,
    );
    this.key = new EncryptionKey(this, 'key', {
      alias: label,
      description: `Encrypts ElastiCache ${c.replicationGroupId}: data at rest, snapshots, connection secret, logs`,
      preventDestroy: c.preventDestroy,
      serviceGrants: [
        {
          servicePrincipal: `logs.${aws.region}.${aws.dnsSuffix}`,
          // CloudWatch Logs puts the log group ARN in the encryption context: the key serves these groups only.
          conditions: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': logGroupArns } },
        },
      ],
    });

    this.logGroups = new CacheLogGroups(this, 'logs', {
      namePrefix: c.namePrefix,
      name: c.name,
      keyArn: this.key.keyArn,
      retentionDays: c.logRetentionDays,
    });

    this.subnetGroup = new ElasticacheSubnetGroup(this, 'subnet-group', {
      name: resourceName('elasticacheGroup', c.namePrefix, c.name),
      description: `Subnets of ElastiCache ${c.replicationGroupId}`,
      subnetIds: c.subnetIds,
      tags: nameTag(c.namePrefix, c.name),
    });

    this.parameterGroup = new ElasticacheParameterGroup(this, 'parameter-group', {
      // The family is part of the name: a new engine or major version gets a new group, created
      // before the old one is destroyed, so the replication group switches over in one modification.
      name: resourceName('elasticacheGroup', c.namePrefix, c.name, c.parameterGroupFamily),
      family: c.parameterGroupFamily,
      description: `Parameters of ElastiCache ${c.replicationGroupId} (${c.parameterGroupFamily})`,
      parameter: Object.entries({ 'maxmemory-policy': c.maxmemoryPolicy, ...c.parameters }).map(
        ([name, value]) => ({ name, value }),
      ),
      tags: nameTag(c.namePrefix, c.name, c.parameterGroupFamily),
      lifecycle: { createBeforeDestroy: true },
    });

    this.securityGroups = new CacheSecurityGroups(this, 'security-groups', {
      namePrefix: c.namePrefix,
      name: c.name,
      vpcId: c.vpcId,
      port: c.port,
      allowedSecurityGroupIds: c.allowedSecurityGroupIds,
    });
    this.securityGroup = this.securityGroups.securityGroup;
    this.clientSecurityGroup = this.securityGroups.clientSecurityGroup;

    // Letters and digits only: ElastiCache accepts a few symbols too, but these need no escaping in a
    // rediss:// URL, a shell or an environment variable, and 64 of them are ample entropy.
    this.authToken = new Password(this, 'auth-token', {
      length: AUTH_TOKEN_LENGTH,
      special: false,
      minUpper: 1,
      minLower: 1,
      minNumeric: 1,
      // A new generation replaces the password, i.e. generates a new token (help/cache.md, Rotating).
      keepers: { generation: String(c.authTokenGeneration) },
    });

    this.replicationGroup = new ElasticacheReplicationGroup(this, 'replication-group', {
      replicationGroupId: c.replicationGroupId,
      description: `${ENGINE_LABEL[c.engine]} ${c.engineVersion} for ${label}`,
      engine: c.engine,
      engineVersion: c.engineVersion,
      nodeType: c.nodeType,
      clusterMode: 'disabled',
      numCacheClusters: c.nodeCount,
      // Whenever there is a replica, it takes over from a failed primary.
      automaticFailoverEnabled: c.nodeCount >= 2,
      multiAzEnabled: c.multiAz,
      port: c.port,
      subnetGroupName: this.subnetGroup.name,
      securityGroupIds: [this.securityGroup.id],
      parameterGroupName: this.parameterGroup.name,
      atRestEncryptionEnabled: 'true',
      kmsKeyId: this.key.keyArn,
      transitEncryptionEnabled: true,
      // `required` refuses plain-text connections; `preferred` is only for migrating existing clients.
      transitEncryptionMode: 'required',
      authToken: this.authToken.result,
      authTokenUpdateStrategy: c.authTokenUpdateStrategy,
      snapshotRetentionLimit: c.snapshotRetentionDays,
      snapshotWindow: c.snapshotWindow,
      maintenanceWindow: c.maintenanceWindow,
      finalSnapshotIdentifier: c.finalSnapshot ? `${c.replicationGroupId}-final` : undefined,
      snapshotName: c.restoreFromSnapshot,
      autoMinorVersionUpgrade: String(c.autoMinorVersionUpgrade),
      applyImmediately: c.applyImmediately,
      logDeliveryConfiguration: [
        {
          destinationType: 'cloudwatch-logs',
          destination: this.logGroups.slowLog.name,
          logFormat: 'json',
          logType: 'slow-log',
        },
        {
          destinationType: 'cloudwatch-logs',
          destination: this.logGroups.engineLog.name,
          logFormat: 'json',
          logType: 'engine-log',
        },
      ],
      tags: nameTag(c.namePrefix, c.name),
      lifecycle,
    });
    this.primaryEndpoint = this.replicationGroup.primaryEndpointAddress;
    this.readerEndpoint = this.replicationGroup.readerEndpointAddress;

    this.authSecret = new CacheConnectionSecret(this, 'connection-secret', {
      namePrefix: c.namePrefix,
      name: c.name,
      keyArn: this.key.keyArn,
      authToken: this.authToken.result,
      host: this.primaryEndpoint,
      readerHost: this.readerEndpoint,
      port: c.port,
      recoveryWindowDays: c.secretRecoveryWindowDays,
      preventDestroy: c.preventDestroy,
    });

    this.alarms = new CacheAlarms(this, 'alarms', {
      namePrefix: c.namePrefix,
      name: c.name,
      nodeIds: this.nodeIds,
      thresholds: c.alarms,
      topicArn: c.alarmTopicArn,
    }).alarms;
  }
}
