import { Testing } from 'cdktf';
import { loadEnvironments } from '../../config/load';
import { EnvironmentConfig } from '../../config/schema';
import { DATA_CONTRACT } from '../../stacks/contracts/data-contract';
import { EDGE_CONTRACT } from '../../stacks/contracts/edge-contract';
import { NETWORK_CONTRACT } from '../../stacks/contracts/network-contract';
import { SERVICE_CONTRACT } from '../../stacks/contracts/service-contract';
import { MIGRATION_TASK_DEFINITION_ID, ServiceStack } from '../../stacks/service-stack';
import { resources, synthJson, TerraformJson } from '../support/synth';

const bundled = new Map(loadEnvironments('config/environments').map((e) => [e.config.name, e.config]));

function synthService(config: EnvironmentConfig): TerraformJson {
  return synthJson(new ServiceStack(Testing.app(), config));
}

const remote = (layer: string, output: string) =>
  `\${data.terraform_remote_state.${layer}-state.outputs.${output}}`;

function only(json: TerraformJson, type: string): Record<string, unknown> {
  const all = Object.values(resources(json, type));
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}

/** The service's container definition (not the migration's), parsed. */
function apiContainer(json: TerraformJson): Record<string, unknown> {
  const definitions = resources(json, 'aws_ecs_task_definition');
  const [service] = Object.entries(definitions).filter(([id]) => id !== MIGRATION_TASK_DEFINITION_ID);
  return (JSON.parse(service[1].container_definitions as string) as Record<string, unknown>[])[0];
}

function variables(
  container: Record<string, unknown>,
  key: 'environment' | 'secrets',
): Record<string, string> {
  const list = container[key] as { name: string; value?: string; valueFrom?: string }[];
  return Object.fromEntries(list.map((v) => [v.name, (v.value ?? v.valueFrom) as string]));
}

