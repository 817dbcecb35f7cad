import { SubnetTier } from './subnet-plan';

/**
 * How the private tier reaches the internet: `none` (no route out), `single` (one NAT gateway,
 * cheapest, but an outage of its AZ cuts every AZ off) or `perAz` (one per AZ, survives an AZ outage).
 */
export type NatStrategy = 'none' | 'single' | 'perAz';

/** The NAT strategies, for validation and documentation. */
export const NAT_STRATEGIES: readonly NatStrategy[] = ['none', 'single', 'perAz'];

/** Where flow log records go: a KMS-encrypted CloudWatch Logs group, or an SSE-KMS S3 bucket. */
export type FlowLogDestination = 'cloudwatch' | 's3';

/** Which traffic a flow log records. */
export type FlowLogTrafficType = 'ALL' | 'ACCEPT' | 'REJECT';

/** Seconds AWS aggregates a flow over before it writes a record: 60 or 600. */
export type FlowLogAggregationInterval = 60 | 600;

export { CLOUDWATCH_LOG_RETENTION_DAYS } from '../observability/log-retention';

/** VPC flow log options. Flow logs are always on; these choose where they go and for how long. */
export interface NetworkFlowLogOptions {
  /** Where records go. @default 'cloudwatch' */
  readonly destination?: FlowLogDestination;
  /** Days records are kept (log group retention, or the bucket's expiry): a CloudWatch Logs retention value. @default 90 */
  readonly retentionDays?: number;
  /** Which traffic is recorded. @default 'ALL' */
  readonly trafficType?: FlowLogTrafficType;
  /** Seconds a flow is aggregated over before a record is written; 60 makes incident timelines precise at no extra cost. @default 60 */
  readonly maxAggregationIntervalSeconds?: FlowLogAggregationInterval;
  /** Refuse `terraform destroy` of the log group or bucket and its KMS key (set it in production). @default false */
  readonly preventDestroy?: boolean;
}

/** Props of {@link Network}. */
export interface NetworkProps {
  /** Prefix of every name and `Name` tag, e.g. `platform-prod`: lowercase letters, digits and inner hyphens, at most 37 characters. */
  readonly namePrefix: string;
  /** The VPC's IPv4 CIDR, the network address itself, /16 to /28, e.g. `10.30.0.0/16`. */
  readonly cidr: string;
  /** Full names of the AZs to span, 1 to 3, all in one region, e.g. `['eu-west-1a', 'eu-west-1b']`. Append only: reordering or removing one renumbers subnets. */
  readonly availabilityZones: string[];
  /** Prefix length of one subnet per tier (/16 to /28). Fixed once deployed: a change replaces the tier's subnets. @default { public: 24, private: 20, isolated: 24 } */
  readonly subnetPrefixLength?: Partial<Record<SubnetTier, number>>;
  /** NAT for the private tier. @default 'single' */
  readonly natGateways?: NatStrategy;
  /** VPC flow logs. @default CloudWatch Logs, 90 days, all traffic, 60 s aggregation */
  readonly flowLogs?: NetworkFlowLogOptions;
  /** Short names of interface (PrivateLink) endpoints to create in the private tier, e.g. `['ecr.api', 'ecr.dkr', 'logs']` for `com.amazonaws.<region>.<name>`. @default none */
  readonly interfaceEndpoints?: string[];
}

/** {@link NetworkProps} validated, with every default applied. */
export interface ResolvedNetworkProps {
  readonly namePrefix: string;
  readonly cidr: string;
  readonly availabilityZones: readonly string[];
  readonly subnetPrefixLength: Readonly<Record<SubnetTier, number>>;
  readonly natGateways: NatStrategy;
  readonly flowLogs: Required<NetworkFlowLogOptions>;
  readonly interfaceEndpoints: readonly string[];
}
