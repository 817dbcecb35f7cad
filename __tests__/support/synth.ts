import { Testing, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';

/** A synthesized resource's arguments, as Terraform JSON. */
export type TfResource = Record<string, unknown> & { tags?: Record<string, string>; depends_on?: string[] };

/** Synthesized Terraform JSON of one stack. */
export interface TerraformJson {
  terraform?: { backend?: Record<string, Record<string, unknown>> };
  provider?: Record<string, Record<string, unknown>[]>;
  resource?: Record<string, Record<string, TfResource>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value: unknown; description?: string }>;
}

/** An IAM policy document, parsed. */
export interface Policy {
  Version: string;
  Statement: Statement[];
}

/** One statement of a parsed policy. */
export interface Statement {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Principal?: '*' | Record<string, string | string[]>;
  Action: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
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

/** Synthesizes what `build` adds to a fresh test stack (no provider), parsed. */
export function synthScope(build: (scope: Construct) => void): TerraformJson {
  return JSON.parse(Testing.synthScope(build)) as TerraformJson;
}

/** Every resource of a type, by its Terraform name; `{}` when there is none. */
export function resources(json: TerraformJson, type: string): Record<string, TfResource> {
  return json.resource?.[type] ?? {};
}

/** The only resource of a type as [Terraform name, arguments]; fails the test when there is not exactly one. */
export function onlyResourceEntry(json: TerraformJson, type: string): [string, TfResource] {
  const all = Object.entries(resources(json, type));
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0];
}

/** The only resource of a type; fails the test when there is not exactly one. */
export function onlyResource(json: TerraformJson, type: string): TfResource {
  return onlyResourceEntry(json, type)[1];
}

/** The Terraform name of the only resource of a type. */
export function onlyResourceId(json: TerraformJson, type: string): string {
  return onlyResourceEntry(json, type)[0];
}

/** The Terraform expression referencing an attribute of a resource: `${type.name.attribute}`. */
export function ref(type: string, name: string, attribute = 'id'): string {
  return `\${${type}.${name}.${attribute}}`;
}

/** Parses a policy string (the value of a resource's policy argument). */
export function parsePolicy(value: unknown): Policy {
  if (typeof value !== 'string') throw new Error(`policy is not a string: ${JSON.stringify(value)}`);
  return JSON.parse(value) as Policy;
}

/** Parses a policy attribute (a JSON string) of a synthesized resource. */
export function policyOf(resource: Record<string, unknown>, attribute = 'policy'): Policy {
  return parsePolicy(resource[attribute]);
}

/** The statement with this Sid; fails the test when missing. */
export function statement(policy: Policy, sid: string): Statement {
  const found = policy.Statement.find((s) => s.Sid === sid);
  if (!found) throw new Error(`no statement ${sid} in ${policy.Statement.map((s) => s.Sid).join(', ')}`);
  return found;
}

/** A value or list of values as a list. */
export function list<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
