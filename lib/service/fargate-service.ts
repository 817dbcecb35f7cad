import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { awsContext } from '../core/aws-context';
import { resourceName } from '../naming';
import { policyDocument, PolicyStatement } from '../security/policy-document';
import { ContainerSettings, containerDefinitionsJson, writableVolumes } from './container-definition';
import { ecrRepositoryOf, imageReference } from './container-image';
import { ServiceAutoscaling } from './service-autoscaling';
import { ServiceLogGroup } from './service-log-group';
import { FargateServiceProps, ResolvedFargateServiceProps } from './service-props';
import { ServiceRoles } from './service-roles';
import { ServiceSecurityGroup } from './service-security-group';
import { isListReference } from '../core/terraform-text';
import { resolveFargateServiceProps } from './service-validation';

/** Prefix of the service's log streams: `<prefix>/<container>/<task id>`. */
export const SERVICE_LOG_STREAM_PREFIX = 'service';
/** Prefix of the migration task's log streams: `migrate/<container>/<task id>`. */
export const MIGRATION_LOG_STREAM_PREFIX = 'migrate';
/** Service attributes Terraform leaves to others: the autoscaler owns the desired count. */
export const SERVICE_IGNORED_CHANGES = ['desired_count'];

/**
 * An ECS Fargate service behind an existing Application Load Balancer, secure and durable by default:
 *
 * - tasks in the private subnets without public IPs; their security group admits the container port
 *   from the load balancer only and lets out HTTPS and TCP inside the VPC;
 * - the container runs as PID 1 behind an init process (SIGTERM reaches the app), with a read-only
 *   root filesystem and a writable `/tmp`, never privileged, a stop timeout for draining;
 * - least-privilege roles: the execution role pulls the image (scoped to its ECR repository), writes
 *   to its log group and reads exactly the injected secrets; the task role has nothing by default;
 * - rolling deployments that keep 100 % of the tasks healthy, with the deployment circuit breaker
 *   rolling a failed deployment back; earlier task definition revisions stay registered for manual
 *   rollbacks;
 * - target tracking on CPU and on requests per task between min and max; Terraform sets the desired
 *   count only when it creates the service;
 * - logs in a KMS-encrypted log group with retention; Container Insights on the cluster;
 * - optionally a migration task definition with the same image, secrets and roles, and the network
 *   configuration `aws ecs run-task` needs to start it.
 *
 * Operators: help/service.md.
 */
export class FargateService extends Construct {
  /** The validated props, defaults applied. */
  readonly settings: ResolvedFargateServiceProps;
  /** The cluster, `<namePrefix>`. */
  readonly cluster: EcsCluster;
  /** The service, `<namePrefix>-<containerName>`. */
  readonly service: EcsService;
  /** The service's task definition (family `<namePrefix>-<containerName>`). */
  readonly taskDefinition: EcsTaskDefinition;
  /** The migration task definition (family `<namePrefix>-migrate`), when `migration` is given. */
  readonly migrationTaskDefinition?: EcsTaskDefinition;
  /**
   * `--network-configuration` of `aws ecs run-task` for the migration task (a JSON string: the
   * private subnets, the tasks' security group, no public IP), when `migration` is given.
   */
  readonly migrationNetworkConfiguration?: string;
  /** The tasks' security group. */
  readonly securityGroup: SecurityGroup;
  /** The role ECS starts the tasks with. */
  readonly executionRole: IamRole;
  /** The role the application runs with: add its permissions with {@link addTaskRolePolicy}. */
  readonly taskRole: IamRole;
  /** The containers' log group, `/ecs/<namePrefix>/<containerName>`. */
  readonly logGroup: CloudwatchLogGroup;
  /** The autoscaling target of the desired count. */
  readonly scalableTarget: AppautoscalingTarget;
  /** Target tracking on average CPU. */
  readonly cpuScalingPolicy: AppautoscalingPolicy;
  /** Target tracking on load balancer requests per task. */
  readonly requestScalingPolicy: AppautoscalingPolicy;
  /** Name of the cluster. */
  readonly clusterName: string;
  /** Name of the service. */
  readonly serviceName: string;
  /** Id of the tasks' security group (e.g. for the database's and cache's ingress rules). */
  readonly securityGroupId: string;
  /** Name of the container, in the service's and the migration's task definitions. */
  readonly containerName: string;
  /** Family of the service's task definition, `<namePrefix>-<containerName>` (roll back to `<family>:<revision>`). */
  readonly taskDefinitionFamily: string;
  /** Name of the log group, `/ecs/<namePrefix>/<containerName>`. */
  readonly logGroupName: string;

