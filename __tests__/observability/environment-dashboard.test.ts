import { TerraformVariable } from 'cdktf';
import { EnvironmentDashboard, EnvironmentDashboardProps, GRID_COLUMNS } from '../../lib/observability';
import { onlyResource, synthConstructs } from '../support/synth';
import { errorOf } from './synth-observability';

const LB = 'app/platform-prod-api/0123456789abcdef';
const TG = 'targetgroup/platform-prod-api/fedcba9876543210';
const ALARM = 'arn:aws:cloudwatch:eu-west-1:222222222222:alarm:platform-prod-alb-elb-5xx-rate';
const full: EnvironmentDashboardProps = {
  namePrefix: 'platform-prod',
  region: 'eu-west-1',
  edge: { distributionId: 'E2ABCDEFGHIJKL', loadBalancerArnSuffix: LB, targetGroupArnSuffix: TG },
  service: {
    clusterName: 'platform-prod',
    serviceName: 'platform-prod-api',
    errorLogMetric: { namespace: 'platform-prod/Application', metricName: 'ErrorLogCount' },
  },
  database: {
    instanceIdentifier: 'platform-prod-db',
    proxyName: 'platform-prod-db-proxy',
    replicaIdentifier: 'platform-prod-db-replica',
  },
  cache: { replicationGroupId: 'platform-prod-cache', nodeCount: 2 },
  alarmArns: [ALARM],
};

type Line = (string | Record<string, unknown>)[];
interface ParsedWidget {
  type: string;
  x: number;
  y: number;
  width: number;
  height: number;
  properties: {
    title?: string;
    region?: string;
    stat?: string;
    metrics?: Line[];
    alarms?: string[];
    markdown?: string;
  };
}
interface ParsedBody {
  widgets: ParsedWidget[];
}

function dashboardOf(props: EnvironmentDashboardProps) {
  return onlyResource(
    synthConstructs((scope) => new EnvironmentDashboard(scope, 'dashboard', props)),
    'aws_cloudwatch_dashboard',
  );
}

function bodyOf(props: EnvironmentDashboardProps): ParsedBody {
  return JSON.parse(dashboardOf(props).dashboard_body as string) as ParsedBody;
}

function graphTitled(body: ParsedBody, title: string): ParsedWidget {
  const found = body.widgets.find((w) => w.properties.title === title);
  if (!found)
    throw new Error(`no widget '${title}' in ${body.widgets.map((w) => w.properties.title).join(', ')}`);
  return found;
}

/** The metric lines of a graph without their options: namespace, name, dimensions. */
function linesOf(widget: ParsedWidget): Line[] {
  return (widget.properties.metrics ?? []).map((line) => line.filter((part) => typeof part === 'string'));
}

