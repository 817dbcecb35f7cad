import { TerraformOutput, TerraformStack } from 'cdktf';
import { FARGATE_SERVICE_DEFAULTS, SERVICE_IGNORED_CHANGES } from '../../lib/service';
import { list, onlyResource, parsePolicy, policyOf, ref, resources, statement } from '../support/synth';
import {
  ACCOUNT,
  BASE_PROPS,
  containerOf,
  ecsServiceOf,
  idOf,
  named,
  REPOSITORY,
  rolePolicy,
  synthService,
  TARGET_GROUP_ARN,
  taskDefinitionOf,
} from './synth-service';

describe('FargateService defaults', () => {
  const { json, service } = synthService();
  const clusterId = idOf(json, 'aws_ecs_cluster');
  const serviceId = idOf(json, 'aws_ecs_service');
  const securityGroupId = idOf(json, 'aws_security_group');
  const logGroupId = idOf(json, 'aws_cloudwatch_log_group');
  const [executionRoleId] = named(json, 'aws_iam_role', '_execution_');
  const [taskRoleId] = named(json, 'aws_iam_role', '_task_');

  test('one cluster named after the prefix, with Container Insights and the default ECS Exec configuration', () => {
    const cluster = onlyResource(json, 'aws_ecs_cluster');
    expect(cluster.name).toBe('platform-prod');
    expect(cluster.setting).toEqual([{ name: 'containerInsights', value: 'enabled' }]);
    expect(cluster.configuration).toBeUndefined();
  });

  test('the service runs on Fargate LATEST in the private subnets, without public IPs, behind the target group', () => {
    const ecs = ecsServiceOf(json);
    expect(ecs).toMatchObject({
      name: 'platform-prod-api',
      cluster: ref('aws_ecs_cluster', clusterId, 'arn'),
      task_definition: ref(
        'aws_ecs_task_definition',
        named(json, 'aws_ecs_task_definition', '_task-definition_')[0],
        'arn',
      ),
      launch_type: 'FARGATE',
      platform_version: 'LATEST',
      network_configuration: {
        subnets: BASE_PROPS.subnetIds,
        security_groups: [ref('aws_security_group', securityGroupId)],
        assign_public_ip: false,
      },
      load_balancer: [{ target_group_arn: TARGET_GROUP_ARN, container_name: 'api', container_port: 8080 }],
      propagate_tags: 'SERVICE',
      enable_ecs_managed_tags: true,
      enable_execute_command: false,
      availability_zone_rebalancing: 'ENABLED',
    });
  });

  test('rolling deployments keep every task until its replacement is healthy, and the circuit breaker rolls back', () => {
    expect(ecsServiceOf(json)).toMatchObject({
      deployment_controller: { type: 'ECS' },
      deployment_configuration: { strategy: 'ROLLING' },
      deployment_minimum_healthy_percent: 100,
      deployment_maximum_percent: 200,
      deployment_circuit_breaker: { enable: true, rollback: true },
      health_check_grace_period_seconds: 60,
      wait_for_steady_state: false,
    });
  });

  test('the desired count starts at minCapacity and is then left to the autoscaler', () => {
    const ecs = ecsServiceOf(json);
    expect(ecs.desired_count).toBe(FARGATE_SERVICE_DEFAULTS.minCapacity);
    expect(ecs.lifecycle).toEqual({ ignore_changes: ['desired_count'] });
    expect(SERVICE_IGNORED_CHANGES).toEqual(['desired_count']);
  });

  test('the service is destroyed before the execution role policy it needs to drain', () => {
    expect(ecsServiceOf(json).depends_on).toEqual([
      `aws_iam_role_policy.${named(json, 'aws_iam_role_policy', 'execution-policy')[0]}`,
    ]);
  });

  test('the task definition: Fargate, awsvpc, 512 CPU / 1024 MiB on ARM64 Linux, both roles, old revisions kept', () => {
    expect(taskDefinitionOf(json)).toMatchObject({
      family: 'platform-prod-api',
      requires_compatibilities: ['FARGATE'],
      network_mode: 'awsvpc',
      cpu: '512',
      memory: '1024',
      runtime_platform: { cpu_architecture: 'ARM64', operating_system_family: 'LINUX' },
      execution_role_arn: ref('aws_iam_role', executionRoleId, 'arn'),
      task_role_arn: ref('aws_iam_role', taskRoleId, 'arn'),
      volume: [{ name: 'tmp' }],
      skip_destroy: true,
    });
  });

  test('the resolved container definition: image by tag, port, read-only root with /tmp, init process, logs', () => {
    expect(containerOf(taskDefinitionOf(json))).toEqual({
      name: 'api',
      image: `${REPOSITORY}:1.4.2`,
      essential: true,
      portMappings: [{ containerPort: 8080, hostPort: 8080, protocol: 'tcp' }],
      environment: [],
      secrets: [],
      readonlyRootFilesystem: true,
      mountPoints: [{ sourceVolume: 'tmp', containerPath: '/tmp', readOnly: false }],
      linuxParameters: { initProcessEnabled: true },
      stopTimeout: 120,
      logConfiguration: {
        logDriver: 'awslogs',
        options: {
          'awslogs-group': ref('aws_cloudwatch_log_group', logGroupId, 'name'),
          'awslogs-region': ref('data.aws_region', Object.keys(json.data?.aws_region ?? {})[0], 'region'),
          'awslogs-stream-prefix': 'service',
          mode: 'non-blocking',
          'max-buffer-size': '25m',
        },
      },
    });
  });

  test('the container is never privileged, runs as the image user and has no container health check', () => {
    const container = containerOf(taskDefinitionOf(json));
    expect(container.privileged).toBeUndefined();
    expect(container.user).toBeUndefined();
    expect(container.healthCheck).toBeUndefined();
    expect(container.command).toBeUndefined();
  });

  test('the log group /ecs/<prefix>/<container>: 30 days, encrypted with its own key that only it may use', () => {
    const logGroup = onlyResource(json, 'aws_cloudwatch_log_group');
    const keyId = idOf(json, 'aws_kms_key');
    expect(logGroup).toMatchObject({
      name: '/ecs/platform-prod/api',
      retention_in_days: 30,
      kms_key_id: ref('aws_kms_key', keyId, 'arn'),
    });
    const grant = statement(policyOf(onlyResource(json, 'aws_kms_key')), 'AllowService0');
    expect(grant.Principal).toEqual({ Service: expect.stringMatching(/^logs\.\$\{data\.aws_region\./) });
    expect(grant.Condition).toEqual({
      ArnEquals: {
        'kms:EncryptionContext:aws:logs:arn': expect.stringMatching(/:log-group:\/ecs\/platform-prod\/api$/),
      },
    });
    expect(onlyResource(json, 'aws_kms_alias').name).toBe('alias/platform-prod-api-logs');
  });

  test('the security group has no inline rules; ingress only from the load balancer on the container port', () => {
    const group = onlyResource(json, 'aws_security_group');
    expect(group.name).toBe('platform-prod-api-tasks');
    expect(group.vpc_id).toBe(BASE_PROPS.vpcId);
    expect(group.ingress).toBeUndefined();
    expect(group.egress).toBeUndefined();
    const ingress = Object.values(resources(json, 'aws_vpc_security_group_ingress_rule'));
    expect(ingress).toEqual([
      expect.objectContaining({
        security_group_id: ref('aws_security_group', securityGroupId),
        referenced_security_group_id: BASE_PROPS.loadBalancerSecurityGroupId,
        ip_protocol: 'tcp',
        from_port: 8080,
        to_port: 8080,
        description: expect.stringContaining('load balancer'),
      }),
    ]);
  });

  test('egress: HTTPS anywhere and TCP to the VPC only, each rule described', () => {
    const egress = Object.values(resources(json, 'aws_vpc_security_group_egress_rule'));
    expect(
      egress.map(({ ip_protocol, from_port, to_port, cidr_ipv4 }) => [
        ip_protocol,
        from_port,
        to_port,
        cidr_ipv4,
      ]),
    ).toEqual([
      ['tcp', 443, 443, '0.0.0.0/0'],
      ['tcp', 0, 65535, BASE_PROPS.vpcCidr],
    ]);
    for (const rule of egress) {
      expect(rule.security_group_id).toBe(ref('aws_security_group', securityGroupId));
      expect(rule.description).toEqual(expect.any(String));
      expect((rule.description as string).length).toBeGreaterThan(10);
    }
  });

  test('autoscaling: the desired count of this service, 2 to 4 tasks', () => {
    expect(onlyResource(json, 'aws_appautoscaling_target')).toMatchObject({
      service_namespace: 'ecs',
      resource_id: `service/${ref('aws_ecs_cluster', clusterId, 'name')}/${ref('aws_ecs_service', serviceId, 'name')}`,
      scalable_dimension: 'ecs:service:DesiredCount',
      min_capacity: 2,
      max_capacity: 4,
    });
  });

  test('target tracking on CPU (60 %) and on requests per task (1000), scale-in 300 s, scale-out 60 s', () => {
    const [targetId] = named(json, 'aws_appautoscaling_target', 'target');
    const cpu = named(json, 'aws_appautoscaling_policy', '_cpu_')[1];
    const requests = named(json, 'aws_appautoscaling_policy', '_requests_')[1];
    for (const policy of [cpu, requests]) {
      expect(policy).toMatchObject({
        policy_type: 'TargetTrackingScaling',
        resource_id: ref('aws_appautoscaling_target', targetId, 'resource_id'),
        scalable_dimension: ref('aws_appautoscaling_target', targetId, 'scalable_dimension'),
        service_namespace: ref('aws_appautoscaling_target', targetId, 'service_namespace'),
      });
    }
    expect(cpu.target_tracking_scaling_policy_configuration).toEqual({
      target_value: 60,
      predefined_metric_specification: { predefined_metric_type: 'ECSServiceAverageCPUUtilization' },
      scale_in_cooldown: 300,
      scale_out_cooldown: 60,
    });
    expect(requests.target_tracking_scaling_policy_configuration).toEqual({
      target_value: 1000,
      predefined_metric_specification: {
        predefined_metric_type: 'ALBRequestCountPerTarget',
        resource_label: `${BASE_PROPS.loadBalancerArnSuffix}/${BASE_PROPS.targetGroupArnSuffix}`,
      },
      scale_in_cooldown: 300,
      scale_out_cooldown: 60,
    });
  });

  test('both roles trust ecs-tasks of this account and region only', () => {
    for (const [, role] of [
      named(json, 'aws_iam_role', '_execution_'),
      named(json, 'aws_iam_role', '_task_'),
    ]) {
      const trust = statement(parsePolicy(role.assume_role_policy), 'EcsTasksAssumeRole');
      expect(trust.Principal).toEqual({ Service: 'ecs-tasks.amazonaws.com' });
      expect(trust.Action).toBe('sts:AssumeRole');
      expect(trust.Condition).toEqual({
        StringEquals: { 'aws:SourceAccount': expect.stringMatching(/^\$\{data\.aws_caller_identity\./) },
        ArnLike: {
          'aws:SourceArn': expect.stringMatching(
            /^arn:\$\{data\.aws_partition\..*:ecs:\$\{data\.aws_region\..*\}:\*$/,
          ),
        },
      });
    }
    expect(named(json, 'aws_iam_role', '_execution_')[1].name).toBe('platform-prod-api-execution');
    expect(named(json, 'aws_iam_role', '_task_')[1].name).toBe('platform-prod-api-task');
  });

  test('the execution role pulls from its ECR repository only and writes to its log group only', () => {
    const policy = rolePolicy(json, 'execution-policy');
    expect(policy.Statement.map((s) => s.Sid)).toEqual([
      'AuthenticateToEcr',
      'PullServiceImage',
      'WriteContainerLogs',
    ]);
    expect(statement(policy, 'AuthenticateToEcr')).toMatchObject({
      Action: 'ecr:GetAuthorizationToken',
      Resource: '*',
    });
    expect(statement(policy, 'PullServiceImage')).toMatchObject({
      Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
      Resource: expect.stringMatching(new RegExp(`:ecr:eu-west-1:${ACCOUNT}:repository/platform-api$`)),
    });
    expect(statement(policy, 'WriteContainerLogs')).toEqual({
      Sid: 'WriteContainerLogs',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: `${ref('aws_cloudwatch_log_group', logGroupId, 'arn')}:log-stream:*`,
    });
  });

  test('the task role has no permission at all by default', () => {
    expect(Object.keys(resources(json, 'aws_iam_role_policy'))).toEqual([
      named(json, 'aws_iam_role_policy', 'execution-policy')[0],
    ]);
    expect(resources(json, 'aws_iam_role_policy_attachment')).toEqual({});
  });

  test('no statement names every resource except ecr:GetAuthorizationToken, which AWS does not scope', () => {
    const wildcards = Object.values(resources(json, 'aws_iam_role_policy'))
      .flatMap((r) => policyOf(r).Statement)
      .filter((s) =>
        list(s.Resource).some((resource) => resource.includes('*') && !resource.endsWith(':log-stream:*')),
      );
    expect(wildcards.flatMap((s) => list(s.Action))).toEqual(['ecr:GetAuthorizationToken']);
  });

  test('no migration task definition unless asked for', () => {
    expect(Object.keys(resources(json, 'aws_ecs_task_definition'))).toHaveLength(1);
    expect(service.migrationTaskDefinition).toBeUndefined();
    expect(service.migrationNetworkConfiguration).toBeUndefined();
  });

  test('exposes plain names, and the underlying resources as the synthesized ones', () => {
    expect(service.clusterName).toBe('platform-prod');
    expect(service.serviceName).toBe('platform-prod-api');
    expect(service.containerName).toBe('api');
    expect(service.taskDefinitionFamily).toBe(taskDefinitionOf(json).family);
    expect(service.logGroupName).toBe(onlyResource(json, 'aws_cloudwatch_log_group').name);
    // What a stack does with them: outputs, which must reference the resources above.
    const exposed = synthService({}, (built) => {
      const scope = TerraformStack.of(built);
      const outputs: Record<string, string> = {
        securityGroupId: built.securityGroupId,
        clusterArn: built.cluster.arn,
        serviceName: built.service.name,
        taskDefinitionArn: built.taskDefinition.arn,
        logGroupArn: built.logGroup.arn,
        executionRoleArn: built.executionRole.arn,
        taskRoleArn: built.taskRole.arn,
        scalableTarget: built.scalableTarget.resourceId,
        cpuPolicy: built.cpuScalingPolicy.arn,
        requestPolicy: built.requestScalingPolicy.arn,
      };
      for (const [name, value] of Object.entries(outputs)) new TerraformOutput(scope, name, { value });
    }).json.output;
    expect(
      Object.fromEntries(Object.entries(exposed ?? {}).map(([name, output]) => [name, output.value])),
    ).toEqual({
      securityGroupId: ref('aws_security_group', securityGroupId),
      clusterArn: ref('aws_ecs_cluster', clusterId, 'arn'),
      serviceName: ref('aws_ecs_service', serviceId, 'name'),
      taskDefinitionArn: ecsServiceOf(json).task_definition,
      logGroupArn: ref('aws_cloudwatch_log_group', logGroupId, 'arn'),
      executionRoleArn: taskDefinitionOf(json).execution_role_arn,
      taskRoleArn: taskDefinitionOf(json).task_role_arn,
      scalableTarget: ref(
        'aws_appautoscaling_target',
        idOf(json, 'aws_appautoscaling_target'),
        'resource_id',
      ),
      cpuPolicy: ref(
        'aws_appautoscaling_policy',
        named(json, 'aws_appautoscaling_policy', '_cpu_')[0],
        'arn',
      ),
      requestPolicy: ref(
        'aws_appautoscaling_policy',
        named(json, 'aws_appautoscaling_policy', '_requests_')[0],
        'arn',
      ),
    });
  });

  test('every reference resolves: no cdktf token is left in the synthesized JSON', () => {
    expect(JSON.stringify(json)).not.toContain('TfToken');
  });
});