  constructor(scope: Construct, id: string, props: FargateServiceProps) {
    super(scope, id);
    const s = resolveFargateServiceProps(props);
    this.settings = s;
    const aws = awsContext(this);
    this.clusterName = s.clusterName;
    this.serviceName = s.serviceName;
    this.containerName = s.containerName;
    this.taskDefinitionFamily = s.serviceName;
    this.logGroupName = s.logGroupName;

    this.logGroup = new ServiceLogGroup(this, 'logs', {
      serviceName: s.serviceName,
      logGroupName: s.logGroupName,
      retentionDays: s.logRetentionDays,
      kmsKeyArn: s.logsKeyArn,
      preventDestroy: s.production,
    }).logGroup;

    const roles = new ServiceRoles(this, 'roles', {
      name: s.serviceName,
      logGroupArn: this.logGroup.arn,
      logsKeyArn: this.logGroup.kmsKeyId,
      ecrRepository: ecrRepositoryOf(s.image.repository),
      // In name order, so reordering the secrets in a config file leaves the policy as it is.
      secretValueFroms: Object.keys(s.secrets)
        .sort()
        .map((name) => s.secrets[name]),
      secretKmsKeyArns: s.secretKmsKeyArns,
      enableExecuteCommand: s.enableExecuteCommand,
    });
    this.executionRole = roles.executionRole;
    this.taskRole = roles.taskRole;

    this.securityGroup = new ServiceSecurityGroup(this, 'security-group', {
      namePrefix: s.namePrefix,
      containerName: s.containerName,
      vpcId: s.vpcId,
      vpcCidr: s.vpcCidr,
      containerPort: s.containerPort,
      loadBalancerSecurityGroupId: s.loadBalancerSecurityGroupId,
    }).securityGroup;
    this.securityGroupId = this.securityGroup.id;

    this.cluster = new EcsCluster(this, 'cluster', {
      name: s.clusterName,
      setting: [{ name: 'containerInsights', value: s.containerInsights }],
      // With ECS Exec on, every session's transcript goes to the service's (KMS-encrypted) log group,
      // next to the app's own lines; CloudTrail records the ExecuteCommand call itself. With it off no
      // session exists: the AWS default stays.
      configuration: s.enableExecuteCommand
        ? {
            executeCommandConfiguration: {
              // The session's data channel is encrypted with the logs key too, not only TLS.
              kmsKeyId: this.logGroup.kmsKeyId,
              logging: 'OVERRIDE',
              logConfiguration: {
                cloudWatchLogGroupName: this.logGroup.name,
                cloudWatchEncryptionEnabled: true,
              },
            },
          }
        : undefined,
      tags: { Name: s.clusterName },
    });

    // The tasks' own group first, then the ones they join (a list reference is appended whole).
    const taskSecurityGroups = isListReference(s.additionalSecurityGroupIds)
      ? Token.asList(Fn.concat([[this.securityGroupId], s.additionalSecurityGroupIds]))
      : [this.securityGroupId, ...s.additionalSecurityGroupIds];

    const volumes = writableVolumes(s.readonlyRootFilesystem, s.enableExecuteCommand);
    const container: ContainerSettings = {
      name: s.containerName,
      image: imageReference(s.image),
      environment: s.environment,
      secrets: s.secrets,
      logGroupName: this.logGroup.name,
      logRegion: aws.region,
      logStreamPrefix: SERVICE_LOG_STREAM_PREFIX,
      readonlyRootFilesystem: s.readonlyRootFilesystem,
      volumes,
      user: s.user,
      stopTimeoutSeconds: s.stopTimeoutSeconds,
      healthCheckStartPeriodSeconds: s.healthCheckGracePeriodSeconds,
    };
    const taskDefinition = (taskId: string, family: string, containerDefinitions: string) =>
      new EcsTaskDefinition(this, taskId, {
        family,
        requiresCompatibilities: ['FARGATE'],
        networkMode: 'awsvpc',
        cpu: String(s.cpu),
        memory: String(s.memoryMiB),
        runtimePlatform: { cpuArchitecture: s.architecture, operatingSystemFamily: 'LINUX' },
        executionRoleArn: this.executionRole.arn,
        taskRoleArn: this.taskRole.arn,
        containerDefinitions,
        volume: volumes.map((volume) => ({ name: volume.name })),
        // Keep the previous revision registered (ACTIVE) when Terraform registers a new one:
        // `aws ecs update-service --task-definition <family>:<revision>` refuses INACTIVE revisions,
        // so without this there would be nothing to roll back to by hand.
        skipDestroy: true,
        tags: { Name: family },
      });

    this.taskDefinition = taskDefinition(
      'task-definition',
      s.serviceName,
      containerDefinitionsJson({
        ...container,
        port: s.containerPort,
        healthCheckCommand: s.healthCheckCommand,
      }),
    );

    if (s.migration) {
      this.migrationTaskDefinition = taskDefinition(
        'migration-task-definition',
        s.migrationFamily,
        containerDefinitionsJson({
          ...container,
          command: s.migration.command,
          logStreamPrefix: MIGRATION_LOG_STREAM_PREFIX,
        }),
      );
      // jsonencode, not JSON.stringify: the subnets may be one list reference (remote state).
      this.migrationNetworkConfiguration = Fn.jsonencode({
        awsvpcConfiguration: {
          subnets: s.subnetIds,
          securityGroups: taskSecurityGroups,
          assignPublicIp: 'DISABLED',
        },
      });
    }

    this.service = new EcsService(this, 'service', {
      name: s.serviceName,
      cluster: this.cluster.arn,
      taskDefinition: this.taskDefinition.arn,
      launchType: 'FARGATE',
      platformVersion: 'LATEST',
      // Only the first value counts: afterwards the autoscaler owns it (ignore_changes below).
      desiredCount: s.minCapacity,
      networkConfiguration: {
        subnets: s.subnetIds,
        securityGroups: taskSecurityGroups,
        assignPublicIp: false,
      },
      loadBalancer: [
        { targetGroupArn: s.targetGroupArn, containerName: s.containerName, containerPort: s.containerPort },
      ],
      healthCheckGracePeriodSeconds: s.healthCheckGracePeriodSeconds,
      deploymentController: { type: 'ECS' },
      deploymentConfiguration: { strategy: 'ROLLING' },
      // Start the new tasks first, stop the old ones once the new ones are healthy: never below
      // the running count during a deployment.
      deploymentMinimumHealthyPercent: 100,
      deploymentMaximumPercent: 200,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      availabilityZoneRebalancing: 'ENABLED',
      enableExecuteCommand: s.enableExecuteCommand,
      propagateTags: 'SERVICE',
      enableEcsManagedTags: true,
      // The deploy pipeline waits for the deployment (aws ecs wait services-stable), so an apply
      // does not hold the state lock for the whole rollout.
      waitForSteadyState: false,
      tags: { Name: s.serviceName },
      // The roles' policies must outlive the service on destroy, or its tasks hang in DRAINING.
      dependsOn: [
        roles.executionRolePolicy,
        ...(roles.executeCommandPolicy ? [roles.executeCommandPolicy] : []),
      ],
      lifecycle: { ignoreChanges: SERVICE_IGNORED_CHANGES },
    });

    const scaling = new ServiceAutoscaling(this, 'autoscaling', {
      clusterName: this.cluster.name,
      serviceName: this.service.name,
      label: s.serviceName,
      minCapacity: s.minCapacity,
      maxCapacity: s.maxCapacity,
      cpuTargetPercent: s.cpuTargetPercent,
      requestsPerTarget: s.requestsPerTargetTarget,
      requestCountResourceLabel: s.requestCountResourceLabel,
      scaleInCooldownSeconds: s.scaleInCooldownSeconds,
      scaleOutCooldownSeconds: s.scaleOutCooldownSeconds,
    });
    this.scalableTarget = scaling.scalableTarget;
    this.cpuScalingPolicy = scaling.cpuScalingPolicy;
    this.requestScalingPolicy = scaling.requestScalingPolicy;
  }

  /**
   * Gives the application (the task role) the permissions in `statements`, as an inline policy
   * `<namePrefix>-<containerName>-<id>`. Scope each statement to the exact resources the app uses.
   */
  addTaskRolePolicy(id: string, statements: PolicyStatement[]): IamRolePolicy {
    return new IamRolePolicy(this, `task-policy-${id}`, {
      name: resourceName('iamPolicy', this.serviceName, id),
      role: this.taskRole.id,
      policy: policyDocument(statements),
    });
  }
}
