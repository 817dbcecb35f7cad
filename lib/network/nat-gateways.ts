import { Eip } from '@cdktf/provider-aws/lib/eip';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Construct } from 'constructs';
import { nameTag } from './name-tag';
import { NatStrategy } from './network-props';

/** Props of {@link NatGateways}. */
export interface NatGatewaysProps {
  /** Prefix of the names, e.g. `platform-prod`. */
  readonly namePrefix: string;
  /** `none`, `single` (one, in the first AZ) or `perAz` (one in every AZ). */
  readonly strategy: NatStrategy;
  /** The AZs, in configured order. */
  readonly availabilityZones: readonly string[];
  /** The public subnet of each AZ, in the same order. */
  readonly publicSubnets: readonly Subnet[];
  /** The VPC's internet gateway, which a NAT gateway needs to reach the internet. */
  readonly internetGateway: InternetGateway;
}

/** Public NAT gateways, each with its own Elastic IP, placed by the NAT strategy. */
export class NatGateways extends Construct {
  /** The NAT gateways, in AZ order: none, one (first AZ) or one per AZ. */
  readonly gateways: NatGateway[] = [];
  /** Their Elastic IPs, the addresses the internet sees; same order as {@link gateways}. */
  readonly eips: Eip[] = [];
  private readonly strategy: NatStrategy;

  constructor(scope: Construct, id: string, props: NatGatewaysProps) {
    super(scope, id);
    this.strategy = props.strategy;
    const count =
      props.strategy === 'perAz' ? props.availabilityZones.length : props.strategy === 'single' ? 1 : 0;
    for (let i = 0; i < count; i++) {
      const az = props.availabilityZones[i];
      // Ids carry the AZ, so switching single -> perAz keeps the first gateway (and its address).
      const eip = new Eip(this, `eip-${az}`, {
        domain: 'vpc',
        tags: nameTag(props.namePrefix, 'nat', az),
        dependsOn: [props.internetGateway],
      });
      this.eips.push(eip);
      this.gateways.push(
        new NatGateway(this, `nat-${az}`, {
          allocationId: eip.allocationId,
          subnetId: props.publicSubnets[i].id,
          connectivityType: 'public',
          tags: nameTag(props.namePrefix, 'nat', az),
          // AWS: a NAT gateway created before the VPC has an internet gateway cannot route out.
          dependsOn: [props.internetGateway],
        }),
      );
    }
  }

  /** The NAT gateway the private route table of AZ `azIndex` uses, or undefined with `none`. */
  gatewayFor(azIndex: number): NatGateway | undefined {
    if (this.strategy === 'perAz') return this.gateways[azIndex];
    return this.gateways[0];
  }
}
