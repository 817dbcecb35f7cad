import { expressionLine, graph, heading, metricLine, Widget } from './dashboard-widgets';

/** The edge: CloudFront and the load balancer in front of the service. */
export interface EdgeDashboardSection {
  /** CloudFront distribution id: its metrics live in us-east-1, dimension `Region=Global`. @default no CloudFront graphs */
  readonly distributionId?: string;
  /** ARN suffix of the load balancer (`app/<name>/<id>`). */
  readonly loadBalancerArnSuffix: string;
  /** ARN suffix of the service's target group (`targetgroup/<name>/<id>`). */
  readonly targetGroupArnSuffix: string;
}

/** The ECS service. */
export interface ServiceDashboardSection {
  /** Name of the ECS cluster. */
  readonly clusterName: string;
  /** Name of the ECS service. */
  readonly serviceName: string;
  /** The error log metric of an {@link ErrorLogAlarm} (`metricNamespace`, `metricName`). @default no error log graph */
  readonly errorLogMetric?: { readonly namespace: string; readonly metricName: string };
}

/** The RDS database. */
export interface DatabaseDashboardSection {
  /** Identifier of the primary instance, e.g. `platform-prod-db`. */
  readonly instanceIdentifier: string;
  /** Name of the RDS Proxy in front of it. @default no proxy lines */
  readonly proxyName?: string;
  /** Identifier of the read replica. @default no replica lag graph */
  readonly replicaIdentifier?: string;
}

/** The ElastiCache (Valkey/Redis) replication group. */
export interface CacheDashboardSection {
  /** Replication group id, e.g. `platform-prod-cache`. */
  readonly replicationGroupId: string;
  /** Nodes of the group, as ElastiCache publishes their metrics (`CacheClusterId`). @default `<replicationGroupId>-001` to `-00<nodeCount>` */
  readonly cacheClusterIds?: string[];
  /** Nodes in the group, when {@link cacheClusterIds} is not given (1-6). @default 1 */
  readonly nodeCount?: number;
}

/** Region of CloudFront's metrics. */
export const CLOUDFRONT_METRICS_REGION = 'us-east-1';

/** Traffic and errors at CloudFront, whose metrics exist only in us-east-1. */
export function cloudFrontWidgets(distributionId: string): Widget[] {
  const dimensions = { DistributionId: distributionId, Region: 'Global' };
  const region = CLOUDFRONT_METRICS_REGION;
  const ns = 'AWS/CloudFront';
  return [
    heading('## CloudFront (site and /api through the CDN; metrics in us-east-1)'),
    graph({
      title: 'CloudFront requests',
      region,
      stat: 'Sum',
      metrics: [metricLine(ns, 'Requests', dimensions)],
    }),
    graph({
      title: 'CloudFront error rate (%)',
      region,
      stat: 'Average',
      unit: '%',
      metrics: [
        metricLine(ns, '4xxErrorRate', dimensions, { label: '4xx %' }),
        metricLine(ns, '5xxErrorRate', dimensions, { label: '5xx %' }),
      ],
    }),
  ];
}

/** Traffic, errors, latency and target health at the load balancer. */
export function loadBalancerWidgets(edge: EdgeDashboardSection, region: string): Widget[] {
  const ns = 'AWS/ApplicationELB';
  const lb = { LoadBalancer: edge.loadBalancerArnSuffix };
  const target = { ...lb, TargetGroup: edge.targetGroupArnSuffix };
  return [
    heading('## Load balancer (API and WebSockets)'),
    graph({
      title: 'Load balancer requests',
      region,
      stat: 'Sum',
      metrics: [metricLine(ns, 'RequestCount', lb, { label: 'requests' })],
    }),
    graph({
      title: 'Load balancer 5xx responses',
      region,
      stat: 'Sum',
      metrics: [
        metricLine(ns, 'HTTPCode_ELB_5XX_Count', lb, { label: 'from the load balancer' }),
        metricLine(ns, 'HTTPCode_Target_5XX_Count', target, { label: 'from the service' }),
      ],
    }),
    graph({
      title: 'Load balancer 5xx rate (%)',
      region,
      stat: 'Sum',
      unit: '%',
      metrics: [
        metricLine(ns, 'RequestCount', lb, { id: 'requests', visible: false }),
        metricLine(ns, 'HTTPCode_ELB_5XX_Count', lb, { id: 'elb5xx', visible: false }),
        metricLine(ns, 'RequestCount', target, { id: 'targetrequests', visible: false }),
        metricLine(ns, 'HTTPCode_Target_5XX_Count', target, { id: 'target5xx', visible: false }),
        expressionLine('elbrate', '100 * FILL(elb5xx, 0) / requests', 'load balancer 5xx %'),
        expressionLine('targetrate', '100 * FILL(target5xx, 0) / targetrequests', 'service 5xx %'),
      ],
    }),
    graph({
      title: 'Response time (s)',
      region,
      stat: 'p99',
      unit: 'seconds',
      metrics: [
        metricLine(ns, 'TargetResponseTime', target, { stat: 'p50', label: 'p50' }),
        metricLine(ns, 'TargetResponseTime', target, { stat: 'p99', label: 'p99' }),
      ],
    }),
    graph({
      title: 'Targets',
      region,
      stat: 'Minimum',
      metrics: [
        metricLine(ns, 'HealthyHostCount', target, { stat: 'Minimum', label: 'healthy' }),
        metricLine(ns, 'UnHealthyHostCount', target, { stat: 'Maximum', label: 'unhealthy' }),
      ],
    }),
  ];
}

