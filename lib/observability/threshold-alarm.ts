import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Construct } from 'constructs';
import { resourceName } from '../naming';
import {
  AlarmConstruct,
  AlarmTiming,
  assertDescription,
  assertStatistic,
  MissingDataTreatment,
  PERCENTILE,
  resolveAlarmTiming,
} from './alarm-settings';

/** How a metric is compared with the threshold. */
export type AlarmComparison =
  | 'GreaterThanOrEqualToThreshold'
  | 'GreaterThanThreshold'
  | 'LessThanThreshold'
  | 'LessThanOrEqualToThreshold';

/** Props of {@link ThresholdAlarm}. */
export interface ThresholdAlarmProps extends AlarmTiming {
  /** Alarm name parts, joined and fitted to CloudWatch's limit, e.g. `['platform-prod', 'db', 'cpu']`. */
  readonly nameParts: string[];
  /** What the alarm means, for the person it wakes: shown in the notification. Say what to check first. */
  readonly description: string;
  /** CloudWatch namespace, e.g. `AWS/RDS`. */
  readonly namespace: string;
  /** Metric name, e.g. `CPUUtilization`. */
  readonly metricName: string;
  /** Metric dimensions, e.g. `{ DBInstanceIdentifier: 'platform-prod-db' }`. @default none (a metric without dimensions) */
  readonly dimensions?: Record<string, string>;
  /** Statistic: `Average`, `Maximum`, `Minimum`, `Sum` or `SampleCount`; or a percentile like `p99`. @default 'Average' */
  readonly statistic?: string;
  /** The threshold, in the metric's unit. */
  readonly threshold: number;
  /** Comparison with the threshold. */
  readonly comparison: AlarmComparison;
  /** SNS topic notified on ALARM and on return to OK. */
  readonly topicArn: string;
  /** What missing data counts as. @default 'missing' (keep the current state) */
  readonly treatMissingData?: MissingDataTreatment;
  /**
   * Region of the alarm, when not the provider's: an alarm sees only its region's metrics and
   * notifies only a topic of its region (CloudFront and Route 53 health checks: us-east-1).
   * @default the provider's region
   */
  readonly region?: string;
}

/**
 * One CloudWatch alarm on one metric against a fixed threshold, notifying the alert topic on
 * ALARM and again on OK, so the person paged also learns when it is over.
 */
export class ThresholdAlarm extends Construct implements AlarmConstruct {
  /** The alarm. */
  readonly alarm: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: ThresholdAlarmProps) {
    super(scope, id);
    const statistic = props.statistic ?? 'Average';
    const name = resourceName('alarm', ...props.nameParts);
    const where = `ThresholdAlarm ${name}`;
    assertStatistic(where, statistic);
    assertDescription(where, props.description);
    const { period, evaluationPeriods, datapointsToAlarm } = resolveAlarmTiming(where, props);
    const percentile = PERCENTILE.test(statistic);
    this.alarm = new CloudwatchMetricAlarm(this, 'alarm', {
      alarmName: name,
      alarmDescription: props.description,
      namespace: props.namespace,
      metricName: props.metricName,
      dimensions: props.dimensions,
      ...(percentile ? { extendedStatistic: statistic } : { statistic }),
      threshold: props.threshold,
      comparisonOperator: props.comparison,
      period,
      evaluationPeriods,
      datapointsToAlarm,
      treatMissingData: props.treatMissingData ?? 'missing',
      ...(props.region ? { region: props.region } : {}),
      alarmActions: [props.topicArn],
      okActions: [props.topicArn],
    });
  }
}
