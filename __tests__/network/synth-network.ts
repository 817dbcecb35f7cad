import { Testing } from 'cdktf';
import { Network, NetworkProps } from '../../lib/network';

/** A synthesized resource's arguments, as Terraform JSON. */
export type TfResource = Record<string, unknown> & { tags?: Record<string, string>; depends_on?: string[] };

/** The parts of a synthesized stack the network tests read. */
export interface TfJson {
  resource: Record<string, Record<string, TfResource>>;
  data: Record<string, Record<string, Record<string, unknown>>>;
}

/** The props most tests start from: prod-like, three AZs, everything else default. */
export const BASE_PROPS: NetworkProps = {
  namePrefix: 'platform-prod',
  cidr: '10.30.0.0/16',
  availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
};

/** Synthesizes a Network (BASE_PROPS with overrides) in a fresh stack and parses the JSON. */
export function synthNetwork(overrides: Partial<NetworkProps> = {}): TfJson {
  const json = JSON.parse(
    Testing.synthScope((scope) => {
      new Network(scope, 'net', { ...BASE_PROPS, ...overrides });
    }),
  ) as Partial<TfJson>;
  return { resource: json.resource ?? {}, data: json.data ?? {} };
}

/** Every resource of a type, as [terraform name, arguments] pairs. */
export function resourcesOf(json: TfJson, type: string): [string, TfResource][] {
  return Object.entries(json.resource[type] ?? {});
}

/** The only resource of a type; throws (failing the test) unless there is exactly one. */
export function onlyResource(json: TfJson, type: string): [string, TfResource] {
  const all = resourcesOf(json, type);
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0];
}

/** The one resource of a type whose Name tag is `name`. */
export function byNameTag(json: TfJson, type: string, name: string): [string, TfResource] {
  const found = resourcesOf(json, type).filter(([, r]) => r.tags?.Name === name);
  if (found.length !== 1) throw new Error(`expected one ${type} named ${name}, found ${found.length}`);
  return found[0];
}

/** The Terraform expression referencing an attribute of a resource: `${type.name.attribute}`. */
export function ref(type: string, name: string, attribute = 'id'): string {
  return `\${${type}.${name}.${attribute}}`;
}

/** Parses a JSON-string argument (an IAM, KMS or bucket policy). */
export function policyOf(resource: TfResource, argument = 'policy'): { Statement: PolicyStatement[] } {
  return JSON.parse(resource[argument] as string) as { Statement: PolicyStatement[] };
}

/** One statement of a synthesized policy. */
export interface PolicyStatement {
  Sid?: string;
  Effect: string;
  Principal?: string | Record<string, string | string[]>;
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** Statement `sid` of a policy; throws when absent. */
export function statement(policy: { Statement: PolicyStatement[] }, sid: string): PolicyStatement {
  const found = policy.Statement.find((s) => s.Sid === sid);
  if (!found) throw new Error(`no statement ${sid} in ${JSON.stringify(policy)}`);
  return found;
}

/** A value or list as a list. */
export function asList<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}
