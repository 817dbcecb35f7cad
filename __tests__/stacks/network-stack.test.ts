import { Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { loadEnvironments } from '../../config/load';
import { NETWORK_CONTRACT } from '../../stacks/contracts/network-contract';
import { NetworkStack } from '../../stacks/network-stack';
import { readContract } from '../../lib/state';
import { resources, synthJson } from '../support/synth';

const environments = loadEnvironments('config/environments');
const prod = environments.find((e) => e.config.name === 'prod')!.config;
const dev = environments.find((e) => e.config.name === 'dev')!.config;

function synthNetwork(config = prod) {
  const app = Testing.app();
  const stack = new NetworkStack(app, config);
  return { stack, json: synthJson(stack) };
}

describe('NetworkStack', () => {
  const { stack, json } = synthNetwork();

  it('is named <env>-network', () => {
    expect(stack.node.id).toBe('prod-network');
  });

  it('pins the AWS provider to the environment account and region, with default tags', () => {
    const [aws] = json.provider!.aws;
    expect(aws.region).toBe('eu-west-1');
    expect(aws.allowed_account_ids).toEqual(['222222222222']);
    expect(aws.default_tags).toEqual([
      {
        tags: {
          'data-classification': 'confidential',
          environment: 'prod',
          owner: 'platform-team',
          'cost-center': 'cc-1000',
          'managed-by': 'cdktf',
          repository: 'example-org/platform-infra',
        },
      },
    ]);
  });

  it('keeps its state encrypted and locked in the account state bucket under <env>/network.tfstate', () => {
    expect(json.terraform!.backend!.s3).toEqual({
      bucket: 'platform-tfstate-222222222222',
      key: 'prod/network.tfstate',
      region: 'eu-west-1',
      encrypt: true,
      kms_key_id: 'alias/platform-tfstate-222222222222',
      use_lockfile: true,
    });
  });

  it('publishes exactly the network contract, every output described', () => {
    expect(Object.keys(json.output!).sort()).toEqual(Object.keys(NETWORK_CONTRACT.outputs).sort());
    for (const [name, output] of Object.entries(json.output!)) {
      expect(output.description).toBe(
        NETWORK_CONTRACT.outputs[name as keyof typeof NETWORK_CONTRACT.outputs].description,
      );
    }
    expect(json.output!.availabilityZones.value).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    expect(json.output!.privateSubnetIds.value).toHaveLength(3);
    expect(json.output!.natPublicIps.value).toHaveLength(3);
    expect(json.output!.alertTopicArn.value).toMatch(/^\$\{aws_sns_topic\.[^}]+\.arn\}$/);
  });

  it('builds the VPC from the config', () => {
    const [vpc] = Object.values(resources(json, 'aws_vpc'));
    expect(vpc.cidr_block).toBe('10.30.0.0/16');
    expect(Object.keys(resources(json, 'aws_nat_gateway'))).toHaveLength(3);
    expect(Object.keys(resources(json, 'aws_vpc_endpoint'))).toHaveLength(
      1 + prod.network.interfaceEndpoints.length,
    );
  });

  it('subscribes the configured alert addresses', () => {
    const endpoints = Object.values(resources(json, 'aws_sns_topic_subscription')).map((s) => s.endpoint);
    expect(endpoints.sort()).toEqual([...prod.alerts.emails].sort());
  });

  it('follows a single-NAT environment', () => {
    const { json: devJson } = synthNetwork(dev);
    expect(Object.keys(resources(devJson, 'aws_nat_gateway'))).toHaveLength(1);
    expect(devJson.output!.natPublicIps.value).toHaveLength(1);
  });
});

describe('reading the network contract downstream', () => {
  it('gets every output through terraform_remote_state from the network state key, never a copied id', () => {
    const app = Testing.app();
    const downstream = new TerraformStack(app, 'prod-consumer');
    new AwsProvider(downstream, 'aws', { region: 'eu-west-1' });
    const network = readContract(downstream, 'network', NETWORK_CONTRACT, {
      bucket: 'platform-tfstate-222222222222',
      region: 'eu-west-1',
      key: 'prod/network.tfstate',
    });
    new SecurityGroup(downstream, 'sg', { vpcId: network.vpcId, name: 'consumer' });
    new DbSubnetGroup(downstream, 'subnets', { name: 'consumer', subnetIds: network.isolatedSubnetIds });
    const out = synthJson(downstream);

    expect(out.data!.terraform_remote_state.network).toEqual({
      backend: 's3',
      config: { bucket: 'platform-tfstate-222222222222', key: 'prod/network.tfstate', region: 'eu-west-1' },
    });
    expect(resources(out, 'aws_security_group').sg.vpc_id).toBe(
      '${data.terraform_remote_state.network.outputs.vpcId}',
    );
    expect(resources(out, 'aws_db_subnet_group').subnets.subnet_ids).toBe(
      '${data.terraform_remote_state.network.outputs.isolatedSubnetIds}',
    );
  });
});
