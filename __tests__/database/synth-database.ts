import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { PostgresDatabase, PostgresDatabaseProps } from '../../lib/database';
import { onlyResourceEntry, resources, synthJson, TerraformJson, TfResource } from '../support/synth';

/** Props most tests start from: prod-like names, literal ids, everything else default. */
export const BASE_PROPS: PostgresDatabaseProps = {
  namePrefix: 'platform-prod',
  vpcId: 'vpc-0123456789abcdef0',
  subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
  allowedSecurityGroupIds: ['sg-0aaaaaaaaaaaaaaa1'],
  alarmTopicArn: 'arn:aws:sns:eu-west-1:111111111111:platform-prod-alerts',
};

/** Overrides, or a function of the stack returning them (for props that need a construct, like a provider). */
export type Overrides =
  Partial<PostgresDatabaseProps> | ((scope: Construct) => Partial<PostgresDatabaseProps>);

/** What {@link synthDatabase} returns: the JSON and the construct, for its readonly fields. */
export interface Synthesized {
  readonly json: TerraformJson;
  readonly database: PostgresDatabase;
}

/**
 * Synthesizes a PostgresDatabase (BASE_PROPS with overrides) in a fresh stack with an eu-west-1
 * provider; `extend` runs on the construct before synthesis.
 */
export function synthDatabase(
  overrides: Overrides = {},
  extend?: (database: PostgresDatabase) => void,
): Synthesized {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const extra = typeof overrides === 'function' ? overrides(stack) : overrides;
  const database = new PostgresDatabase(stack, 'db', { ...BASE_PROPS, ...extra });
  extend?.(database);
  return { json: synthJson(stack), database };
}

/** The construct's error for bad props; fails the test when construction succeeds. */
export function errorFor(overrides: Overrides): string {
  try {
    synthDatabase(overrides);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`PostgresDatabase accepted ${JSON.stringify(overrides)}`);
}

/** Every resource of a type as [terraform name, arguments]. */
export function all(json: TerraformJson, type: string): [string, TfResource][] {
  return Object.entries(resources(json, type));
}

/** The one resource of a type whose Terraform name contains `part` (construct path), as [name, arguments]. */
export function named(json: TerraformJson, type: string, part: string): [string, TfResource] {
  const found = all(json, type).filter(([name]) => name.includes(part));
  if (found.length !== 1) {
    throw new Error(
      `expected one ${type} named *${part}*, found ${found.map(([n]) => n).join(', ') || 'none'}`,
    );
  }
  return found[0];
}

/** The primary instance (Terraform name contains `db_instance`). */
export function primary(json: TerraformJson): [string, TfResource] {
  return named(json, 'aws_db_instance', 'db_instance_');
}

/** The one resource of a type, as [terraform name, arguments]. */
export const only = onlyResourceEntry;
