import { Fn, Testing, TerraformOutput, TerraformStack, Token } from 'cdktf';
import { defineContract, publishContract, readContract, stateKey } from '../../lib/state';

const NETWORK = defineContract('network', {
  vpcId: { type: 'string', description: 'Id of the VPC' },
  privateSubnetIds: { type: 'list', description: 'Private subnets, one per AZ' },
  azCount: { type: 'number', description: 'Number of availability zones' },
});

interface Doc {
  output?: Record<string, { value: unknown; description?: string }>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
}

function synth(stack: TerraformStack): Doc {
  return JSON.parse(Testing.synth(stack)) as Doc;
}

describe('defineContract', () => {
  it('keeps the layer and the output spec', () => {
    expect(NETWORK.layer).toBe('network');
    expect(Object.keys(NETWORK.outputs)).toEqual(['vpcId', 'privateSubnetIds', 'azCount']);
  });
});

describe('publishContract', () => {
  const stack = new TerraformStack(Testing.app(), 'dev-network');
  const outputs = publishContract(stack, NETWORK, {
    vpcId: 'vpc-0123',
    privateSubnetIds: ['subnet-a', 'subnet-b'],
    azCount: 2,
  });
  const doc = synth(stack);

  it('writes one output per contract entry, named exactly as the contract', () => {
    expect(Object.keys(doc.output ?? {}).sort()).toEqual(['azCount', 'privateSubnetIds', 'vpcId']);
    expect(Object.keys(outputs).sort()).toEqual(['azCount', 'privateSubnetIds', 'vpcId']);
    expect(outputs.vpcId).toBeInstanceOf(TerraformOutput);
  });

  it('gives each output its value and the contract description', () => {
    expect(doc.output).toEqual({
      vpcId: { value: 'vpc-0123', description: 'Id of the VPC' },
      privateSubnetIds: { value: ['subnet-a', 'subnet-b'], description: 'Private subnets, one per AZ' },
      azCount: { value: 2, description: 'Number of availability zones' },
    });
  });
});

describe('readContract', () => {
  const stack = new TerraformStack(Testing.app(), 'dev-data');
  const network = readContract(stack, 'network', NETWORK, {
    bucket: 'platform-tfstate-111111111111',
    region: 'eu-west-1',
    key: stateKey('dev', 'network'),
  });
  // Surface the values in outputs to see the expressions they resolve to.
  new TerraformOutput(stack, 'vpc', { value: network.vpcId });
  new TerraformOutput(stack, 'subnets', { value: network.privateSubnetIds });
  new TerraformOutput(stack, 'firstSubnet', { value: Fn.element(network.privateSubnetIds, 0) });
  new TerraformOutput(stack, 'azs', { value: network.azCount });
  const doc = synth(stack);

  it('reads the upstream state through a terraform_remote_state with the s3 backend', () => {
    const remote = doc.data?.terraform_remote_state ?? {};
    expect(Object.keys(remote)).toEqual(['network']);
    expect(remote.network).toEqual({
      backend: 's3',
      config: { bucket: 'platform-tfstate-111111111111', region: 'eu-west-1', key: 'dev/network.tfstate' },
    });
  });

  it('returns strings as remote output expressions', () => {
    expect(doc.output?.vpc.value).toBe('${data.terraform_remote_state.network.outputs.vpcId}');
  });

  it('returns lists as list tokens, usable with list functions', () => {
    expect(Array.isArray(network.privateSubnetIds)).toBe(true);
    expect(Token.isUnresolved(network.privateSubnetIds)).toBe(true);
    expect(doc.output?.subnets.value).toBe('${data.terraform_remote_state.network.outputs.privateSubnetIds}');
    expect(doc.output?.firstSubnet.value).toBe(
      '${element(data.terraform_remote_state.network.outputs.privateSubnetIds, 0)}',
    );
  });

  it('returns numbers as number tokens', () => {
    expect(typeof network.azCount).toBe('number');
    expect(doc.output?.azs.value).toBe('${data.terraform_remote_state.network.outputs.azCount}');
  });

  it('reads every output the contract lists and nothing else', () => {
    expect(Object.keys(network).sort()).toEqual(['azCount', 'privateSubnetIds', 'vpcId']);
  });
});
