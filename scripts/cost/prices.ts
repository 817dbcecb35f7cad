/**
 * The prices and traffic assumptions of the cost estimate (scripts/cost/estimate.ts), per region.
 *
 * Every price says its unit, the day it was taken, where, and whether the figure itself was read
 * from an AWS page or AWS price-list file (`confirmed`) or is an estimate: most AWS pricing pages
 * render their regional tables in the browser, so several eu-west-1 figures could not be read from
 * the page and are the best figure known (AWS's published rate where it is the same in every region,
 * else the author's reading of the regional table). The generated tables mark those "estimate". To update a price: change it here, set
 * `taken`, then regenerate (help/cost.md, "Regenerating").
 */

/** One price. */
export interface Price {
  /** USD per {@link unit}. */
  readonly usd: number;
  /** What one unit is, e.g. `NAT gateway-hour`, `GB-month`. */
  readonly unit: string;
  /** The day the figure was taken, `YYYY-MM-DD`. */
  readonly taken: string;
  /** The public AWS pricing page of the figure. */
  readonly source: string;
  /** The figure was read from an AWS page or price-list file; otherwise it is an estimate. */
  readonly confirmed: boolean;
  /** Where the figure comes from when not the page itself, or what it leaves out. */
  readonly note?: string;
}

/** An RDS or ElastiCache instance class: its on-demand price and what the knobs need to know. */
export interface InstanceClassPrice extends Price {
  /** vCPUs: RDS Proxy and Database Insights are priced per vCPU of the instance. */
  readonly vcpus: number;
}

/** The prices of one region. */
export interface RegionPrices {
  readonly natGatewayHour: Price;
  readonly natGatewayGb: Price;
  readonly publicIpv4Hour: Price;
  readonly interfaceEndpointAzHour: Price;
  readonly albHour: Price;
  readonly albLcuHour: Price;
  /** RDS for PostgreSQL, Single-AZ on-demand; Multi-AZ (one standby) costs twice. */
  readonly rdsInstanceHour: Readonly<Record<string, InstanceClassPrice>>;
  /** RDS gp3 storage, Single-AZ; Multi-AZ stores it twice. */
  readonly rdsStorageGbMonth: Price;
  readonly rdsProxyVcpuHour: Price;
  readonly rdsInsightsAdvancedVcpuHour: Price;
  /** Snapshot storage in a backup vault (RDS snapshots through AWS Backup). */
  readonly backupStorageGbMonth: Price;
  /** ElastiCache node-based, Redis OSS engine; Valkey costs {@link valkeyFactor} of it. */
  readonly cacheNodeHour: Readonly<Record<string, InstanceClassPrice>>;
  readonly valkeyFactor: Price;
  readonly fargateVcpuHour: Price;
  readonly fargateGbHour: Price;
  readonly fargateArmVcpuHour: Price;
  readonly fargateArmGbHour: Price;
  readonly cloudfrontGb: Price;
  readonly cloudfrontHttps10kRequests: Price;
  readonly wafWebAclMonth: Price;
  readonly wafRuleMonth: Price;
  readonly wafMillionRequests: Price;
  readonly kmsKeyMonth: Price;
  readonly secretMonth: Price;
  readonly alarmMetricMonth: Price;
  readonly highResolutionAlarmMetricMonth: Price;
  readonly dashboardMonth: Price;
  readonly logsIngestedGb: Price;
  readonly hostedZoneMonth: Price;
  /** A basic Route 53 health check of an endpoint outside AWS (see {@link healthCheckFeatureMonth}). */
  readonly healthCheckMonth: Price;
  /** Each optional feature of such a check: HTTPS, string matching, 10-second interval, latency. */
  readonly healthCheckFeatureMonth: Price;
  readonly s3StandardGbMonth: Price;
  readonly budgetMonth: Price;
}

/** One traffic or size assumption: what usage the estimate supposes where the code says nothing. */
export interface Assumption {
  /** The amount. */
  readonly value: number;
  /** What it means, for the doc. */
  readonly text: string;
}

/** Hours in a month, the usual 365 × 24 / 12. */
export const HOURS_PER_MONTH = 730;

