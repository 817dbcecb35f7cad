import { Network, NetworkProps } from '../../lib/network';
import { onlyResourceEntry, resources, synthScope, TerraformJson, TfResource } from '../support/synth';

/** The parts of a synthesized stack the network tests read, always present. */
export type TfJson = Required<Pick<TerraformJson, 'resource' | 'data'>>;

/** The props most tests start from: prod-like, three AZs, everything else default. */
export const BASE_PROPS: NetworkProps = {
  namePrefix: 'platform-prod',
  cidr: '10.30.0.0/16',
  availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
};

/** Synthesizes a Network (BASE_PROPS with overrides) in a fresh stack and parses the JSON. */
export function synthNetwork(overrides: Partial<NetworkProps> = {}): TfJson {
  const json = synthScope((scope) => {
    new Network(scope, 'net', { ...BASE_PROPS, ...overrides });
  });
  return { resource: json.resource ?? {}, data: json.data ?? {} };
}

/** Every resource of a type, as [terraform name, arguments] pairs. */
export function resourcesOf(json: TfJson, type: string): [string, TfResource][] {
  return Object.entries(resources(json, type));
}

/** The only resource of a type, as [terraform name, arguments]; throws (failing the test) unless there is exactly one. */
export function onlyResource(json: TfJson, type: string): [string, TfResource] {
  return onlyResourceEntry(json, type);
}

/** The one resource of a type whose Name tag is `name`. */
export function byNameTag(json: TfJson, type: string, name: string): [string, TfResource] {
  const found = resourcesOf(json, type).filter(([, r]) => r.tags?.Name === name);
  if (found.length !== 1) throw new Error(`expected one ${type} named ${name}, found ${found.length}`);
  return found[0];
}
