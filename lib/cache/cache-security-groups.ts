import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { resourceName } from '../naming';
import { nameTag } from '../network/name-tag';

/** Props of {@link CacheSecurityGroups}. */
export interface CacheSecurityGroupsProps {
  /** Prefix of the names, e.g. `platform-prod`. */
  readonly namePrefix: string;
  /** The cache's name after the prefix, e.g. `cache`. */
  readonly name: string;
  /** The VPC. */
  readonly vpcId: string;
  /** The port the cache listens on. */
  readonly port: number;
  /** Other security groups whose members may connect. */
  readonly allowedSecurityGroupIds: readonly string[];
}

/**
 * The cache's security group, which admits the cache port from named groups only and has no egress
 * rule (a cache only answers; security groups are stateful), and a client security group: a service
 * joins it to reach the cache. The client group exists because the service layer is deployed after
 * the data layer, so the cache cannot name the service's own group without a dependency cycle.
 */
export class CacheSecurityGroups extends Construct {
  /** The group attached to the cache nodes. */
  readonly securityGroup: SecurityGroup;
  /** The group a client joins to reach the cache; its only rule is egress to the cache port. */
  readonly clientSecurityGroup: SecurityGroup;
  /** The cache's ingress rules: the client group first, then one per allowed group in order. */
  readonly ingressRules: VpcSecurityGroupIngressRule[];
  /** The client group's egress rule to the cache, for clients whose other groups restrict egress. */
  readonly clientEgressRule: VpcSecurityGroupEgressRule;

  constructor(scope: Construct, id: string, props: CacheSecurityGroupsProps) {
    super(scope, id);
    const port = { ipProtocol: 'tcp', fromPort: props.port, toPort: props.port };

    this.securityGroup = new SecurityGroup(this, 'cache', {
      name: resourceName('securityGroup', props.namePrefix, props.name),
      description: `ElastiCache ${props.namePrefix}-${props.name}: TCP ${props.port} from its client groups only`,
      vpcId: props.vpcId,
      tags: nameTag(props.namePrefix, props.name),
    });
    this.clientSecurityGroup = new SecurityGroup(this, 'clients', {
      name: resourceName('securityGroup', props.namePrefix, props.name, 'clients'),
      description: `Members may connect to ElastiCache ${props.namePrefix}-${props.name}`,
      vpcId: props.vpcId,
      tags: nameTag(props.namePrefix, props.name, 'clients'),
    });

    const fromClients = new VpcSecurityGroupIngressRule(this, 'from-clients', {
      ...port,
      securityGroupId: this.securityGroup.id,
      referencedSecurityGroupId: this.clientSecurityGroup.id,
      description: 'Members of the client security group',
      tags: nameTag(props.namePrefix, props.name, 'from-clients'),
    });
    const fromAllowed = props.allowedSecurityGroupIds.map(
      (groupId, i) =>
        // A literal id names its rule, so reordering the list does not replace rules; a reference has no
        // stable text, so its position names it.
        new VpcSecurityGroupIngressRule(
          this,
          `from-${Token.isUnresolved(groupId) ? `group-${i}` : groupId}`,
          {
            ...port,
            securityGroupId: this.securityGroup.id,
            referencedSecurityGroupId: groupId,
            description: 'An allowed client security group',
            tags: nameTag(props.namePrefix, props.name, 'from-allowed-group'),
          },
        ),
    );
    this.ingressRules = [fromClients, ...fromAllowed];

    this.clientEgressRule = new VpcSecurityGroupEgressRule(this, 'clients-to-cache', {
      ...port,
      securityGroupId: this.clientSecurityGroup.id,
      referencedSecurityGroupId: this.securityGroup.id,
      description: `To ElastiCache ${props.namePrefix}-${props.name}`,
      tags: nameTag(props.namePrefix, props.name, 'clients-to-cache'),
    });
  }
}