/** Usage the synthesized code cannot tell: change these to match the real traffic. */
export const ASSUMPTIONS = {
  natGbPerEnvironment: { value: 100, text: 'GB a month through the NAT gateways of an environment' },
  albLcus: { value: 1, text: 'load balancer capacity units (LCU) in use on average per load balancer' },
  cloudfrontGb: { value: 100, text: 'GB a month from each CloudFront distribution to viewers' },
  cloudfrontRequests: { value: 1_000_000, text: 'HTTPS requests a month to each CloudFront distribution' },
  wafRequests: { value: 1_000_000, text: 'requests a month inspected by each web ACL' },
  logGbPerGroup: { value: 1, text: 'GB a month ingested into each log group (other than flow logs)' },
  flowLogGb: { value: 10, text: 'GB a month of VPC flow logs into CloudWatch, per flow log' },
  s3GbPerBucket: { value: 10, text: 'GB stored in each S3 bucket (S3 Standard)' },
  backupCopiesOfDatabase: {
    value: 1,
    text: "database sizes kept per backup vault (incremental snapshots over the plan's retention)",
  },
} as const satisfies Record<string, Assumption>;

const TAKEN = '2026-11-23';
const page = (path: string) => `https://aws.amazon.com/${path}/pricing/`;
const EU_PAGE_NOTE = 'the page renders regional figures in the browser; eu-west-1 figure not read from it';

function estimate(usd: number, unit: string, source: string, note = EU_PAGE_NOTE): Price {
  return { usd, unit, taken: TAKEN, source, confirmed: false, note };
}

function confirmed(usd: number, unit: string, source: string, note?: string): Price {
  return { usd, unit, taken: TAKEN, source, confirmed: true, ...(note ? { note } : {}) };
}

function classes(
  source: string,
  unit: string,
  table: Record<string, [usd: number, vcpus: number]>,
): Record<string, InstanceClassPrice> {
  return Object.fromEntries(
    Object.entries(table).map(([name, [usd, vcpus]]) => [name, { ...estimate(usd, unit, source), vcpus }]),
  );
}

const RDS = page('rds/postgresql');
const CACHE = page('elasticache');
const FARGATE = page('fargate');
const CLOUDWATCH = page('cloudwatch');

