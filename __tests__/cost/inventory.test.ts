import { inventoryOf } from '../../scripts/cost/inventory';
import { lineItemsOf } from '../../scripts/cost/line-items';
import { HOURS_PER_MONTH, PRICES } from '../../scripts/cost/prices';
import { group, stack, SUBNETS } from './fixtures';

const prices = PRICES['eu-west-1'];
const H = HOURS_PER_MONTH;

const DATA = stack('shop-data', {
  aws_db_instance: {
    primary: { instance_class: 'db.m7g.large', multi_az: true, allocated_storage: 100, database_insights_mode: 'advanced' }, // prettier-ignore
    replica: { instance_class: 'db.m7g.large', multi_az: false, replicate_source_db: '${aws_db_instance.primary.identifier}' }, // prettier-ignore
  },
  aws_db_proxy: { proxy: { name: 'shop-db-proxy' } },
  aws_db_proxy_target: {
    target: {
      db_proxy_name: '${aws_db_proxy.proxy.name}',
      db_instance_identifier: '${aws_db_instance.primary.identifier}',
    },
  },
  aws_db_instance_automated_backups_replication: { copy: { region: 'eu-central-1' } },
  aws_elasticache_replication_group: {
    cache: { node_type: 'cache.m7g.large', num_cache_clusters: 3, engine: 'valkey' },
  },
  aws_backup_vault: { local: {}, offsite: { region: 'eu-central-1' } },
  aws_cloudwatch_metric_alarm: {
    cpu: { metric_name: 'CPUUtilization', period: 300 },
    fast: { metric_name: 'Latency', period: 10 },
    math: {
      metric_query: [
        { id: 'e', expression: 'a/b' },
        { id: 'a', metric: {} },
        { id: 'b', metric: {} },
      ],
    },
  },
});

const EDGE = stack('shop-edge', {
  ...SUBNETS,
  aws_lb: {
    public: { load_balancer_type: 'application', internal: false },
    private: { load_balancer_type: 'application', internal: true },
    network: { load_balancer_type: 'network' },
  },
  aws_route53_health_check: {
    basic: { type: 'HTTP', request_interval: 30 },
    full: { type: 'HTTPS_STR_MATCH', request_interval: 10, measure_latency: true },
  },
  aws_vpc_endpoint: {
    listed: { vpc_endpoint_type: 'Interface', subnet_ids: ['${aws_subnet.a.id}', '${aws_subnet.b.id}'] },
    token: { vpc_endpoint_type: 'Interface', subnet_ids: '${data.terraform_remote_state.n.outputs.ids}' },
    gateway: { vpc_endpoint_type: 'Gateway' },
  },
  aws_eip: { nat: { domain: 'vpc' } },
});

describe('inventory', () => {
  const inventory = inventoryOf(group(DATA, EDGE));

  it('reads each database: class, Multi-AZ, storage (a replica inherits its source), insights', () => {
    expect(inventory.databases).toEqual([
      { id: 'shop-data/primary', instanceClass: 'db.m7g.large', multiAz: true, storageGb: 100, replica: false, advancedInsights: true }, // prettier-ignore
      { id: 'shop-data/replica', instanceClass: 'db.m7g.large', multiAz: false, storageGb: 100, replica: true, advancedInsights: false }, // prettier-ignore
    ]);
    expect(inventory.proxyInstanceClasses).toEqual(['db.m7g.large']);
    expect(inventory.replicatedBackupGb).toBe(100);
  });

  it('reads caches, vaults and alarm metrics (a metric-math alarm bills each metric)', () => {
    expect(inventory.caches).toEqual([{ id: 'shop-data/cache', nodeType: 'cache.m7g.large', nodes: 3, engine: 'valkey' }]); // prettier-ignore
    expect(inventory.backupVaults).toBe(2);
    expect(inventory.alarmMetrics).toBe(3);
    expect(inventory.highResolutionAlarmMetrics).toBe(1);
  });

  it('counts application load balancers, and a public address per zone of an internet-facing one', () => {
    expect(inventory.loadBalancers).toBe(2);
    expect(inventory.availabilityZones).toBe(3);
    expect(inventory.publicIpv4Addresses).toBe(1 + 3);
  });

  it('counts interface endpoints per zone (all zones when the subnets are a reference), not gateway endpoints', () => {
    expect(inventory.interfaceEndpointAzs).toEqual([2, 3]);
  });

  it('counts the paid options of health checks', () => {
    expect(inventory.healthChecks).toEqual([
      { id: 'shop-edge/basic', features: 0 },
      { id: 'shop-edge/full', features: 4 },
    ]);
  });
});

