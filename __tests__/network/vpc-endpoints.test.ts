import { ref } from '../support/synth';
import { BASE_PROPS, byNameTag, onlyResource, resourcesOf, synthNetwork, TfJson } from './synth-network';

function regionOf(json: TfJson): string {
  const [region] = Object.keys(json.data.aws_region);
  return `\${data.aws_region.${region}.region}`;
}

function tableRef(json: TfJson, nameTag: string): string {
  return ref('aws_route_table', byNameTag(json, 'aws_route_table', nameTag)[0]);
}

describe('S3 gateway endpoint', () => {
  test('always exists, routed from the private and isolated tables, not the public one', () => {
    const json = synthNetwork();
    const [, endpoint] = onlyResource(json, 'aws_vpc_endpoint');
    expect(endpoint).toMatchObject({
      service_name: `com.amazonaws.${regionOf(json)}.s3`,
      vpc_endpoint_type: 'Gateway',
    });
    const expected = [
      ...BASE_PROPS.availabilityZones.map((az) => tableRef(json, `platform-prod-private-${az}`)),
      tableRef(json, 'platform-prod-isolated'),
    ];
    expect(endpoint.route_table_ids).toEqual(expected);
    expect(endpoint.route_table_ids).not.toContain(tableRef(json, 'platform-prod-public'));
  });

  test('no interface endpoint and no endpoint security group by default', () => {
    const json = synthNetwork();
    expect(resourcesOf(json, 'aws_security_group')).toHaveLength(0);
    expect(resourcesOf(json, 'aws_vpc_security_group_ingress_rule')).toHaveLength(0);
  });
});

describe('interface endpoints', () => {
  const json = synthNetwork({ interfaceEndpoints: ['ecr.api', 'ecr.dkr', 'logs'] });
  const interfaces = resourcesOf(json, 'aws_vpc_endpoint').filter(
    ([, e]) => e.vpc_endpoint_type === 'Interface',
  );
  const [groupName, group] = onlyResource(json, 'aws_security_group');

  test('one per short name, as com.amazonaws.<region>.<name>, with private DNS', () => {
    expect(interfaces.map(([, e]) => e.service_name)).toEqual(
      ['ecr.api', 'ecr.dkr', 'logs'].map((name) => `com.amazonaws.${regionOf(json)}.${name}`),
    );
    for (const [, endpoint] of interfaces) expect(endpoint.private_dns_enabled).toBe(true);
  });

  test('in the private subnets, behind the endpoint security group', () => {
    const privateSubnets = BASE_PROPS.availabilityZones.map((az) =>
      ref('aws_subnet', byNameTag(json, 'aws_subnet', `platform-prod-private-${az}`)[0]),
    );
    for (const [, endpoint] of interfaces) {
      expect(endpoint.subnet_ids).toEqual(privateSubnets);
      expect(endpoint.security_group_ids).toEqual([ref('aws_security_group', groupName)]);
    }
  });

  test('the security group admits HTTPS from the VPC CIDR and nothing else', () => {
    expect(group.ingress).toBeUndefined();
    expect(group.egress).toBeUndefined();
    const [, rule] = onlyResource(json, 'aws_vpc_security_group_ingress_rule');
    expect(rule).toMatchObject({
      security_group_id: ref('aws_security_group', groupName),
      ip_protocol: 'tcp',
      from_port: 443,
      to_port: 443,
      cidr_ipv4: '10.30.0.0/16',
    });
    expect(resourcesOf(json, 'aws_vpc_security_group_egress_rule')).toHaveLength(0);
    expect(resourcesOf(json, 'aws_security_group_rule')).toHaveLength(0);
  });
});