/** Prices by region. A region without a table stops the estimate with a message saying so. */
export const PRICES: Readonly<Record<string, RegionPrices>> = {
  'eu-west-1': {
    natGatewayHour: confirmed(0.048, 'NAT gateway-hour', page('vpc'), 'AWS Price List offer file for eu-west-1 (EU-NatGateway-Hours), published 2026-09-25'), // prettier-ignore
    natGatewayGb: confirmed(0.048, 'GB processed', page('vpc'), 'AWS Price List offer file for eu-west-1 (EU-NatGateway-Bytes), published 2026-09-25'), // prettier-ignore
    publicIpv4Hour: estimate(0.005, 'public IPv4 address-hour', page('vpc'), "AWS's announced rate for every public IPv4 address since 2024-02-01, all regions; not read from the page"), // prettier-ignore
    interfaceEndpointAzHour: estimate(0.011, 'endpoint-AZ-hour', page('privatelink'), 'not read from the page; matches public eu-west-1 billing exports (EU-VpcEndpoint-Hours)'), // prettier-ignore
    albHour: estimate(0.0252, 'load balancer-hour', page('elasticloadbalancing')),
    albLcuHour: estimate(0.008, 'LCU-hour', page('elasticloadbalancing'), 'the page example shows $0.008 for us-east-1; eu-west-1 assumed the same'), // prettier-ignore
    rdsInstanceHour: classes(RDS, 'instance-hour', {
      'db.t4g.micro': [0.018, 2],
      'db.t4g.small': [0.036, 2],
      'db.t4g.medium': [0.072, 2],
      'db.t4g.large': [0.144, 2],
      'db.t4g.xlarge': [0.288, 4],
      'db.t4g.2xlarge': [0.576, 8],
      'db.m7g.large': [0.186, 2],
      'db.m7g.xlarge': [0.372, 4],
      'db.m7g.2xlarge': [0.744, 8],
      'db.m7g.4xlarge': [1.488, 16],
    }),
    rdsStorageGbMonth: estimate(0.127, 'GB-month (gp3)', RDS),
    rdsProxyVcpuHour: estimate(0.0165, 'vCPU-hour of the instance (at least 2)', page('rds/proxy')),
    rdsInsightsAdvancedVcpuHour: estimate(0.0125, 'vCPU-hour (Database Insights, advanced)', page('rds/performance-insights'), 'us-east-1 figure assumed for eu-west-1'), // prettier-ignore
    backupStorageGbMonth: estimate(0.095, 'GB-month (RDS snapshot in a vault)', page('backup')),
    cacheNodeHour: classes(CACHE, 'node-hour (Redis OSS)', {
      'cache.t4g.micro': [0.018, 2],
      'cache.t4g.small': [0.036, 2],
      'cache.t4g.medium': [0.073, 2],
      'cache.m7g.large': [0.176, 2],
      'cache.m7g.xlarge': [0.352, 4],
      'cache.m7g.2xlarge': [0.704, 8],
    }),
    valkeyFactor: estimate(0.8, 'share of the Redis OSS node price', CACHE, 'AWS prices Valkey nodes 20 % below Redis OSS nodes'), // prettier-ignore
    fargateVcpuHour: estimate(0.04048, 'vCPU-hour (Linux/x86)', FARGATE),
    fargateGbHour: estimate(0.004445, 'GB-hour (Linux/x86)', FARGATE),
    fargateArmVcpuHour: estimate(0.03238, 'vCPU-hour (Linux/ARM)', FARGATE),
    fargateArmGbHour: estimate(0.00356, 'GB-hour (Linux/ARM)', FARGATE),
    cloudfrontGb: estimate(0.085, 'GB to viewers (Europe, first 10 TB)', page('cloudfront'), 'before the always-free tier (1 TB and 10 million requests a month per account)'), // prettier-ignore
    cloudfrontHttps10kRequests: estimate(0.012, '10,000 HTTPS requests (Europe)', page('cloudfront'), 'before the always-free tier'), // prettier-ignore
    wafWebAclMonth: estimate(5, 'web ACL-month', page('waf'), 'same in every region per AWS; figure not read from the page'), // prettier-ignore
    wafRuleMonth: estimate(1, 'rule-month (a managed rule group counts as one)', page('waf'), 'same in every region per AWS; figure not read from the page'), // prettier-ignore
    wafMillionRequests: estimate(0.6, 'million requests', page('waf'), 'same in every region per AWS; figure not read from the page'), // prettier-ignore
    kmsKeyMonth: confirmed(1, 'key-month', page('kms'), 'each yearly rotation adds $1/month for the first two rotations'), // prettier-ignore
    secretMonth: confirmed(0.4, 'secret-month', page('secrets-manager')),
    alarmMetricMonth: estimate(0.1, 'alarm metric-month (standard resolution)', CLOUDWATCH),
    highResolutionAlarmMetricMonth: estimate(0.3, 'alarm metric-month (high resolution)', CLOUDWATCH),
    dashboardMonth: estimate(3, 'dashboard-month', CLOUDWATCH),
    logsIngestedGb: estimate(0.57, 'GB ingested (standard class)', CLOUDWATCH),
    hostedZoneMonth: estimate(0.5, 'hosted zone-month (first 25)', page('route53'), 'global price; not read from the page'), // prettier-ignore
    healthCheckMonth: estimate(0.75, 'health check-month (endpoint outside AWS)', page('route53'), 'priced as a non-AWS endpoint (CloudFront); $0.50 for an AWS endpoint'), // prettier-ignore
    healthCheckFeatureMonth: estimate(2, 'optional feature-month (HTTPS, string match, fast, latency)', page('route53'), 'non-AWS endpoint rate; $1.00 for an AWS endpoint'), // prettier-ignore
    s3StandardGbMonth: estimate(0.023, 'GB-month (S3 Standard, first 50 TB)', page('s3')),
    budgetMonth: estimate(0, 'budget-month (without budget actions)', page('aws-cost-management/aws-budgets'), 'AWS Budgets charges for action-enabled budgets and reports, not for plain budgets'), // prettier-ignore
  },
};
