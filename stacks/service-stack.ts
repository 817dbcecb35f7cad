import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { databaseHasProxyOf } from '../config/derived';
import type { EnvironmentConfig } from '../config/schema';
import { awsContext } from '../lib/core';
import { MonthlyBudget } from '../lib/cost';
import { EnvironmentDashboard, ErrorLogAlarm, LoadBalancerAlarms, ServiceAlarms } from '../lib/observability';
import { FargateService } from '../lib/service';
import { publishContract } from '../lib/state';
import { DATA_CONTRACT } from './contracts/data-contract';
import { EDGE_CONTRACT } from './contracts/edge-contract';
import { NETWORK_CONTRACT } from './contracts/network-contract';
import { SERVICE_CONTRACT } from './contracts/service-contract';
import { EnvironmentStack } from './environment-stack';

/** The Terraform address the deploy pipeline applies first (`-target`), before running migrations. */
export const MIGRATION_TASK_DEFINITION_ID = 'migration_task_definition';

/**
 * `<env>-service`: the API on ECS Fargate behind the edge stack's load balancer, its alarms, the
 * environment's dashboard and its cost budget. Everything it connects to comes from the network,
 * data and edge contracts through remote state: deploying network -> data -> edge -> service needs
 * no hand-copied value.
 *
 * The tasks join the database's and the cache's client security groups (the data stack made them
 * for this), and read only the secrets the data stack published.
 */
export class ServiceStack extends EnvironmentStack {
  readonly service: FargateService;
  readonly dashboard: EnvironmentDashboard;
  readonly budget: MonthlyBudget;

