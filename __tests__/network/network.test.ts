import { Testing } from 'cdktf';
import { Network } from '../../lib/network';
import { planSubnets } from '../../lib/network/subnet-plan';
import { ref } from '../support/synth';
import { BASE_PROPS, byNameTag, onlyResource, resourcesOf, synthNetwork, TfJson } from './synth-network';

const AZS = BASE_PROPS.availabilityZones;

describe('Network defaults', () => {
  const json = synthNetwork();
  const [vpcName, vpc] = onlyResource(json, 'aws_vpc');
  const vpcId = ref('aws_vpc', vpcName);

  test('the VPC has the literal CIDR, DNS support and DNS hostnames', () => {
    expect(vpc).toMatchObject({
      cidr_block: '10.30.0.0/16',
      enable_dns_support: true,
      enable_dns_hostnames: true,
      tags: { Name: 'platform-prod-vpc' },
    });
  });

  test('one subnet per tier and AZ, with the literal CIDRs of planSubnets', () => {
    const expected = planSubnets({
      vpcCidr: '10.30.0.0/16',
      azCount: 3,
      prefixLengths: { public: 24, private: 20, isolated: 24 },
    });
    const subnets = resourcesOf(json, 'aws_subnet').map(([, s]) => s);
    expect(subnets).toHaveLength(9);
    for (const planned of expected) {
      const az = AZS[planned.azIndex];
      const [, subnet] = byNameTag(json, 'aws_subnet', `platform-prod-${planned.tier}-${az}`);
      expect(subnet).toMatchObject({ cidr_block: planned.cidr, availability_zone: az, vpc_id: vpcId });
      expect(subnet.tags).toMatchObject({ tier: planned.tier });
    }
    expect(subnets.map((s) => s.cidr_block)).toContain('10.30.0.0/20');
  });

  test('no subnet hands out public IPs', () => {
    for (const [, subnet] of resourcesOf(json, 'aws_subnet')) {
      expect(subnet.map_public_ip_on_launch).toBe(false);
    }
  });

  test('the default security group is adopted with no rule at all', () => {
    const [, group] = onlyResource(json, 'aws_default_security_group');
    expect(group.vpc_id).toBe(vpcId);
    expect(group.ingress).toEqual([]);
    expect(group.egress).toEqual([]);
  });

  test('the public route table sends 0.0.0.0/0 to the internet gateway', () => {
    const [igwName, igw] = onlyResource(json, 'aws_internet_gateway');
    expect(igw.vpc_id).toBe(vpcId);
    const [publicTable] = byNameTag(json, 'aws_route_table', 'platform-prod-public');
    const routes = routesOf(json, publicTable);
    expect(routes).toEqual([
      expect.objectContaining({
        destination_cidr_block: '0.0.0.0/0',
        gateway_id: ref('aws_internet_gateway', igwName),
      }),
    ]);
  });

  test('route tables: one public, one private per AZ, one isolated without any route', () => {
    const names = resourcesOf(json, 'aws_route_table').map(([, t]) => t.tags?.Name);
    expect(names.sort()).toEqual(
      [
        'platform-prod-public',
        'platform-prod-isolated',
        ...AZS.map((az) => `platform-prod-private-${az}`),
      ].sort(),
    );
    const [isolatedTable] = byNameTag(json, 'aws_route_table', 'platform-prod-isolated');
    expect(routesOf(json, isolatedTable)).toEqual([]);
  });

  test('every subnet is associated with exactly one route table of its tier and AZ', () => {
    const associations = resourcesOf(json, 'aws_route_table_association').map(([, a]) => a);
    expect(associations).toHaveLength(9);
    for (const tier of ['public', 'private', 'isolated']) {
      AZS.forEach((az) => {
        const [subnetName] = byNameTag(json, 'aws_subnet', `platform-prod-${tier}-${az}`);
        const tableTag = tier === 'private' ? `platform-prod-private-${az}` : `platform-prod-${tier}`;
        const [tableName] = byNameTag(json, 'aws_route_table', tableTag);
        const mine = associations.filter((a) => a.subnet_id === ref('aws_subnet', subnetName));
        expect(mine).toEqual([
          expect.objectContaining({ route_table_id: ref('aws_route_table', tableName) }),
        ]);
      });
    }
  });

  test("NAT defaults to 'single'", () => {
    expect(resourcesOf(json, 'aws_nat_gateway')).toHaveLength(1);
    expect(resourcesOf(json, 'aws_eip')).toHaveLength(1);
  });

  test('every taggable resource has a Name tag starting with the name prefix', () => {
    expectNameTags(json);
    expectNameTags(
      synthNetwork({ flowLogs: { destination: 's3' }, interfaceEndpoints: ['logs'], natGateways: 'perAz' }),
    );
  });
});

