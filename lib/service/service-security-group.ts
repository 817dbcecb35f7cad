import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';
import { resourceName } from '../naming';
import { nameTag } from '../network/name-tag';

/** HTTPS: the only port the tasks may reach outside the VPC. */
export const HTTPS_PORT = 443;

/** Props of {@link ServiceSecurityGroup}. */
export interface ServiceSecurityGroupProps {
  /** Prefix of the names, e.g. `platform-prod`. */
  readonly namePrefix: string;
  /** Name of the container, e.g. `api`: the group is `<namePrefix>-<containerName>-tasks`. */
  readonly containerName: string;
  /** The VPC. */
  readonly vpcId: string;
  /** CIDR block of the VPC. */
  readonly vpcCidr: string;
  /** Port the container listens on. */
  readonly containerPort: number;
  /** Security group of the load balancer. */
  readonly loadBalancerSecurityGroupId: string;
}

/**
 * The tasks' security group. In: the container port from the load balancer's group, nothing else.
 * Out: HTTPS anywhere (AWS APIs without an endpoint, OAuth, webhooks) and TCP inside the VPC
 * (database, cache, interface endpoints). DNS needs no rule: security groups do not filter traffic to
 * the VPC's Amazon-provided resolver. Every rule is its own resource, so other stacks can add theirs.
 */
export class ServiceSecurityGroup extends Construct {
  /** The group. */
  readonly securityGroup: SecurityGroup;
  /** The container port from the load balancer. */
  readonly ingressRule: VpcSecurityGroupIngressRule;
  /** HTTPS to anywhere, then TCP to the VPC. */
  readonly egressRules: VpcSecurityGroupEgressRule[];

  constructor(scope: Construct, id: string, props: ServiceSecurityGroupProps) {
    super(scope, id);
    const label = `${props.namePrefix}-${props.containerName}`;
    const tags = (...parts: string[]) => nameTag(props.namePrefix, props.containerName, ...parts);
    // No inline rules: the provider then removes AWS's default allow-all egress rule on create.
    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: resourceName('securityGroup', label, 'tasks'),
      description: `ECS tasks of ${label}: TCP ${props.containerPort} from the load balancer only`,
      vpcId: props.vpcId,
      tags: tags('tasks'),
    });
    const securityGroupId = this.securityGroup.id;

    this.ingressRule = new VpcSecurityGroupIngressRule(this, 'from-load-balancer', {
      securityGroupId,
      description: `TCP ${props.containerPort} (the container port) from the load balancer`,
      ipProtocol: 'tcp',
      fromPort: props.containerPort,
      toPort: props.containerPort,
      referencedSecurityGroupId: props.loadBalancerSecurityGroupId,
      tags: tags('from-load-balancer'),
    });

    this.egressRules = [
      new VpcSecurityGroupEgressRule(this, 'https-anywhere', {
        securityGroupId,
        description: 'HTTPS to AWS APIs, OAuth providers and webhooks (through NAT)',
        ipProtocol: 'tcp',
        fromPort: HTTPS_PORT,
        toPort: HTTPS_PORT,
        cidrIpv4: '0.0.0.0/0',
        tags: tags('https-anywhere'),
      }),
      new VpcSecurityGroupEgressRule(this, 'tcp-in-vpc', {
        securityGroupId,
        description: 'TCP inside the VPC: database, cache, VPC endpoints',
        ipProtocol: 'tcp',
        fromPort: 0,
        toPort: 65535,
        cidrIpv4: props.vpcCidr,
        tags: tags('tcp-in-vpc'),
      }),
    ];
  }
}