describe('EnvironmentDashboard with every section', () => {
  const dashboard = dashboardOf(full);
  const body = JSON.parse(dashboard.dashboard_body as string) as ParsedBody;
  const target = ['LoadBalancer', LB, 'TargetGroup', TG];

  it('is named after the environment and parses as a dashboard body', () => {
    expect(dashboard.dashboard_name).toBe('platform-prod');
    expect(body).toMatchObject({ start: '-PT3H', periodOverride: 'auto' });
  });

  it('shows the alarms first, full width', () => {
    const alarms = body.widgets.find((w) => w.type === 'alarm');
    expect(alarms?.properties.alarms).toEqual([ALARM]);
    expect(alarms?.width).toBe(GRID_COLUMNS);
    expect(body.widgets.indexOf(alarms!)).toBe(1);
  });

  it('reads CloudFront in us-east-1 with Region=Global', () => {
    const requests = graphTitled(body, 'CloudFront requests');
    expect(requests.properties.region).toBe('us-east-1');
    expect(linesOf(requests)).toEqual([
      ['AWS/CloudFront', 'Requests', 'DistributionId', 'E2ABCDEFGHIJKL', 'Region', 'Global'],
    ]);
    const errors = graphTitled(body, 'CloudFront error rate (%)');
    expect(errors.properties.region).toBe('us-east-1');
    expect(linesOf(errors).map((l) => l[1])).toEqual(['4xxErrorRate', '5xxErrorRate']);
  });

  it('reads the load balancer: requests, 5xx from both sides, their rates, p50/p99, target health', () => {
    const ns = 'AWS/ApplicationELB';
    expect(linesOf(graphTitled(body, 'Load balancer requests'))).toEqual([
      [ns, 'RequestCount', 'LoadBalancer', LB],
    ]);
    expect(linesOf(graphTitled(body, 'Load balancer 5xx responses'))).toEqual([
      [ns, 'HTTPCode_ELB_5XX_Count', 'LoadBalancer', LB],
      [ns, 'HTTPCode_Target_5XX_Count', ...target],
    ]);
    const rates = graphTitled(body, 'Load balancer 5xx rate (%)').properties.metrics!;
    const expressions = rates
      .filter((l) => typeof l[0] === 'object')
      .map((l) => (l[0] as { expression: string }).expression);
    expect(expressions).toEqual([
      '100 * FILL(elb5xx, 0) / requests',
      '100 * FILL(target5xx, 0) / targetrequests',
    ]);
    const ids = rates.flatMap((l) =>
      l.filter((p) => typeof p === 'object').map((p) => (p as { id: string }).id),
    );
    expect(ids).toEqual(['requests', 'elb5xx', 'targetrequests', 'target5xx', 'elbrate', 'targetrate']);

    const latency = graphTitled(body, 'Response time (s)').properties.metrics!;
    expect(latency.map((l) => [l.slice(0, 6), (l[6] as { stat: string }).stat])).toEqual([
      [[ns, 'TargetResponseTime', ...target], 'p50'],
      [[ns, 'TargetResponseTime', ...target], 'p99'],
    ]);
    expect(linesOf(graphTitled(body, 'Targets'))).toEqual([
      [ns, 'HealthyHostCount', ...target],
      [ns, 'UnHealthyHostCount', ...target],
    ]);
  });

  it('reads the service: CPU and memory, running/desired/pending tasks, error log lines', () => {
    const service = ['ClusterName', 'platform-prod', 'ServiceName', 'platform-prod-api'];
    expect(linesOf(graphTitled(body, 'Service CPU and memory (% of reservation)'))).toEqual([
      ['AWS/ECS', 'CPUUtilization', ...service],
      ['AWS/ECS', 'MemoryUtilization', ...service],
    ]);
    expect(linesOf(graphTitled(body, 'Service tasks'))).toEqual([
      ['ECS/ContainerInsights', 'RunningTaskCount', ...service],
      ['ECS/ContainerInsights', 'DesiredTaskCount', ...service],
      ['ECS/ContainerInsights', 'PendingTaskCount', ...service],
    ]);
    expect(linesOf(graphTitled(body, 'Error log lines'))).toEqual([
      ['platform-prod/Application', 'ErrorLogCount'],
    ]);
  });

  it('reads the database, its proxy and its replica', () => {
    const primary = ['DBInstanceIdentifier', 'platform-prod-db'];
    const replica = ['DBInstanceIdentifier', 'platform-prod-db-replica'];
    const proxy = ['ProxyName', 'platform-prod-db-proxy'];
    expect(linesOf(graphTitled(body, 'Database CPU (%)'))).toEqual([
      ['AWS/RDS', 'CPUUtilization', ...primary],
      ['AWS/RDS', 'CPUUtilization', ...replica],
    ]);
    expect(linesOf(graphTitled(body, 'Database connections'))).toEqual([
      ['AWS/RDS', 'DatabaseConnections', ...primary],
      ['AWS/RDS', 'ClientConnections', ...proxy],
      ['AWS/RDS', 'DatabaseConnections', ...proxy],
    ]);
    expect(linesOf(graphTitled(body, 'Database free storage (bytes)'))).toEqual([
      ['AWS/RDS', 'FreeStorageSpace', ...primary],
    ]);
    expect(linesOf(graphTitled(body, 'Database read and write latency (s)')).map((l) => l[1])).toEqual([
      'ReadLatency',
      'WriteLatency',
    ]);
    expect(linesOf(graphTitled(body, 'Database replica lag (s)'))).toEqual([
      ['AWS/RDS', 'ReplicaLag', ...replica],
    ]);
  });

  it('reads each cache node: host and engine CPU, memory, connections, evictions, replication lag', () => {
    const nodes = ['platform-prod-cache-001', 'platform-prod-cache-002'];
    const perNode = (metric: string) =>
      nodes.map((node) => ['AWS/ElastiCache', metric, 'CacheClusterId', node]);
    expect(linesOf(graphTitled(body, 'Cache CPU (%)'))).toEqual([
      ...perNode('CPUUtilization'),
      ...perNode('EngineCPUUtilization'),
    ]);
    expect(linesOf(graphTitled(body, 'Cache memory (% of maxmemory)'))).toEqual(
      perNode('DatabaseMemoryUsagePercentage'),
    );
    expect(linesOf(graphTitled(body, 'Cache connections'))).toEqual(perNode('CurrConnections'));
    expect(linesOf(graphTitled(body, 'Cache evictions'))).toEqual(perNode('Evictions'));
    expect(linesOf(graphTitled(body, 'Cache replication lag (s)'))).toEqual(perNode('ReplicationLag'));
  });

  it('reads every graph but CloudFront in the environment region', () => {
    const graphs = body.widgets.filter((w) => w.type === 'metric');
    const regions = new Set(
      graphs.filter((w) => !w.properties.title!.startsWith('CloudFront')).map((w) => w.properties.region),
    );
    expect([...regions]).toEqual(['eu-west-1']);
  });

  it('lays the widgets out inside the 24 columns without overlap', () => {
    const cells = new Set<string>();
    for (const w of body.widgets) {
      expect(w.x + w.width).toBeLessThanOrEqual(GRID_COLUMNS);
      for (let x = w.x; x < w.x + w.width; x++) {
        for (let y = w.y; y < w.y + w.height; y++) {
          const cell = `${x},${y}`;
          expect(cells.has(cell)).toBe(false);
          cells.add(cell);
        }
      }
    }
    const headings = body.widgets.filter((w) => w.type === 'text').map((w) => w.x);
    expect(headings.every((x) => x === 0)).toBe(true);
  });
});

