import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { Construct } from 'constructs';
import { RedisCache, RedisCacheProps } from '../../lib/cache';
import { onlyResource, resources, synthConstructs, TerraformJson, TfResource } from '../support/synth';

/** The props every test starts from: the smallest valid set. */
export const BASE_PROPS: RedisCacheProps = {
  namePrefix: 'platform-prod',
  vpcId: 'vpc-0123456789abcdef0',
  subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
  alarmTopicArn: 'arn:aws:sns:eu-west-1:222222222222:platform-prod-alerts',
};

/** A synthesized cache: the Terraform JSON and the construct that produced it. */
export interface SynthesizedCache {
  readonly json: TerraformJson;
  readonly cache: RedisCache;
}

/** Prop overrides, or a function that builds them in the stack (for references such as variables). */
export type Overrides = Partial<RedisCacheProps> | ((scope: Construct) => Partial<RedisCacheProps>);

/**
 * Synthesizes a RedisCache from {@link BASE_PROPS} and the overrides, in a stack with the AWS and
 * random providers. `extra` adds more to the stack (outputs) before synthesis.
 */
export function synthCache(
  overrides: Overrides = {},
  extra?: (scope: Construct, cache: RedisCache) => void,
): SynthesizedCache {
  let cache: RedisCache | undefined;
  const json = synthConstructs((scope) => {
    new RandomProvider(scope, 'random');
    const given = typeof overrides === 'function' ? overrides(scope) : overrides;
    cache = new RedisCache(scope, 'cache', { ...BASE_PROPS, ...given });
    extra?.(scope, cache);
  });
  return { json, cache: cache! };
}

/** The RedisCache's error for bad props; fails the test when construction succeeds. */
export function errorFor(overrides: Overrides): string {
  try {
    synthCache(overrides);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(
    `RedisCache accepted ${typeof overrides === 'function' ? String(overrides) : JSON.stringify(overrides)}`,
  );
}

/** The only replication group. */
export function replicationGroupOf(json: TerraformJson): TfResource {
  return onlyResource(json, 'aws_elasticache_replication_group');
}

/** Every resource of a type, as a list. */
export function all(json: TerraformJson, type: string): TfResource[] {
  return Object.values(resources(json, type));
}

/** The Terraform name of the only resource of a type whose argument `key` equals `value`. */
export function nameWhere(json: TerraformJson, type: string, key: string, value: unknown): string {
  const found = Object.entries(resources(json, type)).filter(([, r]) => r[key] === value);
  if (found.length !== 1)
    throw new Error(`expected one ${type} with ${key}=${String(value)}, found ${found.length}`);
  return found[0][0];
}