/** Saturation of the ECS service and its task count (Container Insights), and its error log lines. */
export function serviceWidgets(service: ServiceDashboardSection, region: string): Widget[] {
  const dimensions = { ClusterName: service.clusterName, ServiceName: service.serviceName };
  const insights = 'ECS/ContainerInsights';
  const widgets = [
    heading('## Service (ECS Fargate)'),
    graph({
      title: 'Service CPU and memory (% of reservation)',
      region,
      stat: 'Average',
      unit: '%',
      max: 100,
      metrics: [
        metricLine('AWS/ECS', 'CPUUtilization', dimensions, { label: 'CPU' }),
        metricLine('AWS/ECS', 'MemoryUtilization', dimensions, { label: 'memory' }),
      ],
    }),
    graph({
      title: 'Service tasks',
      region,
      stat: 'Average',
      metrics: [
        metricLine(insights, 'RunningTaskCount', dimensions, { label: 'running' }),
        metricLine(insights, 'DesiredTaskCount', dimensions, { label: 'desired' }),
        metricLine(insights, 'PendingTaskCount', dimensions, { label: 'pending' }),
      ],
    }),
  ];
  if (service.errorLogMetric) {
    widgets.push(
      graph({
        title: 'Error log lines',
        region,
        stat: 'Sum',
        metrics: [
          metricLine(
            service.errorLogMetric.namespace,
            service.errorLogMetric.metricName,
            {},
            { label: 'errors' },
          ),
        ],
      }),
    );
  }
  return widgets;
}

/** Saturation, connections and latency of the database (and its proxy and replica). */
export function databaseWidgets(database: DatabaseDashboardSection, region: string): Widget[] {
  const ns = 'AWS/RDS';
  const primary = { DBInstanceIdentifier: database.instanceIdentifier };
  const replica = database.replicaIdentifier
    ? { DBInstanceIdentifier: database.replicaIdentifier }
    : undefined;
  const proxy = database.proxyName ? { ProxyName: database.proxyName } : undefined;
  const widgets = [
    heading('## Database (RDS PostgreSQL)'),
    graph({
      title: 'Database CPU (%)',
      region,
      stat: 'Average',
      unit: '%',
      max: 100,
      metrics: [
        metricLine(ns, 'CPUUtilization', primary, { label: 'primary' }),
        ...(replica ? [metricLine(ns, 'CPUUtilization', replica, { label: 'replica' })] : []),
      ],
    }),
    graph({
      title: 'Database connections',
      region,
      stat: 'Maximum',
      metrics: [
        metricLine(ns, 'DatabaseConnections', primary, { label: 'on the instance' }),
        ...(proxy
          ? [
              metricLine(ns, 'ClientConnections', proxy, { label: 'clients to the proxy' }),
              metricLine(ns, 'DatabaseConnections', proxy, { label: 'proxy to the database' }),
            ]
          : []),
      ],
    }),
    graph({
      title: 'Database free storage (bytes)',
      region,
      stat: 'Minimum',
      metrics: [metricLine(ns, 'FreeStorageSpace', primary, { label: 'free' })],
    }),
    graph({
      title: 'Database read and write latency (s)',
      region,
      stat: 'Average',
      unit: 'seconds',
      metrics: [
        metricLine(ns, 'ReadLatency', primary, { label: 'read' }),
        metricLine(ns, 'WriteLatency', primary, { label: 'write' }),
      ],
    }),
  ];
  if (replica) {
    widgets.push(
      graph({
        title: 'Database replica lag (s)',
        region,
        stat: 'Maximum',
        unit: 'seconds',
        metrics: [metricLine(ns, 'ReplicaLag', replica, { label: 'replica lag' })],
      }),
    );
  }
  return widgets;
}

/** The node ids of a cache section: as given, or `<replicationGroupId>-001` and on. */
export function cacheNodeIds(cache: CacheDashboardSection): string[] {
  if (cache.cacheClusterIds) return cache.cacheClusterIds;
  return Array.from(
    { length: cache.nodeCount ?? 1 },
    (_, i) => `${cache.replicationGroupId}-${String(i + 1).padStart(3, '0')}`,
  );
}

/** CPU, memory, connections, evictions and replication lag of each cache node. */
export function cacheWidgets(cache: CacheDashboardSection, region: string): Widget[] {
  const ns = 'AWS/ElastiCache';
  const nodes = cacheNodeIds(cache);
  const perNode = (metricName: string, suffix = '') =>
    nodes.map((node) => metricLine(ns, metricName, { CacheClusterId: node }, { label: `${node}${suffix}` }));
  const widgets = [
    heading(`## Cache (ElastiCache ${cache.replicationGroupId})`),
    graph({
      title: 'Cache CPU (%)',
      region,
      stat: 'Average',
      unit: '%',
      max: 100,
      metrics: [...perNode('CPUUtilization', ' host'), ...perNode('EngineCPUUtilization', ' engine')],
    }),
    graph({
      title: 'Cache memory (% of maxmemory)',
      region,
      stat: 'Average',
      unit: '%',
      max: 100,
      metrics: perNode('DatabaseMemoryUsagePercentage'),
    }),
    graph({ title: 'Cache connections', region, stat: 'Maximum', metrics: perNode('CurrConnections') }),
    graph({ title: 'Cache evictions', region, stat: 'Sum', metrics: perNode('Evictions') }),
  ];
  if (nodes.length > 1) {
    // Only replicas publish ReplicationLag; which node is a replica changes with each failover.
    widgets.push(
      graph({
        title: 'Cache replication lag (s)',
        region,
        stat: 'Maximum',
        unit: 'seconds',
        metrics: perNode('ReplicationLag'),
      }),
    );
  }
  return widgets;
}
