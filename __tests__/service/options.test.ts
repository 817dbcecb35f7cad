import { Fn, TerraformVariable } from 'cdktf';
import { list, onlyResource, policyOf, ref, resources, statement } from '../support/synth';
import {
  containerOf,
  DB_SECRET_ARN,
  ecsServiceOf,
  idOf,
  JWT_SECRET_ARN,
  named,
  REPOSITORY,
  rolePolicy,
  SECRETS_KEY_ARN,
  synthService,
  taskDefinitionOf,
} from './synth-service';

const DIGEST = `sha256:${'ab12'.repeat(16)}`;

describe('FargateService options', () => {
  test('cpu, memory and architecture size the task definition', () => {
    const { json } = synthService({ cpu: 2048, memoryMiB: 5120, architecture: 'X86_64' });
    expect(taskDefinitionOf(json)).toMatchObject({
      cpu: '2048',
      memory: '5120',
      runtime_platform: { cpu_architecture: 'X86_64', operating_system_family: 'LINUX' },
    });
  });

  test('containerName and containerPort name the resources and open the port everywhere it matters', () => {
    const { json } = synthService({ containerName: 'web', containerPort: 3000 });
    expect(ecsServiceOf(json)).toMatchObject({
      name: 'platform-prod-web',
      load_balancer: [expect.objectContaining({ container_name: 'web', container_port: 3000 })],
    });
    expect(taskDefinitionOf(json).family).toBe('platform-prod-web');
    expect(containerOf(taskDefinitionOf(json))).toMatchObject({
      name: 'web',
      portMappings: [{ containerPort: 3000, hostPort: 3000, protocol: 'tcp' }],
    });
    expect(onlyResource(json, 'aws_vpc_security_group_ingress_rule')).toMatchObject({
      from_port: 3000,
      to_port: 3000,
    });
    expect(onlyResource(json, 'aws_cloudwatch_log_group').name).toBe('/ecs/platform-prod/web');
    expect(onlyResource(json, 'aws_security_group').name).toBe('platform-prod-web-tasks');
  });

  test('environment variables and secrets are injected in name order', () => {
    const { json } = synthService({
      environment: { LOG_LEVEL: 'info', APP_ENV: 'production' },
      secrets: { JWT_SECRET: JWT_SECRET_ARN, DATABASE_PASSWORD: `${DB_SECRET_ARN}:password::` },
      secretKmsKeyArns: [SECRETS_KEY_ARN],
    });
    const container = containerOf(taskDefinitionOf(json));
    expect(container.environment).toEqual([
      { name: 'APP_ENV', value: 'production' },
      { name: 'LOG_LEVEL', value: 'info' },
    ]);
    expect(container.secrets).toEqual([
      { name: 'DATABASE_PASSWORD', valueFrom: `${DB_SECRET_ARN}:password::` },
      { name: 'JWT_SECRET', valueFrom: JWT_SECRET_ARN },
    ]);
  });

  test('the execution role reads exactly the given secrets (without the JSON key) and decrypts only through Secrets Manager', () => {
    const { json } = synthService({
      secrets: {
        DATABASE_USERNAME: `${DB_SECRET_ARN}:username::`,
        DATABASE_PASSWORD: `${DB_SECRET_ARN}:password::`,
        JWT_SECRET: JWT_SECRET_ARN,
      },
      secretKmsKeyArns: [SECRETS_KEY_ARN],
    });
    const policy = rolePolicy(json, 'execution-policy');
    expect(statement(policy, 'ReadApplicationSecrets')).toMatchObject({
      Action: 'secretsmanager:GetSecretValue',
      Resource: [DB_SECRET_ARN, JWT_SECRET_ARN],
    });
    const decrypt = statement(policy, 'DecryptApplicationSecrets');
    expect(decrypt).toMatchObject({ Action: 'kms:Decrypt', Resource: [SECRETS_KEY_ARN] });
    expect(decrypt.Condition).toEqual({
      StringEquals: {
        'kms:ViaService': expect.stringMatching(
          /^secretsmanager\.\$\{data\.aws_region\..*\}\.amazonaws\.com$/,
        ),
      },
    });
  });

  test('secrets under the AWS managed key get no KMS statement', () => {
    const { json } = synthService({ secrets: { JWT_SECRET: JWT_SECRET_ARN } });
    const policy = rolePolicy(json, 'execution-policy');
    expect(statement(policy, 'ReadApplicationSecrets').Resource).toEqual([JWT_SECRET_ARN]);
    expect(policy.Statement.flatMap((s) => list(s.Action)).filter((a) => a.startsWith('kms:'))).toEqual([]);
  });

  test('secret ARNs and environment values may be references (remote state outputs); they resolve in the definition', () => {
    const { json } = synthService((scope) => {
      // Read once and used twice, as a stack does with a remote state output: one IAM resource.
      const secret = new TerraformVariable(scope, 'database_secret_arn', { type: 'string' }).stringValue;
      const key = new TerraformVariable(scope, 'database_key_arn', { type: 'string' });
      const host = new TerraformVariable(scope, 'database_host', { type: 'string' });
      return {
        environment: {
          DATABASE_HOST: host.stringValue,
          DATABASE_URL: `postgres://${host.stringValue}:5432/app`,
        },
        secrets: { DATABASE_PASSWORD: `${secret}:password::`, DATABASE_SECRET: secret },
        secretKmsKeyArns: [key.stringValue],
      };
    });
    const container = containerOf(taskDefinitionOf(json));
    expect(container.environment).toEqual([
      { name: 'DATABASE_HOST', value: '${var.database_host}' },
      { name: 'DATABASE_URL', value: 'postgres://${var.database_host}:5432/app' },
    ]);
    expect(container.secrets).toEqual([
      { name: 'DATABASE_PASSWORD', valueFrom: '${var.database_secret_arn}:password::' },
      { name: 'DATABASE_SECRET', valueFrom: '${var.database_secret_arn}' },
    ]);
    const policy = rolePolicy(json, 'execution-policy');
    expect(statement(policy, 'ReadApplicationSecrets').Resource).toEqual(['${var.database_secret_arn}']);
    expect(statement(policy, 'DecryptApplicationSecrets').Resource).toEqual(['${var.database_key_arn}']);
  });

  test("literal ${ and %{ reach the container as written: escaped for Terraform's templates, references untouched", () => {
    const { json } = synthService((scope) => {
      const host = new TerraformVariable(scope, 'host', { type: 'string' });
      return {
        environment: { GREETING: 'hello ${USER} %{x} "quoted" \\ done', MIXED: `\${A}-${host.stringValue}` },
        healthCheckCommand: ['CMD-SHELL', 'wget -qO- http://localhost:${PORT}/health || exit 1'],
      };
    });
    const container = containerOf(taskDefinitionOf(json));
    expect(container.environment).toEqual([
      { name: 'GREETING', value: 'hello $${USER} %%{x} "quoted" \\ done' },
      { name: 'MIXED', value: '$${A}-${var.host}' },
    ]);
    expect((container.healthCheck as { command: string[] }).command[1]).toBe(
      'wget -qO- http://localhost:$${PORT}/health || exit 1',
    );
  });

  test('capacity, targets and cooldowns reach the service and the scaling policies', () => {
    const { json } = synthService({
      minCapacity: 3,
      maxCapacity: 12,
      cpuTargetPercent: 45,
      requestsPerTargetTarget: 250,
      scaleInCooldownSeconds: 600,
      scaleOutCooldownSeconds: 30,
    });
    expect(ecsServiceOf(json).desired_count).toBe(3);
    expect(onlyResource(json, 'aws_appautoscaling_target')).toMatchObject({
      min_capacity: 3,
      max_capacity: 12,
    });
    const config = (part: string) =>
      named(json, 'aws_appautoscaling_policy', part)[1].target_tracking_scaling_policy_configuration;
    expect(config('_cpu_')).toMatchObject({
      target_value: 45,
      scale_in_cooldown: 600,
      scale_out_cooldown: 30,
    });
    expect(config('_requests_')).toMatchObject({
      target_value: 250,
      scale_in_cooldown: 600,
      scale_out_cooldown: 30,
    });
  });

  test('a container health check with the grace period as its start period (at most 300 s)', () => {
    const command = ['CMD', '/app/healthcheck'];
    const short = containerOf(
      taskDefinitionOf(synthService({ healthCheckCommand: command, healthCheckGracePeriodSeconds: 90 }).json),
    );
    expect(short.healthCheck).toEqual({ command, interval: 30, timeout: 5, retries: 3, startPeriod: 90 });
    const { json } = synthService({ healthCheckCommand: command, healthCheckGracePeriodSeconds: 600 });
    expect((containerOf(taskDefinitionOf(json)).healthCheck as { startPeriod: number }).startPeriod).toBe(
      300,
    );
    expect(ecsServiceOf(json).health_check_grace_period_seconds).toBe(600);
  });

  test('stopTimeoutSeconds, user and a writable root filesystem', () => {
    const { json } = synthService({
      stopTimeoutSeconds: 30,
      user: '1000:1000',
      readonlyRootFilesystem: false,
    });
    expect(containerOf(taskDefinitionOf(json))).toMatchObject({
      stopTimeout: 30,
      user: '1000:1000',
      readonlyRootFilesystem: false,
      mountPoints: [{ sourceVolume: 'tmp', containerPath: '/tmp', readOnly: false }],
    });
  });

  test('ECS Exec: the service flag, the channel actions and the transcript log group in the task role, writable SSM agent directories', () => {
    const { json } = synthService({ enableExecuteCommand: true });
    expect(ecsServiceOf(json).enable_execute_command).toBe(true);
    const [logGroupId] = named(json, 'aws_cloudwatch_log_group', '');
    const logGroupArn = `\${aws_cloudwatch_log_group.${logGroupId}.arn}`;
    const logGroupName = `\${aws_cloudwatch_log_group.${logGroupId}.name}`;
    const logsKeyArn = `\${aws_cloudwatch_log_group.${logGroupId}.kms_key_id}`;
    const [, policyResource] = named(json, 'aws_iam_role_policy', 'execute-command-policy');
    expect(policyResource.role).toBe(ref('aws_iam_role', named(json, 'aws_iam_role', '_task_')[0]));
    expect(policyOf(policyResource).Statement).toEqual([
      {
        Sid: 'EcsExecSessionChannels',
        Effect: 'Allow',
        Action: [
          'ssmmessages:CreateControlChannel',
          'ssmmessages:CreateDataChannel',
          'ssmmessages:OpenControlChannel',
          'ssmmessages:OpenDataChannel',
        ],
        Resource: '*',
      },
      {
        Sid: 'EcsExecSessionTranscript',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
        Resource: [logGroupArn, `${logGroupArn}:log-stream:*`],
      },
      { Sid: 'EcsExecSessionKey', Effect: 'Allow', Action: ['kms:Decrypt'], Resource: logsKeyArn },
      { Sid: 'EcsExecFindLogGroup', Effect: 'Allow', Action: ['logs:DescribeLogGroups'], Resource: '*' },
    ]);
    expect(taskDefinitionOf(json).volume).toEqual([
      { name: 'tmp' },
      { name: 'ssm-state' },
      { name: 'ssm-logs' },
    ]);
    expect(containerOf(taskDefinitionOf(json)).mountPoints.map((m) => m.containerPath)).toEqual([
      '/tmp',
      '/var/lib/amazon',
      '/var/log/amazon',
    ]);
    expect(ecsServiceOf(json).depends_on).toHaveLength(2);
    // Every session's transcript goes to the service's encrypted log group.
    expect(onlyResource(json, 'aws_ecs_cluster').configuration).toEqual({
      execute_command_configuration: {
        kms_key_id: logsKeyArn,
        logging: 'OVERRIDE',
        log_configuration: { cloud_watch_log_group_name: logGroupName, cloud_watch_encryption_enabled: true },
      },
    });
  });

  test('ECS Exec with a writable root filesystem needs no extra volume', () => {
    const { json } = synthService({ enableExecuteCommand: true, readonlyRootFilesystem: false });
    expect(taskDefinitionOf(json).volume).toEqual([{ name: 'tmp' }]);
  });

  test("with ECS Exec, the only '*' resources are ecr:GetAuthorizationToken, the session channels and the log group lookup", () => {
    const { json } = synthService({ enableExecuteCommand: true });
    const wildcards = Object.values(resources(json, 'aws_iam_role_policy'))
      .flatMap((r) => policyOf(r).Statement)
      .filter((s) => list(s.Resource).includes('*'))
      .flatMap((s) => list(s.Action));
    expect(wildcards.sort()).toEqual([
      'ecr:GetAuthorizationToken',
      'logs:DescribeLogGroups',
      'ssmmessages:CreateControlChannel',
      'ssmmessages:CreateDataChannel',
      'ssmmessages:OpenControlChannel',
      'ssmmessages:OpenDataChannel',
    ]);
  });

  test('enhanced Container Insights', () => {
    const { json } = synthService({ containerInsights: 'enhanced' });
    expect(onlyResource(json, 'aws_ecs_cluster').setting).toEqual([
      { name: 'containerInsights', value: 'enhanced' },
    ]);
  });

  test('a given logs key replaces the key of its own; retention from logRetentionDays', () => {
    const logsKeyArn = 'arn:aws:kms:eu-west-1:222222222222:key/0000aaaa-11bb-22cc-33dd-444444eeeeee';
    const { json } = synthService({ logsKeyArn, logRetentionDays: 365 });
    expect(resources(json, 'aws_kms_key')).toEqual({});
    expect(onlyResource(json, 'aws_cloudwatch_log_group')).toMatchObject({
      kms_key_id: logsKeyArn,
      retention_in_days: 365,
    });
  });

  test('production keeps the logs a year by default (the audit floor); a set retention wins', () => {
    const production = synthService({ production: true });
    expect(onlyResource(production.json, 'aws_cloudwatch_log_group').retention_in_days).toBe(365);
    const set = synthService({ production: true, logRetentionDays: 731 });
    expect(onlyResource(set.json, 'aws_cloudwatch_log_group').retention_in_days).toBe(731);
  });

  test('an image by digest runs exactly that digest', () => {
    const { json } = synthService({ image: { repository: REPOSITORY, digest: DIGEST }, production: true });
    expect(containerOf(taskDefinitionOf(json)).image).toBe(`${REPOSITORY}@${DIGEST}`);
  });

  test('outside production the tag latest is accepted', () => {
    const { json } = synthService({ image: { repository: REPOSITORY, tag: 'latest' } });
    expect(containerOf(taskDefinitionOf(json)).image).toBe(`${REPOSITORY}:latest`);
  });

  test('an image outside ECR gets no ECR permission', () => {
    const { json } = synthService({ image: { repository: 'ghcr.io/example-org/api', tag: '1.4.2' } });
    const policy = rolePolicy(json, 'execution-policy');
    expect(policy.Statement.map((s) => s.Sid)).toEqual(['WriteContainerLogs']);
    expect(containerOf(taskDefinitionOf(json)).image).toBe('ghcr.io/example-org/api:1.4.2');
  });

  test('an ECR image of another account and region is pulled from that repository', () => {
    const repository = '333333333333.dkr.ecr.us-east-1.amazonaws.com/shared/api';
    const { json } = synthService({ image: { repository, tag: 'v2' } });
    expect(statement(rolePolicy(json, 'execution-policy'), 'PullServiceImage').Resource).toMatch(
      /:ecr:us-east-1:333333333333:repository\/shared\/api$/,
    );
  });

  test('the keys may be one list reference (Fn.concat of remote state outputs): Terraform writes the array', () => {
    const { json } = synthService((scope) => {
      const keys = new TerraformVariable(scope, 'secret_keys', { type: 'list(string)' });
      const databaseKey = new TerraformVariable(scope, 'database_key', { type: 'string' });
      return {
        secrets: { JWT_SECRET: JWT_SECRET_ARN },
        secretKmsKeyArns: Fn.concat([keys.listValue, [databaseKey.stringValue]]),
      };
    });
    const policy = named(json, 'aws_iam_role_policy', 'execution-policy')[1].policy as string;
    expect(policy).toContain(
      '{"Sid":"DecryptApplicationSecrets","Effect":"Allow","Action":"kms:Decrypt","Resource":${jsonencode(concat(var.secret_keys, [var.database_key]))},',
    );
    expect(policy).not.toContain('secret-kms-key-arns');
  });

  test('the tasks join additional security groups, in the service and in the migration task', () => {
    const extra = ['sg-0aaaaaaaaaaaaaaa1', 'sg-0bbbbbbbbbbbbbbb2'];
    const { json } = synthService({
      additionalSecurityGroupIds: extra,
      migration: { command: ['./migrate'] },
    });
    const own = ref('aws_security_group', idOf(json, 'aws_security_group'));
    expect(
      (ecsServiceOf(json).network_configuration as { security_groups: string[] }).security_groups,
    ).toEqual([own, ...extra]);
    expect(json.output?.migration_network_configuration.value).toContain(
      `"securityGroups" = [${own.slice(2, -1)}, "${extra[0]}", "${extra[1]}"]`,
    );
  });

  test('additional security groups may be one list reference', () => {
    const { json } = synthService((scope) => ({
      additionalSecurityGroupIds: new TerraformVariable(scope, 'client_groups', { type: 'list(string)' })
        .listValue,
    }));
    const own = ref('aws_security_group', idOf(json, 'aws_security_group')).slice(2, -1);
    expect((ecsServiceOf(json).network_configuration as { security_groups: unknown }).security_groups).toBe(
      '${concat([' + own + '], var.client_groups)}',
    );
  });

  test('subnets may be one list reference (remote state)', () => {
    const { json } = synthService((scope) => ({
      subnetIds: new TerraformVariable(scope, 'private_subnet_ids', { type: 'list(string)' }).listValue,
    }));
    expect((ecsServiceOf(json).network_configuration as { subnets: unknown }).subnets).toBe(
      '${var.private_subnet_ids}',
    );
  });

  test('addTaskRolePolicy gives the application its own, named permissions', () => {
    const bucketArn = 'arn:aws:s3:::platform-prod-uploads';
    const { json } = synthService({}, (service) =>
      service.addTaskRolePolicy('uploads', [
        { Sid: 'ReadUploads', Effect: 'Allow', Action: 's3:GetObject', Resource: `${bucketArn}/*` },
      ]),
    );
    const [, policy] = named(json, 'aws_iam_role_policy', 'task-policy-uploads');
    expect(policy.name).toBe('platform-prod-api-uploads');
    expect(policy.role).toBe(ref('aws_iam_role', named(json, 'aws_iam_role', '_task_')[0]));
    expect(statement(policyOf(policy), 'ReadUploads').Resource).toBe(`${bucketArn}/*`);
    expect(idOf(json, 'aws_ecs_service')).toBeDefined();
  });
});
