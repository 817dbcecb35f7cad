import { NetworkProps, resolveNetworkProps } from '../../lib/network';
import { BASE_PROPS, synthNetwork } from './synth-network';

/** The Network's error for bad props; fails the test when construction succeeds. */
function errorFor(overrides: Partial<NetworkProps>): string {
  try {
    synthNetwork(overrides);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`Network accepted ${JSON.stringify(overrides)}`);
}

// Casts for values the TypeScript types already refuse: a JavaScript caller or a bad cast can pass them.
const untyped = <T>(value: unknown): T => value as T;

describe('Network props validation', () => {
  test.each<[string, Partial<NetworkProps>, RegExp]>([
    ['CIDR syntax', { cidr: '10.30.0.0' }, /cidr: '10\.30\.0\.0' is not an IPv4 CIDR/],
    ['CIDR octet out of range', { cidr: '10.300.0.0/16' }, /cidr: '10\.300\.0\.0\/16' is not an IPv4 CIDR/],
    [
      'CIDR host bits',
      { cidr: '10.30.1.0/16' },
      /cidr: '10\.30\.1\.0\/16' has host bits set \(use the network address: 10\.30\.0\.0\/16\)/,
    ],
    [
      'VPC larger than /16',
      { cidr: '10.0.0.0/12' },
      /cidr: '10\.0\.0\.0\/12' has a \/12 prefix; a VPC must be \/16 to \/28/,
    ],
    ['VPC smaller than /28', { cidr: '10.0.0.0/29' }, /a VPC must be \/16 to \/28/],
    ['no AZ', { availabilityZones: [] }, /availabilityZones: list 1 to 3 zones, got 0/],
    [
      'four AZs',
      { availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c', 'eu-west-1d'] },
      /list 1 to 3 zones, got 4/,
    ],
    [
      'duplicate AZ',
      { availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1a'] },
      /availabilityZones\[2\]: 'eu-west-1a' is listed twice/,
    ],
    [
      'AZ id instead of name',
      { availabilityZones: ['euw1-az1'] },
      /availabilityZones\[0\]: 'euw1-az1' is not an availability zone name/,
    ],
    [
      'region instead of AZ',
      { availabilityZones: ['eu-west-1'] },
      /'eu-west-1' is not an availability zone name/,
    ],
    [
      'Local Zone',
      { availabilityZones: ['us-west-2-lax-1a'] },
      /'us-west-2-lax-1a' is not an availability zone name/,
    ],
    [
      'AZs of two regions',
      { availabilityZones: ['eu-west-1a', 'eu-central-1a'] },
      /zones of one region only, got eu-west-1, eu-central-1/,
    ],
    [
      'subnet prefix too long',
      { subnetPrefixLength: { public: 29 } },
      /subnetPrefixLength\.public: \/29 is not a subnet AWS accepts/,
    ],
    [
      'subnet prefix not an integer',
      { subnetPrefixLength: { private: 20.5 } },
      /subnetPrefixLength\.private: \/20\.5/,
    ],
    ['unknown tier', { subnetPrefixLength: untyped({ data: 24 }) }, /subnetPrefixLength\.data: unknown tier/],
    [
      'tier too big for 4 AZ slots',
      { subnetPrefixLength: { private: 17 } },
      /subnetPrefixLength: a \/17 private subnet leaves no room for 4 AZ slots in a \/16 VPC/,
    ],
    [
      'plan does not fit',
      { cidr: '10.30.0.0/18' },
      /subnetPrefixLength: the subnet plan needs 18432 addresses .* but 10\.30\.0\.0\/18 has 16384/,
    ],
    ['NAT strategy', { natGateways: untyped('two') }, /natGateways: 'two' is not one of none, single, perAz/],
    [
      'flow log destination',
      { flowLogs: { destination: untyped('firehose') } },
      /flowLogs\.destination: 'firehose' is not one of cloudwatch, s3/,
    ],
    [
      'retention not a CloudWatch value',
      { flowLogs: { retentionDays: 100 } },
      /flowLogs\.retentionDays: 100 is not a CloudWatch Logs retention; use one of 1, 3, 5/,
    ],
    ['retention zero', { flowLogs: { retentionDays: 0 } }, /flowLogs\.retentionDays: 0 is not/],
    [
      'traffic type',
      { flowLogs: { trafficType: untyped('all') } },
      /flowLogs\.trafficType: 'all' is not one of ALL, ACCEPT, REJECT/,
    ],
    [
      'aggregation interval',
      { flowLogs: { maxAggregationIntervalSeconds: untyped(300) } },
      /maxAggregationIntervalSeconds: 300 must be 60 or 600/,
    ],
    [
      'endpoint with the full service name',
      { interfaceEndpoints: ['com.amazonaws.eu-west-1.logs'] },
      /interfaceEndpoints\[0\]: .* is not a service short name/,
    ],
    [
      'endpoint with upper case',
      { interfaceEndpoints: ['Logs'] },
      /interfaceEndpoints\[0\]: 'Logs' is not a service short name/,
    ],
    [
      'S3 as an interface endpoint',
      { interfaceEndpoints: ['s3'] },
      /interfaceEndpoints\[0\]: 's3' is served by the S3 gateway endpoint/,
    ],
    [
      'duplicate endpoint',
      { interfaceEndpoints: ['logs', 'kms', 'logs'] },
      /interfaceEndpoints\[2\]: 'logs' is listed twice/,
    ],
    [
      'name prefix with upper case',
      { namePrefix: 'Platform-Prod' },
      /namePrefix: 'Platform-Prod' must be lowercase letters/,
    ],
    ['name prefix with a trailing hyphen', { namePrefix: 'platform-' }, /namePrefix: 'platform-' must be/],
    [
      'name prefix too long',
      { namePrefix: 'a'.repeat(38) },
      /namePrefix: 'a{38}' is 38 characters; at most 37/,
    ],
  ])('%s', (_, overrides, message) => {
    expect(errorFor(overrides)).toMatch(message);
  });

  test('lists every problem at once, under the network name', () => {
    const message = errorFor({
      cidr: '10.30.1.0/16',
      availabilityZones: [],
      flowLogs: { retentionDays: 10 },
    });
    expect(message.split('\n')).toEqual([
      "Network 'platform-prod': invalid props:",
      expect.stringMatching(/^ {2}- cidr: /),
      expect.stringMatching(/^ {2}- availabilityZones: /),
      expect.stringMatching(/^ {2}- flowLogs\.retentionDays: /),
    ]);
  });

  test('valid props resolve with every default applied', () => {
    expect(resolveNetworkProps(BASE_PROPS)).toEqual({
      ...BASE_PROPS,
      subnetPrefixLength: { public: 24, private: 20, isolated: 24 },
      natGateways: 'single',
      flowLogs: {
        destination: 'cloudwatch',
        retentionDays: 90,
        trafficType: 'ALL',
        maxAggregationIntervalSeconds: 60,
        preventDestroy: false,
      },
      interfaceEndpoints: [],
    });
  });

  test('a partial subnetPrefixLength keeps the other defaults', () => {
    const subnetPrefixLength = { private: 19, isolated: undefined };
    expect(resolveNetworkProps({ ...BASE_PROPS, subnetPrefixLength }).subnetPrefixLength).toEqual({
      public: 24,
      private: 19,
      isolated: 24,
    });
  });

  test.each([
    ['the smallest VPC the default layout fits (/17)', { cidr: '10.30.0.0/17' }],
    [
      'a /24 VPC with /28 subnets',
      { cidr: '10.30.0.0/24', subnetPrefixLength: { public: 28, private: 27, isolated: 28 } },
    ],
    ['one AZ', { availabilityZones: ['us-east-1a'] }],
    ['GovCloud zones', { availabilityZones: ['us-gov-west-1a', 'us-gov-west-1b'] }],
    ['the longest retention, ten years', { flowLogs: { retentionDays: 3653 } }],
    ['the shortest retention, one day', { flowLogs: { retentionDays: 1 } }],
  ])('accepts %s', (_, overrides: Partial<NetworkProps>) => {
    expect(() => resolveNetworkProps({ ...BASE_PROPS, ...overrides })).not.toThrow();
  });
});
