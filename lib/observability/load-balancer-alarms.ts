import { Construct } from 'constructs';
import { AlarmConstruct } from './alarm-settings';
import { MetricMathAlarm } from './metric-math-alarm';
import { assertNoThresholdProblems, thresholdProblems, withDefaults } from './threshold-checks';
import { ThresholdAlarm } from './threshold-alarm';

/** Thresholds of {@link LoadBalancerAlarms}. */
export interface LoadBalancerAlarmsThresholds {
  /** Percentage of requests the load balancer itself answers with a 5xx, over 5 minutes. @default 5 */
  readonly loadBalancer5xxPercent?: number;
  /** Percentage of requests the targets answer with a 5xx, over 5 minutes. @default 5 */
  readonly target5xxPercent?: number;
  /** Requests in 5 minutes below which the 5xx rates are not judged (a few errors among a handful of requests should not page anyone). @default 100 */
  readonly minimumRequests?: number;
  /** p99 target response time in seconds, breached in 3 of 5 minutes. @default 2 */
  readonly p99LatencySeconds?: number;
}

/** Props of {@link LoadBalancerAlarms}. */
export interface LoadBalancerAlarmsProps {
  /** Prefix of the alarm names, e.g. `platform-prod`. */
  readonly namePrefix: string;
  /** SNS topic notified on ALARM and on OK. */
  readonly topicArn: string;
  /** ARN suffix of the load balancer (`app/<name>/<id>`): the `LoadBalancer` dimension. */
  readonly loadBalancerArnSuffix: string;
  /** ARN suffix of the service's target group (`targetgroup/<name>/<id>`): the `TargetGroup` dimension. */
  readonly targetGroupArnSuffix: string;
  /** Thresholds. @default see {@link LoadBalancerAlarmsThresholds} */
  readonly thresholds?: LoadBalancerAlarmsThresholds;
}

/** Default thresholds of {@link LoadBalancerAlarms}. */
export const LOAD_BALANCER_ALARMS_DEFAULTS: Required<LoadBalancerAlarmsThresholds> = {
  loadBalancer5xxPercent: 5,
  target5xxPercent: 5,
  minimumRequests: 100,
  p99LatencySeconds: 2,
};

const NAMESPACE = 'AWS/ApplicationELB';
const RUNBOOK = 'Runbook: help/monitoring.md#load-balancer';

/**
 * The alarms that tell the service is failing its users, seen from the load balancer: 5xx rates
 * (from the load balancer and from the targets), p99 latency, an unhealthy target, and no healthy
 * target at all. Rates rather than counts, so one threshold suits a quiet dev and a busy prod.
 */
export class LoadBalancerAlarms extends Construct {
  /** 5xx answered by the load balancer itself, as a percentage of requests. */
  readonly elb5xxRate: MetricMathAlarm;
  /** 5xx answered by the targets, as a percentage of the target group's requests. */
  readonly target5xxRate: MetricMathAlarm;
  /** p99 target response time. */
  readonly p99ResponseTime: ThresholdAlarm;
  /** At least one target failing health checks. */
  readonly unhealthyTargets: ThresholdAlarm;
  /** No healthy target: every request gets a 503. */
  readonly noHealthyTargets: ThresholdAlarm;
  /** Every alarm above. */
  readonly alarms: AlarmConstruct[];
  /** ARN of every alarm above (for a dashboard's alarm widget). */
  readonly alarmArns: string[];

