import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Construct } from 'constructs';
import { resourceName } from '../naming';
import {
  AlarmConstruct,
  AlarmTiming,
  assertDescription,
  assertStatistic,
  MissingDataTreatment,
  resolveAlarmTiming,
} from './alarm-settings';
import type { AlarmComparison } from './threshold-alarm';

/** One metric an expression of {@link MetricMathAlarm} reads. */
export interface AlarmMetric {
  /** CloudWatch namespace, e.g. `AWS/ApplicationELB`. */
  readonly namespace: string;
  /** Metric name, e.g. `RequestCount`. */
  readonly metricName: string;
  /** Metric dimensions, exactly as the service publishes them. */
  readonly dimensions: Record<string, string>;
  /** Statistic over each period: `Sum`, `Average`, ... or a percentile like `p99`. */
  readonly statistic: string;
}

/** Props of {@link MetricMathAlarm}. */
export interface MetricMathAlarmProps extends AlarmTiming {
  /** Alarm name parts, joined and fitted to CloudWatch's limit, e.g. `['platform-prod', 'alb', '5xx-rate']`. */
  readonly nameParts: string[];
  /** What the alarm means, for the person it wakes: shown in the notification. Say what to check first. */
  readonly description: string;
  /**
   * The metrics, by the id the expression calls them (a lowercase letter, then letters, digits, `_`),
   * e.g. `{ errors: {...}, requests: {...} }`.
   */
  readonly metrics: Record<string, AlarmMetric>;
  /** The metric math expression the alarm watches, e.g. `100 * errors / requests`. */
  readonly expression: string;
  /** What the expression computes, shown on the alarm's graph, e.g. `5xx %`. */
  readonly label: string;
  /** The threshold, in the expression's unit. */
  readonly threshold: number;
  /** Comparison with the threshold. */
  readonly comparison: AlarmComparison;
  /** SNS topic notified on ALARM and on return to OK. */
  readonly topicArn: string;
  /** What missing data counts as. @default 'missing' (keep the current state) */
  readonly treatMissingData?: MissingDataTreatment;
}

/** Id of the expression among the alarm's metric queries. */
export const EXPRESSION_ID = 'expression';
/** CloudWatch's rule for metric query ids. */
const QUERY_ID = /^[a-z][a-zA-Z0-9_]*$/;

/**
 * A CloudWatch alarm on a metric math expression over several metrics (an error rate, say), which
 * notifies the alert topic on ALARM and again on OK.
 *
 * Syntax and functions (`FILL`, `IF`, arithmetic) are CloudWatch's:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html
 */
export class MetricMathAlarm extends Construct implements AlarmConstruct {
  /** The alarm. */
  readonly alarm: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: MetricMathAlarmProps) {
    super(scope, id);
    const name = resourceName('alarm', ...props.nameParts);
    const where = `MetricMathAlarm ${name}`;
    const timing = resolveAlarmTiming(where, props);
    assertDescription(where, props.description);
    const ids = Object.keys(props.metrics);
    if (ids.length === 0) throw new Error(`${where}: metrics is empty; the expression needs at least one`);
    for (const metricId of ids) {
      if (!QUERY_ID.test(metricId) || metricId === EXPRESSION_ID) {
        throw new Error(
          `${where}: metric id '${metricId}' must start with a lowercase letter, hold only letters, digits and _, and not be '${EXPRESSION_ID}'`,
        );
      }
      assertStatistic(`${where}: metric ${metricId}`, props.metrics[metricId].statistic);
    }
    if (props.expression.trim().length === 0) throw new Error(`${where}: expression is empty`);

    this.alarm = new CloudwatchMetricAlarm(this, 'alarm', {
      alarmName: name,
      alarmDescription: props.description,
      comparisonOperator: props.comparison,
      threshold: props.threshold,
      evaluationPeriods: timing.evaluationPeriods,
      datapointsToAlarm: timing.datapointsToAlarm,
      treatMissingData: props.treatMissingData ?? 'missing',
      alarmActions: [props.topicArn],
      okActions: [props.topicArn],
      metricQuery: [
        { id: EXPRESSION_ID, expression: props.expression, label: props.label, returnData: true },
        ...ids.map((metricId) => {
          const metric = props.metrics[metricId];
          return {
            id: metricId,
            returnData: false,
            metric: {
              namespace: metric.namespace,
              metricName: metric.metricName,
              dimensions: metric.dimensions,
              stat: metric.statistic,
              period: timing.period,
            },
          };
        }),
      ],
    });
  }
}
