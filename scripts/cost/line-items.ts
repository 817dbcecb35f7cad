import { CacheCluster, DatabaseInstance, FargateService, Inventory } from './inventory';
import { ASSUMPTIONS, HOURS_PER_MONTH, InstanceClassPrice, Price, RegionPrices } from './prices';
import { EstimateError } from './synth-output';

/** One row of an estimate: how many, of what, at which price. */
export interface LineItem {
  /** What is billed, e.g. `NAT gateway`. */
  readonly resource: string;
  /** How many of it. */
  readonly count: number;
  /** Units of {@link price} billed per item a month, e.g. 730 hours; 1 for a monthly price. */
  readonly unitsPerItem: number;
  /** How {@link unitsPerItem} reads, e.g. `× 730 h`; empty for a monthly price. */
  readonly unitsText: string;
  /** The unit price. */
  readonly price: Price;
  /** count × unitsPerItem × price, in USD. */
  readonly monthlyUsd: number;
}

/** A row billed per hour of every month, e.g. 3 NAT gateways × 730 h × $0.048. */
export function hourly(resource: string, count: number, price: Price, perHourFactor = 1): LineItem {
  return item(resource, count, HOURS_PER_MONTH * perHourFactor, `× ${formatUnits(HOURS_PER_MONTH * perHourFactor)} h`, price); // prettier-ignore
}

/** A row billed per month. */
export function monthly(resource: string, count: number, price: Price): LineItem {
  return item(resource, count, 1, '', price);
}

/** A row billed per unit of usage, e.g. GB. */
export function usage(
  resource: string,
  count: number,
  units: number,
  unitsText: string,
  price: Price,
): LineItem {
  return item(resource, count, units, unitsText, price);
}

function item(
  resource: string,
  count: number,
  unitsPerItem: number,
  unitsText: string,
  price: Price,
): LineItem {
  return { resource, count, unitsPerItem, unitsText, price, monthlyUsd: count * unitsPerItem * price.usd };
}

function formatUnits(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(2);
}

/** The price of an instance class, or a message saying which table to extend. */
export function classPrice(
  table: Readonly<Record<string, InstanceClassPrice>>,
  name: string,
  what: string,
): InstanceClassPrice {
  const price = table[name];
  if (price === undefined) {
    throw new EstimateError(
      `no price for the ${what} '${name}': add it to scripts/cost/prices.ts (known: ${Object.keys(table).join(', ')})`,
    );
  }
  return price;
}

/** The rows of a group's estimate, in a fixed order; rows that count nothing are left out. */
export function lineItemsOf(inventory: Inventory, prices: RegionPrices): LineItem[] {
  const items: LineItem[] = [
    hourly('NAT gateway', inventory.natGateways, prices.natGatewayHour),
    ...(inventory.natGateways > 0
      ? [usage('NAT data processed (assumed)', 1, ASSUMPTIONS.natGbPerEnvironment.value, `× ${ASSUMPTIONS.natGbPerEnvironment.value} GB`, prices.natGatewayGb)] // prettier-ignore
      : []),
    hourly('Public IPv4 address (NAT, load balancer)', inventory.publicIpv4Addresses, prices.publicIpv4Hour),
    hourly(
      'VPC interface endpoint, per AZ',
      sum(inventory.interfaceEndpointAzs),
      prices.interfaceEndpointAzHour,
    ),
    hourly('Application Load Balancer', inventory.loadBalancers, prices.albHour),
    hourly(`ALB capacity units (${ASSUMPTIONS.albLcus.value} LCU assumed)`, inventory.loadBalancers, prices.albLcuHour, ASSUMPTIONS.albLcus.value), // prettier-ignore
    ...inventory.databases.flatMap((db) => databaseItems(db, prices)),
    ...inventory.proxyInstanceClasses.map((instanceClass) =>
      hourly(`RDS Proxy (${instanceClass})`, proxyVcpus(instanceClass, prices), prices.rdsProxyVcpuHour),
    ),
    usage('RDS backups copied to another region', 1, inventory.replicatedBackupGb, `× ${inventory.replicatedBackupGb} GB`, prices.backupStorageGbMonth), // prettier-ignore
    ...inventory.caches.map((cache) => cacheItem(cache, prices)),
    ...inventory.fargateServices.flatMap((service) => fargateItems(service, prices)),
    usage('CloudFront data to viewers (assumed)', inventory.distributions, ASSUMPTIONS.cloudfrontGb.value, `× ${ASSUMPTIONS.cloudfrontGb.value} GB`, prices.cloudfrontGb), // prettier-ignore
    usage('CloudFront HTTPS requests (assumed)', inventory.distributions, ASSUMPTIONS.cloudfrontRequests.value / 10_000, `× ${ASSUMPTIONS.cloudfrontRequests.value / 10_000} (10k requests)`, prices.cloudfrontHttps10kRequests), // prettier-ignore
    monthly('WAF web ACL', inventory.webAclRules.length, prices.wafWebAclMonth),
    monthly('WAF rule', sum(inventory.webAclRules), prices.wafRuleMonth),
    usage('WAF requests (assumed)', inventory.webAclRules.length, ASSUMPTIONS.wafRequests.value / 1_000_000, `× ${ASSUMPTIONS.wafRequests.value / 1_000_000} M`, prices.wafMillionRequests), // prettier-ignore
    monthly('KMS key', inventory.kmsKeys, prices.kmsKeyMonth),
    monthly('Secrets Manager secret', inventory.secrets, prices.secretMonth),
    monthly('CloudWatch alarm metric', inventory.alarmMetrics, prices.alarmMetricMonth),
    monthly('CloudWatch alarm metric, high resolution', inventory.highResolutionAlarmMetrics, prices.highResolutionAlarmMetricMonth), // prettier-ignore
    monthly('CloudWatch dashboard', inventory.dashboards, prices.dashboardMonth),
    usage('Log ingestion, per log group (assumed)', inventory.logGroups - inventory.flowLogsToCloudWatch, ASSUMPTIONS.logGbPerGroup.value, `× ${ASSUMPTIONS.logGbPerGroup.value} GB`, prices.logsIngestedGb), // prettier-ignore
    usage('Log ingestion, VPC flow logs (assumed)', inventory.flowLogsToCloudWatch, ASSUMPTIONS.flowLogGb.value, `× ${ASSUMPTIONS.flowLogGb.value} GB`, prices.logsIngestedGb), // prettier-ignore
    monthly('Route 53 hosted zone', inventory.hostedZones, prices.hostedZoneMonth),
    monthly('Route 53 health check', inventory.healthChecks.length, prices.healthCheckMonth),
    monthly('Route 53 health check option', sum(inventory.healthChecks.map((h) => h.features)), prices.healthCheckFeatureMonth), // prettier-ignore
    usage('S3 storage (assumed)', inventory.buckets, ASSUMPTIONS.s3GbPerBucket.value, `× ${ASSUMPTIONS.s3GbPerBucket.value} GB`, prices.s3StandardGbMonth), // prettier-ignore
    usage('Backup vault storage (assumed)', inventory.backupVaults, backupGbPerVault(inventory), `× ${backupGbPerVault(inventory)} GB`, prices.backupStorageGbMonth), // prettier-ignore
    monthly('AWS Budgets budget', inventory.budgets, prices.budgetMonth),
  ];
  return items.filter((i) => i.count > 0 && i.unitsPerItem > 0);
}

