import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';
import { awsContext } from '../core/aws-context';
import { resourceName } from '../naming';
import { nameTag } from './name-tag';

/** Props of {@link VpcEndpoints}. */
export interface VpcEndpointsProps {
  /** Prefix of the names, e.g. `platform-prod`. */
  readonly namePrefix: string;
  /** The VPC. */
  readonly vpcId: string;
  /** The VPC's CIDR, the only source the interface endpoints admit. */
  readonly vpcCidr: string;
  /** Route tables that get the S3 gateway endpoint's route (private and isolated tiers). */
  readonly gatewayRouteTableIds: string[];
  /** Subnets the interface endpoints place their network interfaces in (the private tier). */
  readonly interfaceSubnetIds: string[];
  /** Short names of the interface endpoints, e.g. `['ecr.api', 'logs']`. @default none */
  readonly interfaceServices?: string[];
}

/**
 * Private paths to AWS services. S3 always, through a gateway endpoint (free, and it keeps S3 traffic
 * off the NAT gateways, which bill per GB). Other services through interface endpoints with private
 * DNS, so SDKs reach them without NAT and without code changes.
 */
export class VpcEndpoints extends Construct {
  /** The S3 gateway endpoint. */
  readonly s3Gateway: VpcEndpoint;
  /** Interface endpoints by short name, e.g. `interfaceEndpoints['ecr.api']`. */
  readonly interfaceEndpoints: Readonly<Record<string, VpcEndpoint>>;
  /** Security group of the interface endpoints: HTTPS from the VPC only. Absent when there are none. */
  readonly securityGroup?: SecurityGroup;
  /** The one ingress rule of {@link securityGroup}. */
  readonly httpsFromVpc?: VpcSecurityGroupIngressRule;

  constructor(scope: Construct, id: string, props: VpcEndpointsProps) {
    super(scope, id);
    const { region } = awsContext(this);
    const serviceName = (shortName: string): string => `com.amazonaws.${region}.${shortName}`;

    this.s3Gateway = new VpcEndpoint(this, 's3-gateway', {
      vpcId: props.vpcId,
      serviceName: serviceName('s3'),
      vpcEndpointType: 'Gateway',
      routeTableIds: props.gatewayRouteTableIds,
      tags: nameTag(props.namePrefix, 's3-gateway-endpoint'),
    });

    const services = props.interfaceServices ?? [];
    const endpoints: Record<string, VpcEndpoint> = {};
    if (services.length > 0) {
      const groupName = resourceName('securityGroup', props.namePrefix, 'vpc-endpoints');
      // No egress rule: an endpoint only answers connections, and security groups are stateful.
      const securityGroup = new SecurityGroup(this, 'security-group', {
        name: groupName,
        description: 'Interface VPC endpoints: HTTPS from inside the VPC only',
        vpcId: props.vpcId,
        tags: nameTag(props.namePrefix, 'vpc-endpoints'),
      });
      this.securityGroup = securityGroup;
      this.httpsFromVpc = new VpcSecurityGroupIngressRule(this, 'https-from-vpc', {
        securityGroupId: securityGroup.id,
        description: 'HTTPS from the VPC',
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        cidrIpv4: props.vpcCidr,
        tags: nameTag(props.namePrefix, 'vpc-endpoints-https'),
      });
      for (const shortName of services) {
        endpoints[shortName] = new VpcEndpoint(this, `interface-${shortName}`, {
          vpcId: props.vpcId,
          serviceName: serviceName(shortName),
          vpcEndpointType: 'Interface',
          privateDnsEnabled: true,
          subnetIds: props.interfaceSubnetIds,
          securityGroupIds: [securityGroup.id],
          tags: nameTag(props.namePrefix, shortName, 'endpoint'),
        });
      }
    }
    this.interfaceEndpoints = endpoints;
  }
}
