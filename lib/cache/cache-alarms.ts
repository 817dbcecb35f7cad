import { Construct } from 'constructs';
import { AlarmComparison, ThresholdAlarm } from '../observability/threshold-alarm';
import { RedisCacheAlarmThresholds } from './redis-cache-props';

/** Props of {@link CacheAlarms}. */
export interface CacheAlarmsProps {
  /** Prefix of the alarm names, e.g. `platform-prod`. */
  readonly namePrefix: string;
  /** The cache's name after the prefix, e.g. `cache`. */
  readonly name: string;
  /** Ids of the nodes (ElastiCache's member clusters), `<replication group id>-001` and on. */
  readonly nodeIds: readonly string[];
  /** Thresholds, all set. */
  readonly thresholds: Required<RedisCacheAlarmThresholds>;
  /** SNS topic notified on ALARM and on OK. */
  readonly topicArn: string;
}

interface AlarmSpec {
  readonly key: string;
  readonly metricName: string;
  readonly statistic: string;
  readonly threshold: number;
  readonly evaluationPeriods: number;
  readonly description: string;
}

const RUNBOOK = 'Runbook: help/cache.md#alarms.';

/**
 * Five alarms per node, on the metrics that tell a cache is about to fail its clients: host CPU,
 * engine CPU, memory, evictions and connections. Per node, because ElastiCache publishes these per
 * node (`CacheClusterId`), and a failover swaps which node is the primary without renaming either.
 */
export class CacheAlarms extends Construct {
  /** Every alarm, node by node in the order cpu, engine-cpu, memory, evictions, connections. */
  readonly alarms: ThresholdAlarm[];

  constructor(scope: Construct, id: string, props: CacheAlarmsProps) {
    super(scope, id);
    const t = props.thresholds;
    const specs: AlarmSpec[] = [
      {
        key: 'cpu',
        metricName: 'CPUUtilization',
        statistic: 'Average',
        threshold: t.cpuPercent,
        evaluationPeriods: 3,
        description: `Host CPU above ${t.cpuPercent} % for 15 minutes: check snapshots and connection churn (TLS handshakes), then scale the node type.`,
      },
      {
        key: 'engine-cpu',
        metricName: 'EngineCPUUtilization',
        statistic: 'Average',
        threshold: t.engineCpuPercent,
        evaluationPeriods: 3,
        description: `Engine thread above ${t.engineCpuPercent} % for 15 minutes: commands queue up. Check the slow log for O(N) commands (KEYS, large SMEMBERS/HGETALL), then scale up.`,
      },
      {
        key: 'memory',
        metricName: 'DatabaseMemoryUsagePercentage',
        statistic: 'Average',
        threshold: t.memoryPercent,
        evaluationPeriods: 3,
        description: `Data above ${t.memoryPercent} % of maxmemory for 15 minutes: evictions or write errors follow. Look for keys without TTL, then scale the node type.`,
      },
      {
        key: 'evictions',
        metricName: 'Evictions',
        statistic: 'Sum',
        threshold: t.evictions,
        evaluationPeriods: 1,
        description: `More than ${t.evictions} keys evicted in 5 minutes: memory is full and data is being dropped. Check the memory alarm and big keys, then scale up.`,
      },
      {
        key: 'connections',
        metricName: 'CurrConnections',
        statistic: 'Maximum',
        threshold: t.connections,
        evaluationPeriods: 3,
        description: `More than ${t.connections} client connections for 15 minutes: a client leaks connections or lacks pooling. Check recent deploys and task counts.`,
      },
    ];
    const comparison: AlarmComparison = 'GreaterThanThreshold';
    this.alarms = props.nodeIds.flatMap((nodeId) => {
      const node = nodeId.slice(nodeId.lastIndexOf('-') + 1);
      return specs.map(
        (spec) =>
          new ThresholdAlarm(this, `${node}-${spec.key}`, {
            nameParts: [props.namePrefix, props.name, node, spec.key],
            description: `${nodeId}: ${spec.description} ${RUNBOOK}`,
            namespace: 'AWS/ElastiCache',
            metricName: spec.metricName,
            dimensions: { CacheClusterId: nodeId },
            statistic: spec.statistic,
            threshold: spec.threshold,
            comparison,
            periodSeconds: 300,
            evaluationPeriods: spec.evaluationPeriods,
            topicArn: props.topicArn,
          }),
      );
    });
  }
}