/** The instance (twice for Multi-AZ), its storage (twice for Multi-AZ) and advanced Database Insights. */
export function databaseItems(db: DatabaseInstance, prices: RegionPrices): LineItem[] {
  const copies = db.multiAz ? 2 : 1;
  const price = classPrice(prices.rdsInstanceHour, db.instanceClass, 'RDS instance class');
  const label = `RDS ${db.replica ? 'read replica' : 'instance'} ${db.instanceClass}${db.multiAz ? ', Multi-AZ' : ''}`;
  return [
    hourly(label, copies, price),
    usage(`RDS storage${db.multiAz ? ', Multi-AZ' : ''}`, copies, db.storageGb, `× ${db.storageGb} GB`, prices.rdsStorageGbMonth), // prettier-ignore
    ...(db.advancedInsights
      ? [hourly(`RDS Database Insights, advanced (${price.vcpus} vCPU)`, price.vcpus, prices.rdsInsightsAdvancedVcpuHour)] // prettier-ignore
      : []),
  ];
}

/** RDS Proxy bills the vCPUs of its instance, at least 2. */
function proxyVcpus(instanceClass: string, prices: RegionPrices): number {
  return Math.max(2, classPrice(prices.rdsInstanceHour, instanceClass, 'RDS instance class').vcpus);
}

/** The nodes of a cache; Valkey nodes cost a share of the Redis OSS price. */
export function cacheItem(cache: CacheCluster, prices: RegionPrices): LineItem {
  const base = classPrice(prices.cacheNodeHour, cache.nodeType, 'ElastiCache node type');
  const valkey = cache.engine === 'valkey';
  const price: Price = valkey
    ? { ...base, usd: base.usd * prices.valkeyFactor.usd, unit: 'node-hour (Valkey)', confirmed: false }
    : base;
  return hourly(`ElastiCache ${cache.engine} node ${cache.nodeType}`, cache.nodes, price);
}

/** The vCPU and memory of the tasks that always run. */
export function fargateItems(service: FargateService, prices: RegionPrices): LineItem[] {
  const [vcpu, gb] = service.arm
    ? [prices.fargateArmVcpuHour, prices.fargateArmGbHour]
    : [prices.fargateVcpuHour, prices.fargateGbHour];
  const tasks = `${service.minTasks} task${service.minTasks === 1 ? '' : 's'}`;
  const arch = service.arm ? 'ARM' : 'x86';
  return [
    hourly(`Fargate vCPU, ${service.name} (${tasks} × ${service.vcpus} vCPU, ${arch})`, service.minTasks * service.vcpus, vcpu), // prettier-ignore
    hourly(`Fargate memory, ${service.name} (${tasks} × ${service.memoryGb} GB, ${arch})`, service.minTasks * service.memoryGb, gb), // prettier-ignore
  ];
}

/** GB of snapshots kept in each backup vault: the primary databases' storage times the assumption. */
function backupGbPerVault(inventory: Inventory): number {
  const gb = sum(inventory.databases.filter((db) => !db.replica).map((db) => db.storageGb));
  return gb * ASSUMPTIONS.backupCopiesOfDatabase.value;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
