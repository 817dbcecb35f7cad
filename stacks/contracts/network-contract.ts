import { ContractValues, defineContract } from '../../lib/state/contract';

/**
 * The outputs of `<env>-network`, read by the data, edge and service stacks (and by other teams)
 * through `terraform_remote_state`. Renaming or removing one breaks every reader: add, never rename.
 */
export const NETWORK_CONTRACT = defineContract('network', {
  vpcId: { type: 'string', description: 'ID of the VPC.' },
  vpcCidr: { type: 'string', description: 'IPv4 CIDR of the VPC.' },
  availabilityZones: { type: 'list', description: 'Availability zones the network spans, in subnet order.' },
  publicSubnetIds: { type: 'list', description: 'Public subnets (load balancers, NAT), one per AZ.' },
  privateSubnetIds: {
    type: 'list',
    description: 'Private subnets (application tasks, egress through NAT), one per AZ.',
  },
  isolatedSubnetIds: {
    type: 'list',
    description: 'Isolated subnets (databases, caches; no internet route), one per AZ.',
  },
  privateRouteTableIds: { type: 'list', description: 'Route tables of the private subnets.' },
  isolatedRouteTableIds: { type: 'list', description: 'Route tables of the isolated subnets.' },
  natPublicIps: {
    type: 'list',
    description: 'Public IPs the private tier egresses from (for partner allowlists).',
  },
  alertTopicArn: { type: 'string', description: 'SNS topic every alarm of the environment notifies.' },
});

/** The network contract's values, as a downstream stack sees them. */
export type NetworkOutputs = ContractValues<typeof NETWORK_CONTRACT.outputs>;
