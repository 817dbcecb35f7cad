import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Construct } from 'constructs';
import { resourceName } from '../naming';

/** How a metric is compared with the threshold. */
export type AlarmComparison =
  | 'GreaterThanOrEqualToThreshold'
  | 'GreaterThanThreshold'
  | 'LessThanThreshold'
  | 'LessThanOrEqualToThreshold';

/** Props of {@link ThresholdAlarm}. */
export interface ThresholdAlarmProps {
  /** Alarm name parts, joined and fitted to CloudWatch's limit, e.g. `['platform-prod', 'db', 'cpu']`. */
  readonly nameParts: string[];
  /** What the alarm means, for the person it wakes: shown in the notification. Say what to check first. */
  readonly description: string;
  /** CloudWatch namespace, e.g. `AWS/RDS`. */
  readonly namespace: string;
  /** Metric name, e.g. `CPUUtilization`. */
  readonly metricName: string;
  /** Metric dimensions, e.g. `{ DBInstanceIdentifier: 'platform-prod-db' }`. */
  readonly dimensions: Record<string, string>;
  /** Statistic: `Average`, `Maximum`, `Minimum`, `Sum` or `SampleCount`; or a percentile like `p99`. @default 'Average' */
  readonly statistic?: string;
  /** The threshold, in the metric's unit. */
  readonly threshold: number;
  /** Comparison with the threshold. */
  readonly comparison: AlarmComparison;
  /** Length of one evaluation period, in seconds (a multiple of 60). @default 300 */
  readonly periodSeconds?: number;
  /** Periods looked at. @default 3 */
  readonly evaluationPeriods?: number;
  /** Periods out of {@link evaluationPeriods} that must breach. @default evaluationPeriods */
  readonly datapointsToAlarm?: number;
  /** SNS topic notified on ALARM and on return to OK. */
  readonly topicArn: string;
  /** What missing data counts as. @default 'missing' (keep the current state) */
  readonly treatMissingData?: 'missing' | 'notBreaching' | 'breaching' | 'ignore';
}

const PERCENTILE = /^p\d{1,2}(\.\d+)?$/;
const STATISTICS = ['Average', 'Maximum', 'Minimum', 'Sum', 'SampleCount'];

/**
 * One CloudWatch alarm on one metric against a fixed threshold, notifying the alert topic on
 * ALARM and again on OK, so the person paged also learns when it is over.
 */
export class ThresholdAlarm extends Construct {
  /** The alarm. */
  readonly alarm: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: ThresholdAlarmProps) {
    super(scope, id);
    const statistic = props.statistic ?? 'Average';
    const period = props.periodSeconds ?? 300;
    const evaluationPeriods = props.evaluationPeriods ?? 3;
    const datapoints = props.datapointsToAlarm ?? evaluationPeriods;
    const name = resourceName('alarm', ...props.nameParts);
    if (!STATISTICS.includes(statistic) && !PERCENTILE.test(statistic)) {
      throw new Error(
        `ThresholdAlarm ${name}: statistic '${statistic}' is not one of ${STATISTICS.join(', ')} or pNN`,
      );
    }
    if (!Number.isInteger(period) || period < 60 || period % 60 !== 0) {
      throw new Error(`ThresholdAlarm ${name}: periodSeconds must be a multiple of 60, got ${period}`);
    }
    if (!Number.isInteger(evaluationPeriods) || evaluationPeriods < 1) {
      throw new Error(
        `ThresholdAlarm ${name}: evaluationPeriods must be at least 1, got ${evaluationPeriods}`,
      );
    }
    if (!Number.isInteger(datapoints) || datapoints < 1 || datapoints > evaluationPeriods) {
      throw new Error(
        `ThresholdAlarm ${name}: datapointsToAlarm must be 1-${evaluationPeriods}, got ${datapoints}`,
      );
    }
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
      datapointsToAlarm: datapoints,
      treatMissingData: props.treatMissingData ?? 'missing',
      alarmActions: [props.topicArn],
      okActions: [props.topicArn],
    });
  }
}
