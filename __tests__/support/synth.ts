import { Testing, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';

/** Synthesized Terraform JSON of one stack. */
export interface TerraformJson {
  terraform?: { backend?: Record<string, Record<string, unknown>> };
  provider?: Record<string, Record<string, unknown>[]>;
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value: unknown; description?: string }>;
}

/** Synthesizes a stack and parses the result. */
export function synthJson(stack: TerraformStack): TerraformJson {
  return JSON.parse(Testing.synth(stack)) as TerraformJson;
}

/** Builds constructs in a fresh stack with an AWS provider, and returns the synthesized JSON. */
export function synthConstructs(build: (scope: Construct) => void): TerraformJson {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  build(stack);
  return synthJson(stack);
}

/** Every resource of a type, by its Terraform name; `{}` when there is none. */
export function resources(json: TerraformJson, type: string): Record<string, Record<string, unknown>> {
  return json.resource?.[type] ?? {};
}

/** The only resource of a type; fails the test when there is not exactly one. */
export function onlyResource(json: TerraformJson, type: string): Record<string, unknown> {
  const all = Object.values(resources(json, type));
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0];
}

/** Parses a policy attribute (a JSON string) of a synthesized resource. */
export function policyOf(
  resource: Record<string, unknown>,
  attribute = 'policy',
): { Statement: Record<string, unknown>[] } {
  return JSON.parse(resource[attribute] as string);
}