describe('ServiceStack', () => {
  const prod = synthService(bundled.get('prod')!);
  const dev = synthService(bundled.get('dev')!);

  it('keeps its state at <env>/service.tfstate and reads network, data and edge through remote state', () => {
    expect(prod.terraform!.backend!.s3).toMatchObject({ key: 'prod/service.tfstate', encrypt: true });
    for (const layer of ['network', 'data', 'edge']) {
      expect(prod.data!.terraform_remote_state[`${layer}-state`]).toEqual({
        backend: 's3',
        config: {
          bucket: 'platform-tfstate-222222222222',
          key: `prod/${layer}.tfstate`,
          region: 'eu-west-1',
        },
      });
    }
    const service = only(prod, 'aws_ecs_service');
    expect(service.network_configuration).toMatchObject({
      assign_public_ip: false,
      subnets: remote('network', 'privateSubnetIds'),
    });
    // The tasks join the database's and the cache's client groups: that is what admits them there.
    expect((service.network_configuration as { security_groups: string[] }).security_groups).toEqual(
      expect.arrayContaining([
        remote('data', 'databaseSecurityGroupId'),
        remote('data', 'cacheSecurityGroupId'),
      ]),
    );
    expect(service.load_balancer).toEqual([
      expect.objectContaining({ target_group_arn: remote('edge', 'targetGroupArn'), container_port: 8080 }),
    ]);
  });

  it('reads only names every upstream contract publishes', () => {
    const published: Record<string, readonly string[]> = {
      network: Object.keys(NETWORK_CONTRACT.outputs),
      data: Object.keys(DATA_CONTRACT.outputs),
      edge: Object.keys(EDGE_CONTRACT.outputs),
    };
    const text = JSON.stringify(prod.resource);
    const reads = [...text.matchAll(/terraform_remote_state\.(\w+)-state\.outputs\.(\w+)/g)];
    expect(reads.length).toBeGreaterThan(20);
    for (const [, layer, output] of reads) expect(published[layer]).toContain(output);
  });

  it('publishes the service contract, with the migration task definition at a fixed address', () => {
    expect(Object.keys(prod.output!).sort()).toEqual(Object.keys(SERVICE_CONTRACT.outputs).sort());
    expect(resources(prod, 'aws_ecs_task_definition')[MIGRATION_TASK_DEFINITION_ID]).toMatchObject({
      family: 'platform-prod-migrate',
    });
    expect(prod.output!.migrationTaskDefinitionArn.value).toBe(
      `\${aws_ecs_task_definition.${MIGRATION_TASK_DEFINITION_ID}.arn}`,
    );
  });

  it('wires the app to the data stack: hosts, ports, and secrets by ARN only', () => {
    const prodEnv = variables(apiContainer(prod), 'environment');
    // prod has an RDS Proxy and a read replica; dev has neither.
    expect(prodEnv).toMatchObject({
      APP_ENV: 'prod',
      DATABASE_HOST: remote('data', 'databaseProxyEndpoint'),
      DATABASE_READER_HOST: remote('data', 'databaseReaderAddress'),
      CORS_ALLOWED_ORIGINS: 'https://example.com,https://www.example.com',
      LOG_LEVEL: 'info',
    });
    expect(prodEnv.DATABASE_IAM_AUTH).toBe('true');
    const devEnv = variables(apiContainer(dev), 'environment');
    expect(devEnv.DATABASE_IAM_AUTH).toBe('false');
    expect(devEnv.DATABASE_HOST).toBe(remote('data', 'databaseAddress'));
    expect(devEnv.DATABASE_READER_HOST).toBe(remote('data', 'databaseAddress'));
    const secrets = variables(apiContainer(prod), 'secrets');
    expect(secrets).toEqual({
      DATABASE_USERNAME: `${remote('data', 'databaseMasterSecretArn')}:username::`,
      DATABASE_PASSWORD: `${remote('data', 'databaseMasterSecretArn')}:password::`,
      REDIS_URL: `${remote('data', 'cacheAuthSecretArn')}:url::`,
      REDIS_AUTH_TOKEN: `${remote('data', 'cacheAuthSecretArn')}:auth_token::`,
      JWT_SECRET: remote('data', 'jwtSecretArn'),
      WEBHOOK_SECRET: remote('data', 'webhookSecretArn'),
      GITHUB_CLIENT_ID: remote('data', 'githubClientIdSecretArn'),
      GITHUB_CLIENT_SECRET: remote('data', 'githubClientSecretArn'),
    });
  });

  it('lets the tasks connect through the proxy with IAM tokens for the proxy user only, where there is a proxy', () => {
    const connect = (json: TerraformJson) =>
      Object.values(resources(json, 'aws_iam_role_policy'))
        .map((p) => String(p.policy))
        // The execution role's policy is jsonencode() over list references; the one sought is plain JSON.
        .filter((policy) => !policy.includes('jsonencode'))
        .map((policy) => JSON.parse(policy) as { Statement: { Action: string[]; Resource: string }[] })
        .flatMap((p) => p.Statement)
        .filter((s) => s.Action.includes('rds-db:connect'));
    const [statement] = connect(prod);
    expect(statement.Resource).toMatch(
      /^arn:\$\{data\.aws_partition\..+\}:rds-db:eu-west-1:\$\{data\.aws_caller_identity\..+\}:dbuser:\$\{data\.terraform_remote_state\.data-state\.outputs\.databaseProxyResourceId\}\/\$\{data\.terraform_remote_state\.data-state\.outputs\.databaseMasterUsername\}$/,
    );
    expect(connect(dev)).toEqual([]);
  });

  it('after a restore with cutover, points the app at the restored instance: host, secret, group and key', () => {
    const config = structuredClone(bundled.get('prod')!);
    config.data.database.restore = {
      identifierSuffix: 'r1',
      pointInTime: { sourceIdentifier: 'platform-prod-db', time: '2026-11-20T03:00:00Z' },
      cutover: true,
    };
    const restored = synthService(config);
    const env = variables(apiContainer(restored), 'environment');
    expect(env).toMatchObject({
      DATABASE_HOST: remote('data', 'restoredDatabaseAddress'),
      DATABASE_READER_HOST: remote('data', 'restoredDatabaseAddress'),
      DATABASE_IAM_AUTH: 'false',
    });
    expect(variables(apiContainer(restored), 'secrets').DATABASE_PASSWORD).toBe(
      `${remote('data', 'restoredDatabaseMasterSecretArn')}:password::`,
    );
    const groups = JSON.stringify(only(restored, 'aws_ecs_service').network_configuration);
    expect(groups).toContain('restoredDatabaseSecurityGroupId');
    expect(groups).not.toContain('outputs.databaseSecurityGroupId');
    expect(JSON.stringify(resources(restored, 'aws_iam_role_policy'))).toContain('restoredDatabaseKmsKeyArn');
    expect(JSON.stringify(resources(restored, 'aws_iam_role_policy'))).not.toContain('rds-db:connect');
    // Without cutover, a restore changes nothing for the service.
    config.data.database.restore.cutover = false;
    expect(variables(apiContainer(synthService(config)), 'environment').DATABASE_HOST).toBe(
      remote('data', 'databaseProxyEndpoint'),
    );
  });

  it('sizes and scales by config, and keeps ECS Exec out of production', () => {
    expect(only(prod, 'aws_ecs_cluster').setting).toEqual([{ name: 'containerInsights', value: 'enabled' }]);
    const prodTarget = only(prod, 'aws_appautoscaling_target');
    expect(prodTarget).toMatchObject({ min_capacity: 3, max_capacity: 12 });
    expect(only(dev, 'aws_appautoscaling_target')).toMatchObject({ min_capacity: 1, max_capacity: 2 });
    expect(only(prod, 'aws_ecs_service').enable_execute_command).toBe(false);
    expect(only(dev, 'aws_ecs_service').enable_execute_command).toBe(true);
    const prodTask = resources(prod, 'aws_ecs_task_definition');
    for (const task of Object.values(prodTask)) expect(task).toMatchObject({ cpu: '1024', memory: '2048' });
  });

  it('sends every alarm to the environment alert topic, on alarm and on recovery', () => {
    const alarms = Object.values(resources(prod, 'aws_cloudwatch_metric_alarm'));
    expect(alarms.length).toBeGreaterThanOrEqual(9);
    for (const alarm of alarms) {
      expect(alarm.alarm_actions).toEqual([remote('network', 'alertTopicArn')]);
      expect(alarm.ok_actions).toEqual([remote('network', 'alertTopicArn')]);
    }
    const p99 = alarms.find((a) => String(a.alarm_name).endsWith('p99-response-time'))!;
    expect(p99.threshold).toBe(1.5);
  });

  it('keeps a budget per environment, filtered by its environment tag, alerting the topic and the emails', () => {
    const budget = only(prod, 'aws_budgets_budget');
    expect(budget).toMatchObject({ budget_type: 'COST', time_unit: 'MONTHLY', limit_amount: '6000' });
    expect(JSON.stringify(budget.cost_filter)).toContain('user:environment$prod');
    const notifications = budget.notification as Record<string, unknown>[];
    expect(notifications.length).toBe(4);
    for (const notification of notifications) {
      expect(notification.subscriber_sns_topic_arns).toEqual([remote('network', 'alertTopicArn')]);
      expect(notification.subscriber_email_addresses).toEqual(['finance-cloud@example.com']);
    }
    expect(JSON.stringify(only(dev, 'aws_budgets_budget').cost_filter)).toContain('user:environment$dev');
  });

  it('draws one dashboard per environment over every layer', () => {
    const dashboard = only(prod, 'aws_cloudwatch_dashboard');
    expect(dashboard.dashboard_name).toBe('platform-prod');
    const body = String(dashboard.dashboard_body);
    for (const namespace of [
      'AWS/CloudFront',
      'AWS/ApplicationELB',
      'AWS/ECS',
      'AWS/RDS',
      'AWS/ElastiCache',
    ]) {
      expect(body).toContain(namespace);
    }
  });
});