describe('EnvironmentDashboard fields', () => {
  it('exposes its name and console address', () => {
    let dashboard: EnvironmentDashboard | undefined;
    synthConstructs((scope) => {
      dashboard = new EnvironmentDashboard(scope, 'd', full);
    });
    expect(dashboard!.dashboardName).toBe('platform-prod');
    expect(dashboard!.consoleUrl).toBe(
      'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/platform-prod',
    );
  });
});

describe('EnvironmentDashboard with some sections', () => {
  it('leaves out what is not given: CloudFront, proxy, replica, error logs, replication lag', () => {
    const body = bodyOf({
      namePrefix: 'platform-dev',
      region: 'eu-central-1',
      edge: { loadBalancerArnSuffix: LB, targetGroupArnSuffix: TG },
      service: { clusterName: 'platform-dev', serviceName: 'platform-dev-api' },
      database: { instanceIdentifier: 'platform-dev-db' },
      cache: { replicationGroupId: 'platform-dev-cache' },
    });
    const titles = body.widgets.map((w) => w.properties.title).filter(Boolean);
    expect(titles).not.toContain('CloudFront requests');
    expect(titles).not.toContain('Database replica lag (s)');
    expect(titles).not.toContain('Error log lines');
    expect(titles).not.toContain('Cache replication lag (s)');
    expect(body.widgets.some((w) => w.type === 'alarm')).toBe(false);
    expect(linesOf(graphTitled(body, 'Database connections'))).toEqual([
      ['AWS/RDS', 'DatabaseConnections', 'DBInstanceIdentifier', 'platform-dev-db'],
    ]);
    expect(linesOf(graphTitled(body, 'Cache evictions'))).toEqual([
      ['AWS/ElastiCache', 'Evictions', 'CacheClusterId', 'platform-dev-cache-001'],
    ]);
    expect(graphTitled(body, 'Load balancer requests').properties.region).toBe('eu-central-1');
  });

  it('takes the cache nodes as given', () => {
    const body = bodyOf({
      namePrefix: 'p',
      region: 'eu-west-1',
      cache: { replicationGroupId: 'c', cacheClusterIds: ['c-002', 'c-003'] },
    });
    expect(linesOf(graphTitled(body, 'Cache connections')).map((l) => l[3])).toEqual(['c-002', 'c-003']);
  });
});

