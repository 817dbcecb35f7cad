import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { FargateService, FargateServiceProps } from '../../lib/service';
import {
  onlyResource,
  onlyResourceEntry,
  Policy,
  policyOf,
  resources,
  synthJson,
  TerraformJson,
  TfResource,
} from '../support/synth';

export const ACCOUNT = '222222222222';
export const REPOSITORY = `${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/platform-api`;
export const TARGET_GROUP_ARN = `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:targetgroup/platform-prod-api/0123456789abcdef`;
export const JWT_SECRET_ARN = `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:platform-prod/app/JWT_SECRET-AbCdEf`;
export const DB_SECRET_ARN = `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:rds!db-0a1b2c3d-AbCdEf`;
export const SECRETS_KEY_ARN = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

/** The props every test starts from: the required ones, as the service stack of `prod` would give them. */
export const BASE_PROPS: FargateServiceProps = {
  namePrefix: 'platform-prod',
  vpcId: 'vpc-0123456789abcdef0',
  vpcCidr: '10.20.0.0/16',
  subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
  loadBalancerSecurityGroupId: 'sg-0123456789abcdef0',
  targetGroupArn: TARGET_GROUP_ARN,
  targetGroupArnSuffix: 'targetgroup/platform-prod-api/0123456789abcdef',
  loadBalancerArnSuffix: 'app/platform-prod-api/fedcba9876543210',
  image: { repository: REPOSITORY, tag: '1.4.2' },
};

/** Overrides, or a function of the stack returning them (for references such as variables). */
export type Overrides = Partial<FargateServiceProps> | ((scope: Construct) => Partial<FargateServiceProps>);

/** A synthesized service: the Terraform JSON and the construct. */
export interface SynthesizedService {
  readonly json: TerraformJson;
  readonly service: FargateService;
}

/**
 * Synthesizes a FargateService from {@link BASE_PROPS} and the overrides in a fresh stack with an
 * eu-west-1 provider. The migration network configuration, when there is one, is the output
 * `migration_network_configuration`; `extend` runs on the construct before synthesis.
 */
export function synthService(
  overrides: Overrides = {},
  extend?: (service: FargateService) => void,
): SynthesizedService {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const given = typeof overrides === 'function' ? overrides(stack) : overrides;
  const service = new FargateService(stack, 'service', { ...BASE_PROPS, ...given });
  if (service.migrationNetworkConfiguration !== undefined) {
    new TerraformOutput(stack, 'migration_network_configuration', {
      value: service.migrationNetworkConfiguration,
    });
  }
  extend?.(service);
  return { json: synthJson(stack), service };
}

/** The FargateService's error for bad props; fails the test when construction succeeds. */
export function errorFor(overrides: Overrides): string {
  try {
    synthService(overrides);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`FargateService accepted ${JSON.stringify(overrides)}`);
}

/** The Terraform name of the one resource of a type whose name contains `part`, and its arguments. */
export function named(json: TerraformJson, type: string, part: string): [string, TfResource] {
  const found = Object.entries(resources(json, type)).filter(([name]) => name.includes(part));
  if (found.length !== 1) throw new Error(`expected one ${type} named *${part}*, found ${found.length}`);
  return found[0];
}

/** The ECS service resource. */
export function ecsServiceOf(json: TerraformJson): TfResource {
  return onlyResource(json, 'aws_ecs_service');
}

/** The service's task definition (not the migration's). */
export function taskDefinitionOf(json: TerraformJson): TfResource {
  return named(json, 'aws_ecs_task_definition', '_task-definition_')[1];
}

/** One container definition, parsed from a task definition's `container_definitions` string. */
export type ContainerDefinition = Record<string, unknown> & {
  name: string;
  image: string;
  environment: { name: string; value: string }[];
  secrets: { name: string; valueFrom: string }[];
  mountPoints: { sourceVolume: string; containerPath: string; readOnly: boolean }[];
  logConfiguration: { logDriver: string; options: Record<string, string> };
};

/** The only container of a task definition, as the synthesized JSON string says (references resolved). */
export function containerOf(taskDefinition: TfResource): ContainerDefinition {
  const containers = JSON.parse(taskDefinition.container_definitions as string) as ContainerDefinition[];
  if (containers.length !== 1) throw new Error(`expected one container, found ${containers.length}`);
  return containers[0];
}

/** The inline policy of a role, by the part of its Terraform name (`execution-policy`, `execute-command-policy`). */
export function rolePolicy(json: TerraformJson, part: string): Policy {
  return policyOf(named(json, 'aws_iam_role_policy', part)[1]);
}

/** The Terraform name of the only resource of a type. */
export function idOf(json: TerraformJson, type: string): string {
  return onlyResourceEntry(json, type)[0];
}
