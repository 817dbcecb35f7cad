import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Construct } from 'constructs';
import { VpcFlowLogs } from './flow-logs';
import { nameTag } from './name-tag';
import { NatGateways } from './nat-gateways';
import { NetworkProps, ResolvedNetworkProps } from './network-props';
import { resolveNetworkProps } from './network-validation';
import { PlannedSubnet, planSubnets, SubnetTier } from './subnet-plan';
import { VpcEndpoints } from './vpc-endpoints';

const ANYWHERE = '0.0.0.0/0';

/**
 * A VPC in three tiers over 1-3 AZs: `public` (internet gateway; load balancers and NAT gateways),
 * `private` (applications; out through NAT) and `isolated` (data; no route to the internet).
 *
 * Subnet CIDRs are computed at synth time ({@link planSubnets}), so plans show literal ranges and
 * adding an AZ never renumbers an existing subnet. Flow logs are always on, the default security
 * group is emptied, no subnet hands out public IPs, and S3 is reached through a gateway endpoint.
 */
export class Network extends Construct {
  /** The validated props, defaults applied. */
  readonly settings: ResolvedNetworkProps;
  /** The VPC. */
  readonly vpc: Vpc;
  /** The subnet layout: tier, AZ index and literal CIDR of every subnet. */
  readonly subnetPlan: readonly PlannedSubnet[];
  /** Public subnets, one per AZ, in AZ order. */
  readonly publicSubnets: Subnet[];
  /** Private (application) subnets, one per AZ, in AZ order. */
  readonly privateSubnets: Subnet[];
  /** Isolated (data) subnets, one per AZ, in AZ order. */
  readonly isolatedSubnets: Subnet[];
  /** The internet gateway of the public tier. */
  readonly internetGateway: InternetGateway;
  /** The VPC's default security group, adopted and kept without any rule so nothing can rely on it. */
  readonly defaultSecurityGroup: DefaultSecurityGroup;
  /** The public tier's route table: `0.0.0.0/0` to the internet gateway. */
  readonly publicRouteTable: RouteTable;
  /** The public tier's default route. */
  readonly publicDefaultRoute: Route;
  /** One private route table per AZ, in AZ order, so each AZ can use its own NAT gateway. */
  readonly privateRouteTables: RouteTable[];
  /** The private tier's default routes to NAT, in AZ order; empty with `natGateways: 'none'`. */
  readonly privateDefaultRoutes: Route[];
  /** The isolated tier's route table: local and S3 gateway routes only. */
  readonly isolatedRouteTable: RouteTable;
  /** Every isolated route table (today just {@link isolatedRouteTable}), for code that treats tiers alike. */
  readonly isolatedRouteTables: RouteTable[];
  /** The NAT gateways, in AZ order (none, one, or one per AZ). */
  readonly natGateways: NatGateway[];
  /** The NAT gateways' Elastic IPs (the VPC's outbound addresses, e.g. for partner allow lists). */
  readonly natEips: Eip[];
  /** The VPC flow log and its destination (log group or bucket, KMS key, role). */
  readonly flowLogs: VpcFlowLogs;
  /** The S3 gateway endpoint and the interface endpoints. */
  readonly endpoints: VpcEndpoints;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const settings = resolveNetworkProps(props);
    this.settings = settings;
    const { namePrefix, availabilityZones: azs } = settings;

    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: settings.cidr,
      enableDnsSupport: true,
      // Needed for private DNS of interface endpoints and for RDS/ElastiCache endpoint names.
      enableDnsHostnames: true,
      tags: nameTag(namePrefix, 'vpc'),
    });

    // Adopting the default group removes its allow-all rules; empty rule lists keep it that way.
    this.defaultSecurityGroup = new DefaultSecurityGroup(this, 'default-security-group', {
      vpcId: this.vpc.id,
      ingress: [],
      egress: [],
      tags: nameTag(namePrefix, 'default-unused'),
    });

    this.subnetPlan = planSubnets({
      vpcCidr: settings.cidr,
      azCount: azs.length,
      prefixLengths: settings.subnetPrefixLength,
    });
    const subnetsOf = (tier: SubnetTier): Subnet[] =>
      this.subnetPlan
        .filter((planned) => planned.tier === tier)
        .map((planned) => {
          const az = azs[planned.azIndex];
          return new Subnet(this, `${tier}-subnet-${az}`, {
            vpcId: this.vpc.id,
            availabilityZone: az,
            cidrBlock: planned.cidr,
            // Public addresses come from Elastic IPs and load balancers, never from launching in a subnet.
            mapPublicIpOnLaunch: false,
            tags: { ...nameTag(namePrefix, tier, az), tier },
          });
        });
    this.publicSubnets = subnetsOf('public');
    this.privateSubnets = subnetsOf('private');
    this.isolatedSubnets = subnetsOf('isolated');

    this.internetGateway = new InternetGateway(this, 'internet-gateway', {
      vpcId: this.vpc.id,
      tags: nameTag(namePrefix, 'igw'),
    });

    this.publicRouteTable = this.routeTable('public-route-table', 'public', this.publicSubnets);
    this.publicDefaultRoute = new Route(this, 'public-default-route', {
      routeTableId: this.publicRouteTable.id,
      destinationCidrBlock: ANYWHERE,
      gatewayId: this.internetGateway.id,
    });

    const nat = new NatGateways(this, 'nat', {
      namePrefix,
      strategy: settings.natGateways,
      availabilityZones: azs,
      publicSubnets: this.publicSubnets,
      internetGateway: this.internetGateway,
    });
    this.natGateways = nat.gateways;
    this.natEips = nat.eips;

    // Route tables per AZ even without NAT: switching strategy then only adds or retargets routes.
    this.privateRouteTables = azs.map((az, i) =>
      this.routeTable(`private-route-table-${az}`, `private-${az}`, [this.privateSubnets[i]]),
    );
    this.privateDefaultRoutes = [];
    azs.forEach((az, i) => {
      const gateway = nat.gatewayFor(i);
      if (gateway === undefined) return;
      this.privateDefaultRoutes.push(
        new Route(this, `private-default-route-${az}`, {
          routeTableId: this.privateRouteTables[i].id,
          destinationCidrBlock: ANYWHERE,
          natGatewayId: gateway.id,
        }),
      );
    });

    this.isolatedRouteTable = this.routeTable('isolated-route-table', 'isolated', this.isolatedSubnets);
    this.isolatedRouteTables = [this.isolatedRouteTable];

    this.endpoints = new VpcEndpoints(this, 'endpoints', {
      namePrefix,
      vpcId: this.vpc.id,
      vpcCidr: settings.cidr,
      gatewayRouteTableIds: [...this.privateRouteTables, this.isolatedRouteTable].map((table) => table.id),
      interfaceSubnetIds: this.privateSubnets.map((subnet) => subnet.id),
      interfaceServices: [...settings.interfaceEndpoints],
    });

    this.flowLogs = new VpcFlowLogs(this, 'flow-logs', {
      namePrefix,
      vpcId: this.vpc.id,
      ...settings.flowLogs,
    });
  }

  /** A route table of the VPC, associated with the given subnets (routes are separate resources). */
  private routeTable(id: string, name: string, subnets: Subnet[]): RouteTable {
    const table = new RouteTable(this, id, {
      vpcId: this.vpc.id,
      tags: nameTag(this.settings.namePrefix, name),
    });
    subnets.forEach((subnet) => {
      // A subnet has exactly one route table, so its own id names the association.
      new RouteTableAssociation(this, `${subnet.node.id}-route-table`, {
        routeTableId: table.id,
        subnetId: subnet.id,
      });
    });
    return table;
  }
}