describe('line items', () => {
  const items = lineItemsOf(inventoryOf(group(DATA, EDGE)), prices);
  const item = (resource: string) => {
    const found = items.find((i) => i.resource === resource);
    if (!found) throw new Error(`no row ${resource} in ${items.map((i) => i.resource).join(', ')}`);
    return found;
  };
  const m7gLarge = prices.rdsInstanceHour['db.m7g.large'];

  it('bills a Multi-AZ instance and its storage twice, a replica once', () => {
    expect(item('RDS instance db.m7g.large, Multi-AZ').monthlyUsd).toBeCloseTo(2 * m7gLarge.usd * H, 6);
    expect(item('RDS storage, Multi-AZ').monthlyUsd).toBeCloseTo(2 * 100 * prices.rdsStorageGbMonth.usd, 6);
    expect(item('RDS read replica db.m7g.large').monthlyUsd).toBeCloseTo(m7gLarge.usd * H, 6);
    expect(item('RDS storage').monthlyUsd).toBeCloseTo(100 * prices.rdsStorageGbMonth.usd, 6);
  });

  it('bills RDS Proxy and advanced Database Insights per vCPU of the instance', () => {
    expect(item('RDS Proxy (db.m7g.large)').count).toBe(m7gLarge.vcpus);
    expect(item('RDS Proxy (db.m7g.large)').monthlyUsd).toBeCloseTo(m7gLarge.vcpus * prices.rdsProxyVcpuHour.usd * H, 6); // prettier-ignore
    const insights = items.filter((i) => i.resource.startsWith('RDS Database Insights'));
    expect(insights).toHaveLength(1);
    expect(insights[0].monthlyUsd).toBeCloseTo(
      m7gLarge.vcpus * prices.rdsInsightsAdvancedVcpuHour.usd * H,
      6,
    );
  });

  it('bills Valkey nodes at their share of the Redis OSS price', () => {
    const valkey = item('ElastiCache valkey node cache.m7g.large');
    expect(valkey.count).toBe(3);
    expect(valkey.monthlyUsd).toBeCloseTo(3 * prices.cacheNodeHour['cache.m7g.large'].usd * prices.valkeyFactor.usd * H, 6); // prettier-ignore
    expect(valkey.price.confirmed).toBe(false);
  });

  it('bills each interface endpoint per zone, and health check options on top of the checks', () => {
    expect(item('VPC interface endpoint, per AZ').count).toBe(5);
    expect(item('Route 53 health check').monthlyUsd).toBeCloseTo(2 * prices.healthCheckMonth.usd, 6);
    expect(item('Route 53 health check option').monthlyUsd).toBeCloseTo(4 * prices.healthCheckFeatureMonth.usd, 6); // prettier-ignore
  });

  it('leaves out what the stacks do not have', () => {
    expect(items.map((i) => i.resource)).not.toContain('NAT gateway');
    expect(items.map((i) => i.resource)).not.toContain('CloudWatch dashboard');
    for (const i of items) expect(i.count).toBeGreaterThan(0);
  });

  it('multiplies every row out: count × units × price', () => {
    for (const i of items) expect(i.monthlyUsd).toBeCloseTo(i.count * i.unitsPerItem * i.price.usd, 9);
  });

  it('stops with the table to extend when an instance class has no price', () => {
    const unknown = stack('shop-data', { aws_db_instance: { db: { instance_class: 'db.x9.huge', allocated_storage: 20 } } }); // prettier-ignore
    expect(() => lineItemsOf(inventoryOf(group(unknown)), prices)).toThrow(
      /no price for the RDS instance class 'db\.x9\.huge': add it to scripts\/cost\/prices\.ts \(known: db\.t4g\.micro, /,
    );
  });

  it('stops when a database has no storage size', () => {
    const sizeless = stack('shop-data', { aws_db_instance: { db: { instance_class: 'db.t4g.micro' } } });
    expect(() => inventoryOf(group(sizeless))).toThrow(/shop-data\/db: allocated_storage is undefined, not a number of GB/); // prettier-ignore
  });
});