  constructor(scope: Construct, id: string, props: LoadBalancerAlarmsProps) {
    super(scope, id);
    const t = withDefaults(LOAD_BALANCER_ALARMS_DEFAULTS, props.thresholds);
    assertNoThresholdProblems(
      `LoadBalancerAlarms ${props.namePrefix}`,
      thresholdProblems(t, {
        loadBalancer5xxPercent: 'percent',
        target5xxPercent: 'percent',
        minimumRequests: 'positiveInteger',
        p99LatencySeconds: 'positive',
      }),
    );
    const lb = { LoadBalancer: props.loadBalancerArnSuffix };
    const target = { ...lb, TargetGroup: props.targetGroupArnSuffix };
    const common = { topicArn: props.topicArn };
    const prefix = [props.namePrefix, 'alb'];

    this.elb5xxRate = new MetricMathAlarm(this, 'elb-5xx-rate', {
      ...common,
      nameParts: [...prefix, 'elb-5xx-rate'],
      description: `More than ${t.loadBalancer5xxPercent} % of requests in 5 minutes were answered 5xx by the load balancer itself (judged from ${t.minimumRequests} requests up). 502/503: no healthy target or targets dropping connections; 504: targets too slow. Check target health (aws elbv2 describe-target-health), the service's events and stopped tasks (aws ecs describe-services). ${RUNBOOK}`,
      ...errorRate('HTTPCode_ELB_5XX_Count', lb, t.minimumRequests),
      label: 'Load balancer 5xx %',
      threshold: t.loadBalancer5xxPercent,
      comparison: 'GreaterThanThreshold',
      periodSeconds: 300,
      evaluationPeriods: 1,
      // No traffic publishes no datapoint: that is not an outage (the no-healthy-targets alarm covers it).
      treatMissingData: 'notBreaching',
    });
    this.target5xxRate = new MetricMathAlarm(this, 'target-5xx-rate', {
      ...common,
      nameParts: [...prefix, 'target-5xx-rate'],
      description: `More than ${t.target5xxPercent} % of requests in 5 minutes were answered 5xx by the service (judged from ${t.minimumRequests} requests up). Check the service's error logs (aws logs tail <log group> --since 15m), its last deployment, then the database and cache alarms. ${RUNBOOK}`,
      ...errorRate('HTTPCode_Target_5XX_Count', target, t.minimumRequests),
      label: 'Target 5xx %',
      threshold: t.target5xxPercent,
      comparison: 'GreaterThanThreshold',
      periodSeconds: 300,
      evaluationPeriods: 1,
      treatMissingData: 'notBreaching',
    });
    this.p99ResponseTime = new ThresholdAlarm(this, 'p99-response-time', {
      ...common,
      nameParts: [...prefix, 'p99-response-time'],
      description: `p99 response time of the service above ${t.p99LatencySeconds} s in 3 of the last 5 minutes. Check the service's CPU and memory, then the database (CPU, connections, read/write latency) and cache alarms. ${RUNBOOK}`,
      namespace: NAMESPACE,
      metricName: 'TargetResponseTime',
      dimensions: target,
      statistic: 'p99',
      threshold: t.p99LatencySeconds,
      comparison: 'GreaterThanThreshold',
      periodSeconds: 60,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      treatMissingData: 'notBreaching',
    });
    this.unhealthyTargets = new ThresholdAlarm(this, 'unhealthy-targets', {
      ...common,
      nameParts: [...prefix, 'unhealthy-targets'],
      description: `At least one target of the service fails its health checks (2 of the last 3 minutes). Check which and why (aws elbv2 describe-target-health), then the stopped tasks' reasons (aws ecs describe-tasks) and the health check path. ${RUNBOOK}`,
      namespace: NAMESPACE,
      metricName: 'UnHealthyHostCount',
      dimensions: target,
      statistic: 'Maximum',
      threshold: 1,
      comparison: 'GreaterThanOrEqualToThreshold',
      periodSeconds: 60,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      treatMissingData: 'notBreaching',
    });
    this.noHealthyTargets = new ThresholdAlarm(this, 'no-healthy-targets', {
      ...common,
      nameParts: [...prefix, 'no-healthy-targets'],
      description: `No healthy target for 2 minutes: every API request gets a 503. Check the service's running tasks and events (aws ecs describe-services), the stopped tasks' reasons, and its logs. ${RUNBOOK}`,
      namespace: NAMESPACE,
      metricName: 'HealthyHostCount',
      dimensions: target,
      statistic: 'Maximum',
      threshold: 1,
      comparison: 'LessThanThreshold',
      periodSeconds: 60,
      evaluationPeriods: 2,
      // No datapoint means the target group or its load balancer is gone: as bad as zero.
      treatMissingData: 'breaching',
    });

    this.alarms = [
      this.elb5xxRate,
      this.target5xxRate,
      this.p99ResponseTime,
      this.unhealthyTargets,
      this.noHealthyTargets,
    ];
    this.alarmArns = this.alarms.map((a) => a.alarm.arn);
  }
}

/**
 * 5xx as a percentage of requests. Both counts are FILLed with 0, because ELB publishes no
 * datapoint for a period without such responses; below `minimumRequests` the rate reads 0, so a
 * handful of requests cannot page anyone.
 */
function errorRate(errorMetric: string, dimensions: Record<string, string>, minimumRequests: number) {
  return {
    metrics: {
      errors: { namespace: NAMESPACE, metricName: errorMetric, dimensions, statistic: 'Sum' },
      requests: { namespace: NAMESPACE, metricName: 'RequestCount', dimensions, statistic: 'Sum' },
    },
    expression: `IF(FILL(requests, 0) >= ${minimumRequests}, 100 * FILL(errors, 0) / FILL(requests, 0), 0)`,
  };
}
