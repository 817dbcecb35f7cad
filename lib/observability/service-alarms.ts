import { Construct } from 'constructs';
import { assertNoThresholdProblems, thresholdProblems, withDefaults } from './threshold-checks';
import { ThresholdAlarm } from './threshold-alarm';

/** Thresholds of {@link ServiceAlarms}. */
export interface ServiceAlarmsThresholds {
  /** Average CPU of the service's tasks, in % of what they reserve, for 15 minutes. @default 85 */
  readonly cpuPercent?: number;
  /** Average memory of the service's tasks, in % of what they reserve, for 15 minutes. @default 85 */
  readonly memoryPercent?: number;
}

/** Props of {@link ServiceAlarms}. */
export interface ServiceAlarmsProps {
  /** Prefix of the alarm names, e.g. `platform-prod` (one prefix per service). */
  readonly namePrefix: string;
  /** SNS topic notified on ALARM and on OK. */
  readonly topicArn: string;
  /** Name of the ECS cluster: the `ClusterName` dimension. */
  readonly clusterName: string;
  /** Name of the ECS service: the `ServiceName` dimension. */
  readonly serviceName: string;
  /**
   * Fewest tasks that should run (the autoscaling minimum): fewer for 5 minutes is an alarm.
   * Reads Container Insights, which must be enabled on the cluster.
   * @default 1
   */
  readonly minimumTasks?: number;
  /** Thresholds. @default see {@link ServiceAlarmsThresholds} */
  readonly thresholds?: ServiceAlarmsThresholds;
}

/** Default thresholds of {@link ServiceAlarms}. */
export const SERVICE_ALARMS_DEFAULTS: Required<ServiceAlarmsThresholds> = {
  cpuPercent: 85,
  memoryPercent: 85,
};

const RUNBOOK = 'Runbook: help/monitoring.md#service';

/**
 * The ECS service's saturation alarms: CPU and memory near what the tasks reserve, and fewer
 * running tasks than the autoscaling minimum (tasks crash-looping or unable to start).
 */
export class ServiceAlarms extends Construct {
  /** Average CPU above the threshold for 15 minutes. */
  readonly cpu: ThresholdAlarm;
  /** Average memory above the threshold for 15 minutes. */
  readonly memory: ThresholdAlarm;
  /** Fewer running tasks than the minimum for 5 minutes. */
  readonly runningTasks: ThresholdAlarm;
  /** Every alarm above. */
  readonly alarms: ThresholdAlarm[];
  /** ARN of every alarm above (for a dashboard's alarm widget). */
  readonly alarmArns: string[];

  constructor(scope: Construct, id: string, props: ServiceAlarmsProps) {
    super(scope, id);
    const t = withDefaults(SERVICE_ALARMS_DEFAULTS, props.thresholds);
    const minimumTasks = props.minimumTasks ?? 1;
    assertNoThresholdProblems(`ServiceAlarms ${props.namePrefix}`, [
      ...thresholdProblems(t, { cpuPercent: 'percent', memoryPercent: 'percent' }),
      ...thresholdProblems({ minimumTasks }, { minimumTasks: 'positiveInteger' }, ''),
    ]);
    const dimensions = { ClusterName: props.clusterName, ServiceName: props.serviceName };
    const service = `ECS service ${props.serviceName}`;
    const common = { topicArn: props.topicArn, dimensions, comparison: 'GreaterThanThreshold' as const };
    const prefix = [props.namePrefix, 'ecs'];

    this.cpu = new ThresholdAlarm(this, 'cpu', {
      ...common,
      nameParts: [...prefix, 'cpu'],
      description: `${service}: average CPU above ${t.cpuPercent} % of the tasks' reservation for 15 minutes. Autoscaling should be adding tasks: check whether it reached its maximum (aws ecs describe-services), then the p99 latency and the logs for a hot loop. ${RUNBOOK}`,
      namespace: 'AWS/ECS',
      metricName: 'CPUUtilization',
      threshold: t.cpuPercent,
    });
    this.memory = new ThresholdAlarm(this, 'memory', {
      ...common,
      nameParts: [...prefix, 'memory'],
      description: `${service}: average memory above ${t.memoryPercent} % of the tasks' reservation for 15 minutes. A task that reaches its limit is killed (OutOfMemoryError in the stopped reason, aws ecs describe-tasks). Check for a leak after the last deployment, then raise the task memory. ${RUNBOOK}`,
      namespace: 'AWS/ECS',
      metricName: 'MemoryUtilization',
      threshold: t.memoryPercent,
    });
    this.runningTasks = new ThresholdAlarm(this, 'running-tasks', {
      ...common,
      nameParts: [...prefix, 'running-tasks'],
      description: `${service}: fewer than ${minimumTasks} running tasks for 5 minutes. Tasks crash or cannot start: check the service events and stopped tasks' reasons (aws ecs describe-services, aws ecs list-tasks --desired-status STOPPED), then the logs. ${RUNBOOK}`,
      namespace: 'ECS/ContainerInsights',
      metricName: 'RunningTaskCount',
      // Maximum: the count was below the minimum for the whole minute, not just during a replacement.
      statistic: 'Maximum',
      threshold: minimumTasks,
      comparison: 'LessThanThreshold',
      periodSeconds: 60,
      evaluationPeriods: 5,
      // No datapoint: the service is gone or Container Insights is off; neither is safe to ignore.
      treatMissingData: 'breaching',
    });

    this.alarms = [this.cpu, this.memory, this.runningTasks];
    this.alarmArns = this.alarms.map((a) => a.alarm.arn);
  }
}