describe('NAT strategies', () => {
  test("'none': no NAT gateway, no Elastic IP, no default route in the private tier", () => {
    const json = synthNetwork({ natGateways: 'none' });
    expect(resourcesOf(json, 'aws_nat_gateway')).toHaveLength(0);
    expect(resourcesOf(json, 'aws_eip')).toHaveLength(0);
    for (const az of AZS) {
      const [table] = byNameTag(json, 'aws_route_table', `platform-prod-private-${az}`);
      expect(routesOf(json, table)).toEqual([]);
    }
    // Only the public default route is left.
    expect(resourcesOf(json, 'aws_route')).toHaveLength(1);
  });

  test("'single': one NAT in the first public subnet, used by every private route table", () => {
    const json = synthNetwork({ natGateways: 'single' });
    const [natName, nat] = onlyResource(json, 'aws_nat_gateway');
    const [eipName, eip] = onlyResource(json, 'aws_eip');
    const [firstPublic] = byNameTag(json, 'aws_subnet', 'platform-prod-public-eu-west-1a');
    expect(nat).toMatchObject({
      subnet_id: ref('aws_subnet', firstPublic),
      allocation_id: ref('aws_eip', eipName, 'allocation_id'),
      connectivity_type: 'public',
    });
    expect(eip.domain).toBe('vpc');
    for (const az of AZS) {
      const [table] = byNameTag(json, 'aws_route_table', `platform-prod-private-${az}`);
      expect(routesOf(json, table)).toEqual([
        expect.objectContaining({
          destination_cidr_block: '0.0.0.0/0',
          nat_gateway_id: ref('aws_nat_gateway', natName),
        }),
      ]);
    }
  });

  test("'perAz': one NAT and Elastic IP per AZ, each private route table uses its own AZ's NAT", () => {
    const json = synthNetwork({ natGateways: 'perAz' });
    expect(resourcesOf(json, 'aws_nat_gateway')).toHaveLength(3);
    expect(resourcesOf(json, 'aws_eip')).toHaveLength(3);
    const eipAllocations = new Set(
      resourcesOf(json, 'aws_eip').map(([name]) => ref('aws_eip', name, 'allocation_id')),
    );
    for (const az of AZS) {
      const [natName, nat] = byNameTag(json, 'aws_nat_gateway', `platform-prod-nat-${az}`);
      const [publicSubnet] = byNameTag(json, 'aws_subnet', `platform-prod-public-${az}`);
      expect(nat.subnet_id).toBe(ref('aws_subnet', publicSubnet));
      expect(eipAllocations.has(nat.allocation_id as string)).toBe(true);
      const [table] = byNameTag(json, 'aws_route_table', `platform-prod-private-${az}`);
      expect(routesOf(json, table)).toEqual([
        expect.objectContaining({ nat_gateway_id: ref('aws_nat_gateway', natName) }),
      ]);
    }
  });

  test('NAT gateways and their EIPs wait for the internet gateway', () => {
    const json = synthNetwork({ natGateways: 'perAz' });
    const [igwName] = onlyResource(json, 'aws_internet_gateway');
    for (const type of ['aws_nat_gateway', 'aws_eip']) {
      for (const [, resource] of resourcesOf(json, type)) {
        expect(resource.depends_on).toContain(`aws_internet_gateway.${igwName}`);
      }
    }
  });
});

