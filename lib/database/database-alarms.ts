import { Construct } from 'constructs';
import { ThresholdAlarm } from '../observability/threshold-alarm';
import { DatabaseAlarmThresholds } from './postgres-database-props';

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

/** Props of {@link DatabaseAlarms}. */
export interface DatabaseAlarmsProps {
  /** Identifier of the primary instance. */
  readonly identifier: string;
  /** Identifier of the read replica, when there is one. @default none: no replica lag alarm */
  readonly replicaIdentifier?: string;
  /** SNS topic notified on ALARM and OK. */
  readonly topicArn: string;
  /** The thresholds, defaults applied. */
  readonly thresholds: Required<DatabaseAlarmThresholds>;
}

/**
 * The database's alarms, each to the alert topic: CPU, free storage, freeable memory, connections,
 * and replica lag when there is a replica. Each description says what to look at first.
 */
export class DatabaseAlarms extends Construct {
  /** Average CPU above the threshold for 15 minutes. */
  readonly cpu: ThresholdAlarm;
  /** Free storage below the threshold for 10 minutes. */
  readonly freeStorage: ThresholdAlarm;
  /** Freeable memory below the threshold for 15 minutes. */
  readonly freeableMemory: ThresholdAlarm;
  /** Connections above the threshold for 15 minutes. */
  readonly connections: ThresholdAlarm;
  /** Replica lag above the threshold for 15 minutes; only with a replica. */
  readonly replicaLag?: ThresholdAlarm;
  /** Every alarm above. */
  readonly all: ThresholdAlarm[];

  constructor(scope: Construct, id: string, props: DatabaseAlarmsProps) {
    super(scope, id);
    const { identifier, thresholds: t, topicArn } = props;
    const onPrimary = { namespace: 'AWS/RDS', dimensions: { DBInstanceIdentifier: identifier }, topicArn };

    this.cpu = new ThresholdAlarm(this, 'cpu', {
      ...onPrimary,
      nameParts: [identifier, 'cpu'],
      description: `${identifier}: CPU above ${t.cpuPercent} % for 15 minutes. Check Database Insights top SQL and pg_stat_statements; a burstable class may be out of CPU credits.`,
      metricName: 'CPUUtilization',
      threshold: t.cpuPercent,
      comparison: 'GreaterThanThreshold',
    });
    this.freeStorage = new ThresholdAlarm(this, 'free-storage', {
      ...onPrimary,
      nameParts: [identifier, 'free-storage'],
      description: `${identifier}: less than ${t.freeStorageGib} GiB free. Storage autoscaling should have grown the volume: check whether it reached maxAllocatedStorageGib, and for bloat or runaway temp files.`,
      metricName: 'FreeStorageSpace',
      statistic: 'Minimum',
      threshold: Math.round(t.freeStorageGib * GIB),
      comparison: 'LessThanThreshold',
      evaluationPeriods: 2,
    });
    this.freeableMemory = new ThresholdAlarm(this, 'freeable-memory', {
      ...onPrimary,
      nameParts: [identifier, 'freeable-memory'],
      description: `${identifier}: less than ${t.freeableMemoryMib} MiB freeable memory for 15 minutes. Check connection count and work_mem-heavy queries; consider a larger instance class.`,
      metricName: 'FreeableMemory',
      threshold: Math.round(t.freeableMemoryMib * MIB),
      comparison: 'LessThanThreshold',
    });
    this.connections = new ThresholdAlarm(this, 'connections', {
      ...onPrimary,
      nameParts: [identifier, 'connections'],
      description: `${identifier}: more than ${t.connections} connections for 15 minutes, near max_connections. Check for connection leaks and idle-in-transaction sessions; use the RDS Proxy.`,
      metricName: 'DatabaseConnections',
      statistic: 'Maximum',
      threshold: t.connections,
      comparison: 'GreaterThanThreshold',
    });
    this.all = [this.cpu, this.freeStorage, this.freeableMemory, this.connections];

    if (props.replicaIdentifier !== undefined) {
      this.replicaLag = new ThresholdAlarm(this, 'replica-lag', {
        namespace: 'AWS/RDS',
        dimensions: { DBInstanceIdentifier: props.replicaIdentifier },
        topicArn,
        nameParts: [props.replicaIdentifier, 'lag'],
        description: `${props.replicaIdentifier}: more than ${t.replicaLagSeconds} s behind ${identifier} for 15 minutes. Reads there are stale; check the replica's CPU and I/O and long-running queries on it.`,
        metricName: 'ReplicaLag',
        statistic: 'Maximum',
        threshold: t.replicaLagSeconds,
        comparison: 'GreaterThanThreshold',
      });
      this.all.push(this.replicaLag);
    }
  }
}