  constructor(scope: Construct, environment: EnvironmentConfig) {
    super(scope, environment, 'service');
    const network = this.readUpstream(NETWORK_CONTRACT);
    const data = this.readUpstream(DATA_CONTRACT);
    const edge = this.readUpstream(EDGE_CONTRACT);
    const { production, service: config } = environment;
    const { database } = environment.data;
    const hasProxy = databaseHasProxyOf(environment);
    const topicArn = network.alertTopicArn;

    const siteOrigins = [`https://${environment.domain.name}`, `https://www.${environment.domain.name}`];
    // The database the app uses: the primary, through the proxy when there is one (it pools
    // connections and survives failovers); or, after a restore with `cutover: true`, the restored
    // instance, which has no proxy of its own (help/rollback.md).
    const primaryHost = hasProxy ? data.databaseProxyEndpoint : data.databaseAddress;
    const target = database.restore?.cutover
      ? {
          host: data.restoredDatabaseAddress,
          readerHost: data.restoredDatabaseAddress,
          secretArn: data.restoredDatabaseMasterSecretArn,
          securityGroupId: data.restoredDatabaseSecurityGroupId,
          kmsKeyArn: data.restoredDatabaseKmsKeyArn,
          iamAuth: false,
        }
      : {
          host: primaryHost,
          readerHost: database.readReplica ? data.databaseReaderAddress : primaryHost,
          secretArn: data.databaseMasterSecretArn,
          securityGroupId: data.databaseSecurityGroupId,
          kmsKeyArn: data.databaseKmsKeyArn,
          iamAuth: hasProxy,
        };
    this.service = new FargateService(this, 'api', {
      namePrefix: this.namePrefix,
      production,
      vpcId: network.vpcId,
      vpcCidr: network.vpcCidr,
      subnetIds: network.privateSubnetIds,
      additionalSecurityGroupIds: [target.securityGroupId, data.cacheSecurityGroupId],
      loadBalancerSecurityGroupId: edge.loadBalancerSecurityGroupId,
      targetGroupArn: edge.targetGroupArn,
      targetGroupArnSuffix: edge.targetGroupArnSuffix,
      loadBalancerArnSuffix: edge.loadBalancerArnSuffix,
      image: config.image,
      cpu: config.cpu,
      memoryMiB: config.memoryMiB,
      architecture: config.architecture,
      containerPort: environment.edge.containerPort,
      environment: {
        ...config.environment,
        APP_ENV: environment.name,
        PORT: String(environment.edge.containerPort),
        PUBLIC_URL: `https://${environment.domain.name}`,
        API_URL: `https://${edge.apiDomainName}`,
        CORS_ALLOWED_ORIGINS: siteOrigins.join(','),
        WEBSOCKET_ALLOWED_ORIGINS: siteOrigins.join(','),
        DATABASE_HOST: target.host,
        DATABASE_READER_HOST: target.readerHost,
        DATABASE_PORT: Fn.tostring(data.databasePort),
        DATABASE_NAME: data.databaseName,
        DATABASE_SSL: 'true',
        DATABASE_IAM_AUTH: target.iamAuth ? 'true' : 'false',
        REDIS_HOST: data.cachePrimaryEndpoint,
        REDIS_PORT: Fn.tostring(data.cachePort),
        REDIS_TLS: 'true',
      },
      secrets: {
        // RDS manages the master secret as JSON; ECS picks single keys with `<arn>:<key>::`.
        DATABASE_USERNAME: `${target.secretArn}:username::`,
        DATABASE_PASSWORD: `${target.secretArn}:password::`,
        REDIS_URL: `${data.cacheAuthSecretArn}:url::`,
        REDIS_AUTH_TOKEN: `${data.cacheAuthSecretArn}:auth_token::`,
        JWT_SECRET: data.jwtSecretArn,
        WEBHOOK_SECRET: data.webhookSecretArn,
        GITHUB_CLIENT_ID: data.githubClientIdSecretArn,
        GITHUB_CLIENT_SECRET: data.githubClientSecretArn,
      },
      secretKmsKeyArns: Fn.concat([data.secretsKmsKeyArns, [target.kmsKeyArn, data.cacheKmsKeyArn]]),
      minCapacity: config.minTasks,
      maxCapacity: config.maxTasks,
      cpuTargetPercent: config.cpuTargetPercent,
      requestsPerTargetTarget: config.requestsPerTarget,
      healthCheckGracePeriodSeconds: config.healthCheckGracePeriodSeconds,
      stopTimeoutSeconds: config.stopTimeoutSeconds,
      enableExecuteCommand: !production,
      logRetentionDays: config.logRetentionDays,
      migration: { command: config.migrationCommand },
    });
    if (target.iamAuth) {
      // The proxy admits IAM tokens only (no password that rotates under running tasks): the app
      // signs one with its task role for the proxy's user (DATABASE_IAM_AUTH, help/service.md).
      const aws = awsContext(this);
      this.service.addTaskRolePolicy('database-connect', [
        {
          Sid: 'ConnectThroughTheProxy',
          Effect: 'Allow',
          Action: ['rds-db:connect'],
          Resource: `arn:${aws.partition}:rds-db:${environment.region}:${aws.accountId}:dbuser:${data.databaseProxyResourceId}/${data.databaseMasterUsername}`,
        },
      ]);
    }
    // A fixed address, so the pipeline can apply the migration task definition alone first.
    this.service.migrationTaskDefinition!.overrideLogicalId(MIGRATION_TASK_DEFINITION_ID);

    const loadBalancerAlarms = new LoadBalancerAlarms(this, 'load-balancer-alarms', {
      namePrefix: this.namePrefix,
      topicArn,
      loadBalancerArnSuffix: edge.loadBalancerArnSuffix,
      targetGroupArnSuffix: edge.targetGroupArnSuffix,
      thresholds: {
        loadBalancer5xxPercent: config.alarms.loadBalancer5xxPercent,
        target5xxPercent: config.alarms.target5xxPercent,
        p99LatencySeconds: config.alarms.p99LatencySeconds,
      },
    });
    const serviceAlarms = new ServiceAlarms(this, 'service-alarms', {
      namePrefix: this.namePrefix,
      topicArn,
      clusterName: this.service.clusterName,
      serviceName: this.service.serviceName,
      minimumTasks: config.minTasks,
      thresholds: { cpuPercent: config.alarms.cpuPercent, memoryPercent: config.alarms.memoryPercent },
    });
    const errorLogs = new ErrorLogAlarm(this, 'error-logs', {
      namePrefix: this.namePrefix,
      topicArn,
      logGroupName: this.service.logGroup.name,
      threshold: config.alarms.errorLogsPer5Minutes,
    });

    this.dashboard = new EnvironmentDashboard(this, 'dashboard', {
      namePrefix: this.namePrefix,
      region: environment.region,
      edge: {
        distributionId: edge.distributionId,
        loadBalancerArnSuffix: edge.loadBalancerArnSuffix,
        targetGroupArnSuffix: edge.targetGroupArnSuffix,
      },
      service: {
        clusterName: this.service.clusterName,
        serviceName: this.service.serviceName,
        errorLogMetric: { namespace: errorLogs.metricNamespace, metricName: errorLogs.metricName },
      },
      database: {
        instanceIdentifier: data.databaseIdentifier,
        ...(hasProxy ? { proxyName: data.databaseProxyName } : {}),
        ...(database.readReplica ? { replicaIdentifier: data.databaseReplicaIdentifier } : {}),
      },
      cache: { replicationGroupId: data.cacheReplicationGroupId },
      alarmArns: [...loadBalancerAlarms.alarmArns, ...serviceAlarms.alarmArns, ...errorLogs.alarmArns],
    });

    this.budget = new MonthlyBudget(this, 'budget', {
      namePrefix: this.namePrefix,
      limitUsd: environment.budget.monthlyLimitUsd,
      // dev and staging share an account: the environment tag keeps each budget to its own costs.
      costAllocationTag: { key: 'environment', value: environment.name },
      topicArn,
      emails: environment.budget.emails,
    });

    const migration = this.service.migrationTaskDefinition!;
    publishContract(this, SERVICE_CONTRACT, {
      clusterName: this.service.clusterName,
      serviceName: this.service.serviceName,
      taskDefinitionFamily: this.service.taskDefinition.family,
      migrationTaskDefinitionArn: migration.arn,
      migrationContainerName: this.service.containerName,
      migrationNetworkConfiguration: this.service.migrationNetworkConfiguration!,
      logGroupName: this.service.logGroup.name,
      serviceSecurityGroupId: this.service.securityGroupId,
    });
  }
}
