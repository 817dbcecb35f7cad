import { DataTerraformRemoteStateS3, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { StateLocation } from './backend';

/** Terraform type of one output of a stack contract. */
export type OutputType = 'string' | 'list' | 'number';

/** One output of a contract: its type and what it means to a reader. */
export interface OutputSpec {
  readonly type: OutputType;
  readonly description: string;
}

/** A contract's outputs by name. The names are the `TerraformOutput` names, exactly. */
export type ContractSpec = Readonly<Record<string, OutputSpec>>;

/** The TypeScript values of a contract's outputs: `string[]` for lists, `number` for numbers. */
export type ContractValues<S extends ContractSpec> = {
  readonly [K in keyof S]: S[K]['type'] extends 'list'
    ? string[]
    : S[K]['type'] extends 'number'
      ? number
      : string;
};

/** The typed output contract of one stack layer, e.g. `network`. */
export interface StackContract<S extends ContractSpec> {
  /** The layer, e.g. `network`; its state key is `<env>/<layer>.tfstate`. */
  readonly layer: string;
  readonly outputs: S;
}

/** Declares a layer's output contract; the spec's keys become the stack's output names. */
export function defineContract<S extends ContractSpec>(layer: string, outputs: S): StackContract<S> {
  return { layer, outputs };
}

/**
 * Writes every output of the contract on the stack. The type checker makes sure no output is
 * missing or mistyped, so readers can rely on every name the contract lists.
 */
export function publishContract<S extends ContractSpec>(
  stack: TerraformStack,
  contract: StackContract<S>,
  values: ContractValues<S>,
): Record<keyof S, TerraformOutput> {
  const outputs = {} as Record<keyof S, TerraformOutput>;
  for (const name of Object.keys(contract.outputs) as (keyof S & string)[]) {
    outputs[name] = new TerraformOutput(stack, name, {
      value: values[name],
      description: contract.outputs[name].description,
    });
  }
  return outputs;
}

/**
 * Reads an upstream stack's contract from its state through `terraform_remote_state`, so a
 * downstream stack never holds an id copied by hand. Values are Terraform expressions.
 */
export function readContract<S extends ContractSpec>(
  scope: Construct,
  id: string,
  contract: StackContract<S>,
  location: StateLocation,
): ContractValues<S> {
  const remote = new DataTerraformRemoteStateS3(scope, id, {
    bucket: location.bucket,
    region: location.region,
    key: location.key,
  });
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(contract.outputs)) {
    values[name] =
      spec.type === 'list'
        ? remote.getList(name)
        : spec.type === 'number'
          ? remote.getNumber(name)
          : remote.getString(name);
  }
  return values as ContractValues<S>;
}