describe('changes that must not replace anything', () => {
  test('adding an AZ keeps every existing resource with the same arguments', () => {
    const twoAzs = synthNetwork({ availabilityZones: AZS.slice(0, 2), natGateways: 'perAz' });
    const threeAzs = synthNetwork({ availabilityZones: AZS, natGateways: 'perAz' });
    for (const type of ['aws_subnet', 'aws_nat_gateway', 'aws_eip', 'aws_route_table', 'aws_route']) {
      for (const [name, resource] of resourcesOf(twoAzs, type)) {
        expect(threeAzs.resource[type][name]).toEqual(resource);
      }
    }
    expect(resourcesOf(threeAzs, 'aws_subnet')).toHaveLength(9);
  });

  test("switching 'single' to 'perAz' keeps the first NAT gateway and its address", () => {
    const single = synthNetwork({ natGateways: 'single' });
    const perAz = synthNetwork({ natGateways: 'perAz' });
    const [natName, nat] = onlyResource(single, 'aws_nat_gateway');
    const [eipName, eip] = onlyResource(single, 'aws_eip');
    expect(perAz.resource.aws_nat_gateway[natName]).toEqual(nat);
    expect(perAz.resource.aws_eip[eipName]).toEqual(eip);
    // The private route tables stay; only their routes are added or retargeted.
    expect(Object.keys(perAz.resource.aws_route_table)).toEqual(Object.keys(single.resource.aws_route_table));
  });
});

/** The aws_route resources of a route table. */
function routesOf(json: TfJson, tableName: string) {
  return resourcesOf(json, 'aws_route')
    .map(([, route]) => route)
    .filter((route) => route.route_table_id === ref('aws_route_table', tableName));
}

// Resource types whose AWS API has no tags.
const UNTAGGABLE = new Set([
  'aws_route',
  'aws_route_table_association',
  'aws_iam_role_policy',
  'aws_kms_alias',
  'aws_s3_bucket_versioning',
  'aws_s3_bucket_server_side_encryption_configuration',
  'aws_s3_bucket_public_access_block',
  'aws_s3_bucket_ownership_controls',
  'aws_s3_bucket_policy',
  'aws_s3_bucket_lifecycle_configuration',
]);

function expectNameTags(json: TfJson): void {
  for (const [type, resources] of Object.entries(json.resource)) {
    if (UNTAGGABLE.has(type)) continue;
    for (const [name, resource] of Object.entries(resources)) {
      expect({
        resource: `${type}.${name}`,
        name: resource.tags?.Name?.startsWith('platform-prod-'),
      }).toEqual({
        resource: `${type}.${name}`,
        name: true,
      });
    }
  }
}

describe('readonly fields', () => {
  test('expose the resources, in AZ order, for stacks to output and extend', () => {
    let network: Network | undefined;
    Testing.synthScope((scope) => {
      network = new Network(scope, 'net', {
        ...BASE_PROPS,
        natGateways: 'perAz',
        interfaceEndpoints: ['logs'],
      });
    });
    const net = network!;
    expect([net.publicSubnets, net.privateSubnets, net.isolatedSubnets].map((s) => s.length)).toEqual([
      3, 3, 3,
    ]);
    expect(net.privateRouteTables).toHaveLength(3);
    expect(net.privateDefaultRoutes).toHaveLength(3);
    expect(net.natGateways).toHaveLength(3);
    expect(net.natEips).toHaveLength(3);
    expect(net.isolatedRouteTables).toEqual([net.isolatedRouteTable]);
    expect(net.subnetPlan.map((s) => s.cidr)).toContain('10.30.16.0/20');
    expect(net.flowLogs.logGroup?.logGroup).toBeDefined();
    expect(net.flowLogs.bucket).toBeUndefined();
    expect(net.flowLogs.key).toBe(net.flowLogs.logGroup?.key);
    expect(Object.keys(net.endpoints.interfaceEndpoints)).toEqual(['logs']);
    expect(net.endpoints.securityGroup).toBeDefined();
    expect(net.settings.flowLogs.retentionDays).toBe(90);
  });
});