describe('EnvironmentDashboard with Terraform references', () => {
  it('keeps the body one JSON string when references are single identifiers, Terraform filling them in', () => {
    const dashboard = onlyResource(
      synthConstructs((scope) => {
        const suffix = new TerraformVariable(scope, 'lb', { type: 'string' });
        new EnvironmentDashboard(scope, 'd', {
          ...full,
          edge: { ...full.edge!, loadBalancerArnSuffix: suffix.stringValue },
        });
      }),
      'aws_cloudwatch_dashboard',
    );
    const body = dashboard.dashboard_body as string;
    expect(body).not.toMatch(/jsonencode/);
    expect(body).toContain('"LoadBalancer","${var.lb}"');
    // With the reference filled in by a plain identifier, the body is valid JSON.
    const filled = JSON.parse(body.replace('${var.lb}', 'app/platform-prod/0123456789abcdef')) as {
      widgets: unknown[];
    };
    expect(filled.widgets.length).toBeGreaterThan(10);
  });

  it('builds the body with jsonencode when a whole list is one reference, so Terraform fills the references in', () => {
    const dashboard = onlyResource(
      synthConstructs((scope) => {
        const suffix = new TerraformVariable(scope, 'lb', { type: 'string' });
        const alarms = new TerraformVariable(scope, 'alarms', { type: 'list(string)' });
        new EnvironmentDashboard(scope, 'd', {
          ...full,
          edge: { ...full.edge!, loadBalancerArnSuffix: suffix.stringValue },
          alarmArns: alarms.listValue,
        });
      }),
      'aws_cloudwatch_dashboard',
    );
    const body = dashboard.dashboard_body as string;
    expect(body).toMatch(/^\$\{jsonencode\(\{/);
    expect(body).toContain('"LoadBalancer", var.lb');
    expect(body).toContain('"alarms" = var.alarms');
    expect(body).not.toContain('TfToken');
  });
});

describe('EnvironmentDashboard validation', () => {
  it.each<[string, Partial<EnvironmentDashboardProps>, RegExp]>([
    [
      'a name with a dot',
      { namePrefix: 'platform.prod' },
      /namePrefix 'platform\.prod' is not a dashboard name: 1-255 letters, digits, - and _/,
    ],
    ['a name too long', { namePrefix: 'p'.repeat(256) }, /is not a dashboard name.*got 256 characters/],
    [
      'a region that is not one',
      { region: 'europe' },
      /region must be a literal AWS region name such as eu-west-1, got 'europe'/,
    ],
    [
      'more than 100 alarms',
      { alarmArns: Array.from({ length: 101 }, (_, i) => `${ALARM}-${i}`) },
      /alarmArns lists 101 alarms; one widget shows at most 100/,
    ],
    [
      'seven cache nodes',
      { cache: { replicationGroupId: 'c', nodeCount: 7 } },
      /cache\.nodeCount must be a whole number 1-6, got 7/,
    ],
    [
      'an empty node list',
      { cache: { replicationGroupId: 'c', cacheClusterIds: [] } },
      /cache\.cacheClusterIds is empty/,
    ],
    [
      'nothing to show',
      { edge: undefined, service: undefined, database: undefined, cache: undefined, alarmArns: undefined },
      /nothing to show: give at least one of edge, service, database, cache, alarmArns/,
    ],
  ])('refuses %s', (_, props, message) => {
    const error = errorOf((scope) => new EnvironmentDashboard(scope, 'd', { ...full, ...props }));
    expect(error).toMatch(/^EnvironmentDashboard /);
    expect(error).toMatch(message);
  });
});
