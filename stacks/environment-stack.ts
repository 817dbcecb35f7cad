import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { defaultTagsOf, namePrefixOf, stateBackendOf } from '../config/derived';
import type { EnvironmentConfig } from '../config/schema';
import {
  ContractSpec,
  ContractValues,
  readContract,
  StackContract,
  stateKey,
  StateLocation,
  useS3Backend,
} from '../lib/state';

/** The layers of an environment, in deploy order. */
export const LAYERS = ['network', 'data', 'edge', 'service'] as const;
/** One layer of an environment. */
export type Layer = (typeof LAYERS)[number];

/** The stack id of a layer of an environment: `<env>-<layer>`. */
export function stackIdOf(environment: string, layer: Layer): string {
  return `${environment}-${layer}`;
}

/**
 * What every stack of an environment shares: the AWS provider pinned to the environment's account
 * with its default tags, and an S3 backend at `<env>/<layer>.tfstate`.
 */
export abstract class EnvironmentStack extends TerraformStack {
  /** The validated environment this stack belongs to. */
  readonly environment: EnvironmentConfig;
  /** The layer this stack holds. */
  readonly layer: Layer;
  /** The provider every resource of the stack uses. */
  readonly provider: AwsProvider;
  /** Prefix of every resource name, `<project>-<env>`. */
  readonly namePrefix: string;

  protected constructor(scope: Construct, environment: EnvironmentConfig, layer: Layer) {
    super(scope, stackIdOf(environment.name, layer));
    this.environment = environment;
    this.layer = layer;
    this.namePrefix = namePrefixOf(environment);
    this.provider = new AwsProvider(this, 'aws', {
      region: environment.region,
      // A credential for the wrong account fails at plan time instead of changing the wrong account.
      allowedAccountIds: [environment.account.id],
      defaultTags: [{ tags: defaultTagsOf(environment) }],
    });
    useS3Backend(this, this.stateLocationOf(layer));
  }

  /** Where a layer of this environment keeps its state. */
  protected stateLocationOf(layer: Layer): StateLocation {
    return { ...stateBackendOf(this.environment), key: stateKey(this.environment.name, layer) };
  }

  /** Reads an upstream layer's output contract of this environment through `terraform_remote_state`. */
  protected readUpstream<S extends ContractSpec>(contract: StackContract<S>): ContractValues<S> {
    return readContract(
      this,
      `${contract.layer}-state`,
      contract,
      this.stateLocationOf(contract.layer as Layer),
    );
  }
}
