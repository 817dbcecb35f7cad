import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { Testing, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { MonthlyBudget } from '../../lib/cost';
import { Network, NetworkProps } from '../../lib/network';
import { estimateStacks } from '../../scripts/cost/estimate-groups';
import { HOURS_PER_MONTH, PRICES } from '../../scripts/cost/prices';
import { StackJson, SynthStack } from '../../scripts/cost/synth-output';

const prices = PRICES['eu-west-1'];
const H = HOURS_PER_MONTH;
const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

/** Synthesizes a stack of real constructs, as the app would write it to cdk.tf.json. */
function synthStack(name: string, build: (scope: Construct) => void): SynthStack {
  const stack = new TerraformStack(Testing.app(), name);
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  build(stack);
  return { name, json: JSON.parse(Testing.synth(stack)) as StackJson };
}

function network(name: string, props: Partial<NetworkProps>): SynthStack {
  return synthStack(name, (scope) => {
    new Network(scope, 'network', {
      namePrefix: name,
      cidr: '10.30.0.0/16',
      availabilityZones: ZONES,
      ...props,
    });
  });
}

describe('estimate of synthesized stacks', () => {
  const prodNetwork = network('prod-network', { natGateways: 'perAz', interfaceEndpoints: ['logs', 'sts'] });
  const devNetwork = network('dev-network', { natGateways: 'single', availabilityZones: ZONES.slice(0, 2) });
  const prodBudget = synthStack('prod-service', (scope) => {
    new MonthlyBudget(scope, 'budget', {
      namePrefix: 'platform-prod',
      limitUsd: 2000,
      costAllocationTag: { key: 'environment', value: 'prod' },
      emails: ['finops@example.com'],
    });
  });
  const bootstrap = synthStack(
    'bootstrap-prod',
    (scope) => new S3Bucket(scope, 'state', { bucket: 'state' }),
  );
  const estimates = estimateStacks([prodNetwork, bootstrap, devNetwork, prodBudget]);
  const [dev, prod, account] = estimates;
  const row = (estimate: (typeof estimates)[number], resource: string) => {
    const found = estimate.items.find((i) => i.resource === resource);
    if (!found) throw new Error(`no row ${resource}`);
    return found;
  };

  it('groups the layers of each environment, account-level stacks last', () => {
    expect(
      estimates.map((e) => [e.group.name, e.group.accountLevel, e.group.stacks.map((s) => s.name)]),
    ).toEqual([
      ['dev', false, ['dev-network']],
      ['prod', false, ['prod-network', 'prod-service']],
      ['bootstrap-prod', true, ['bootstrap-prod']],
    ]);
  });

  it('counts 3 NAT gateways × price × 730 h for perAz over 3 zones, and 1 for single', () => {
    const nat = row(prod, 'NAT gateway');
    expect(nat.count).toBe(3);
    expect(nat.monthlyUsd).toBeCloseTo(3 * prices.natGatewayHour.usd * H, 9);
    expect(row(dev, 'NAT gateway').count).toBe(1);
    expect(row(prod, 'Public IPv4 address (NAT, load balancer)').count).toBe(3);
  });

  it('counts each interface endpoint once per zone', () => {
    const endpoints = row(prod, 'VPC interface endpoint, per AZ');
    expect(endpoints.count).toBe(2 * 3);
    expect(endpoints.monthlyUsd).toBeCloseTo(6 * prices.interfaceEndpointAzHour.usd * H, 9);
    expect(dev.items.map((i) => i.resource)).not.toContain('VPC interface endpoint, per AZ');
  });

  it('adds the rows up to the total, and counts the budget', () => {
    for (const e of estimates) {
      expect(e.totalUsd).toBeCloseTo(
        e.items.reduce((sum, i) => sum + i.monthlyUsd, 0),
        9,
      );
    }
    expect(row(prod, 'AWS Budgets budget').count).toBe(1);
    expect(account.items.map((i) => i.resource)).toEqual(['S3 storage (assumed)']);
  });

  it('computes the NAT knob from the numbers: single saves 2 gateways and their addresses', () => {
    const natKnob = prod.knobs.find((k) => k.change.startsWith('network.natGateways'));
    expect(natKnob?.change).toBe('network.natGateways: single instead of perAz (3 → 1 NAT gateway)');
    expect(natKnob?.monthlyUsd).toBeCloseTo(
      -2 * (prices.natGatewayHour.usd + prices.publicIpv4Hour.usd) * H,
      9,
    );
    const devKnob = dev.knobs.find((k) => k.change.startsWith('network.natGateways'));
    expect(devKnob?.monthlyUsd).toBeCloseTo(
      1 * (prices.natGatewayHour.usd + prices.publicIpv4Hour.usd) * H,
      9,
    );
  });

  it('computes the endpoint knobs and orders knobs by effect', () => {
    const perEndpoint = 3 * prices.interfaceEndpointAzHour.usd * H;
    expect(prod.knobs.map((k) => [k.change, Number(k.monthlyUsd.toFixed(6))])).toEqual([
      ['network.natGateways: single instead of perAz (3 → 1 NAT gateway)', expect.any(Number)],
      ['network.interfaceEndpoints: none (2 today)', Number((-2 * perEndpoint).toFixed(6))],
      ['network.interfaceEndpoints: one endpoint fewer (of 2)', Number((-perEndpoint).toFixed(6))],
    ]);
    expect(account.knobs).toEqual([]);
  });

  it('stops when a region has no price table', () => {
    const elsewhere: SynthStack = {
      name: 'x-network',
      json: { provider: { aws: [{ region: 'ap-south-2' }] } },
    };
    expect(() => estimateStacks([elsewhere])).toThrow(
      /x: no prices for region ap-south-2; add a table for it to scripts\/cost\/prices\.ts \(priced: eu-west-1\)/,
    );
  });
});
