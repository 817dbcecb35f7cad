import { TerraformVariable } from 'cdktf';
import { ref } from '../support/synth';
import {
  BASE_PROPS,
  containerOf,
  idOf,
  JWT_SECRET_ARN,
  named,
  REPOSITORY,
  SECRETS_KEY_ARN,
  synthService,
  taskDefinitionOf,
} from './synth-service';

describe('FargateService migration task', () => {
  const { json, service } = synthService({
    migration: { command: ['npm', 'run', 'migrate'] },
    environment: { LOG_LEVEL: 'info' },
    secrets: { JWT_SECRET: JWT_SECRET_ARN },
    secretKmsKeyArns: [SECRETS_KEY_ARN],
    healthCheckCommand: ['CMD', '/app/healthcheck'],
    cpu: 1024,
    memoryMiB: 2048,
  });
  const [, migration] = named(json, 'aws_ecs_task_definition', 'migration-task-definition');
  const app = taskDefinitionOf(json);

  test('a second task definition, family <prefix>-migrate, sized and placed like the service', () => {
    expect(migration).toMatchObject({
      family: 'platform-prod-migrate',
      requires_compatibilities: ['FARGATE'],
      network_mode: 'awsvpc',
      cpu: '1024',
      memory: '2048',
      runtime_platform: app.runtime_platform,
      execution_role_arn: app.execution_role_arn,
      task_role_arn: app.task_role_arn,
      volume: app.volume,
      skip_destroy: true,
    });
  });

  test('same image, environment, secrets and log group; the migration command; no port; logs under migrate/', () => {
    const container = containerOf(migration);
    const appContainer = containerOf(app);
    expect(container).toMatchObject({
      name: 'api',
      image: `${REPOSITORY}:1.4.2`,
      essential: true,
      command: ['npm', 'run', 'migrate'],
      environment: appContainer.environment,
      secrets: appContainer.secrets,
      readonlyRootFilesystem: true,
      linuxParameters: { initProcessEnabled: true },
    });
    expect(container.portMappings).toBeUndefined();
    expect(container.healthCheck).toBeUndefined();
    expect(container.logConfiguration.options).toEqual({
      ...appContainer.logConfiguration.options,
      'awslogs-stream-prefix': 'migrate',
    });
  });

  test('the run-task network configuration: private subnets, the tasks security group, no public IP', () => {
    const value = json.output?.migration_network_configuration.value as string;
    const securityGroup = ref('aws_security_group', idOf(json, 'aws_security_group')).slice(2, -1);
    expect(value.startsWith('${jsonencode({"awsvpcConfiguration" = {')).toBe(true);
    expect(value).toContain(`"subnets" = [${BASE_PROPS.subnetIds.map((id) => `"${id}"`).join(', ')}]`);
    expect(value).toContain(`"securityGroups" = [${securityGroup}]`);
    expect(value).toContain('"assignPublicIp" = "DISABLED"');
    expect(service.migrationTaskDefinition).toBeDefined();
  });

  test('with subnets from remote state, the network configuration references the list as a whole', () => {
    const { json: fromState } = synthService((scope) => ({
      migration: { command: ['./migrate'] },
      subnetIds: new TerraformVariable(scope, 'private_subnet_ids', { type: 'list(string)' }).listValue,
    }));
    const value = fromState.output?.migration_network_configuration.value as string;
    expect(value).toContain('"subnets" = var.private_subnet_ids');
  });
});
