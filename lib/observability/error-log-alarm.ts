import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { assertNoThresholdProblems, thresholdProblems } from './threshold-checks';
import { ThresholdAlarm } from './threshold-alarm';

/**
 * Error-level lines of structured JSON logs: string levels (`error`, `ERROR`, `fatal`, as most
 * loggers write them) and pino's numeric levels (50 error, 60 fatal). String comparisons are
 * case-sensitive, hence both spellings of `error`. A line that is not JSON never matches.
 *
 * Syntax: CloudWatch Logs JSON filter patterns, `{ $.field = "string" }`, `{ $.field = number }`,
 * joined with `||`:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
 */
export const ERROR_LOG_FILTER_PATTERN =
  '{ ($.level = "error") || ($.level = "ERROR") || ($.level = 50) || ($.level = "fatal") || ($.level = 60) }';

/** Name of the custom metric counting error lines. */
export const ERROR_LOG_METRIC_NAME = 'ErrorLogCount';

/** Props of {@link ErrorLogAlarm}. */
export interface ErrorLogAlarmProps {
  /** Prefix of the names, e.g. `platform-prod`; the metric's namespace is `<namePrefix>/Application`. */
  readonly namePrefix: string;
  /** SNS topic notified on ALARM and on OK. */
  readonly topicArn: string;
  /** Log group of the application, e.g. `/ecs/platform-prod-api`. */
  readonly logGroupName: string;
  /** Error lines in 5 minutes above which the alarm fires. @default 10 */
  readonly threshold?: number;
  /** The filter pattern that picks error lines. @default {@link ERROR_LOG_FILTER_PATTERN} */
  readonly filterPattern?: string;
}

/** What CloudWatch accepts in a custom namespace (PutMetricData). */
const NAMESPACE_CHARACTERS = /^[A-Za-z0-9.\-_/#: ]+$/;

/**
 * Counts the application's error log lines into a custom metric (`<namePrefix>/Application`
 * `ErrorLogCount`) and alarms when there are too many in 5 minutes: the errors that never reach
 * the load balancer as a 5xx (background jobs, WebSocket handlers, retries that finally succeed).
 */
export class ErrorLogAlarm extends Construct {
  /** The metric filter on the log group. */
  readonly metricFilter: CloudwatchLogMetricFilter;
  /** The alarm on the metric. */
  readonly alarm: ThresholdAlarm;
  /** Namespace of the metric, `<namePrefix>/Application`. */
  readonly metricNamespace: string;
  /** Name of the metric, {@link ERROR_LOG_METRIC_NAME}. */
  readonly metricName: string;
  /** ARN of the alarm, in a list (for a dashboard's alarm widget). */
  readonly alarmArns: string[];

  constructor(scope: Construct, id: string, props: ErrorLogAlarmProps) {
    super(scope, id);
    const where = `ErrorLogAlarm ${props.namePrefix}`;
    const threshold = props.threshold ?? 10;
    const namespace = `${props.namePrefix}/Application`;
    const problems = thresholdProblems({ threshold }, { threshold: 'positive' }, '');
    if (!Token.isUnresolved(namespace)) {
      if (!NAMESPACE_CHARACTERS.test(namespace) || namespace.length > 255) {
        problems.push(
          `namePrefix '${props.namePrefix}' makes the metric namespace '${namespace}', which CloudWatch refuses: up to 255 letters, digits and . - _ / # : or space`,
        );
      }
      if (namespace.startsWith('AWS/')) {
        problems.push(`namePrefix must not be 'AWS': namespaces under AWS/ are reserved`);
      }
    }
    const filterPattern = props.filterPattern ?? ERROR_LOG_FILTER_PATTERN;
    if (filterPattern.trim().length === 0 || filterPattern.length > 1024) {
      problems.push(`filterPattern must be 1-1024 characters, got ${filterPattern.length}`);
    }
    assertNoThresholdProblems(where, problems);

    this.metricNamespace = namespace;
    this.metricName = ERROR_LOG_METRIC_NAME;
    this.metricFilter = new CloudwatchLogMetricFilter(this, 'filter', {
      name: `${props.namePrefix}-error-logs`,
      logGroupName: props.logGroupName,
      pattern: filterPattern,
      metricTransformation: {
        namespace,
        name: ERROR_LOG_METRIC_NAME,
        value: '1',
        // A log line that is not an error counts 0, so a service that logs reads 0 rather than no data.
        defaultValue: '0',
      },
    });

    // The description's command must paste into a shell as is.
    const shellQuotable = !filterPattern.includes("'");
    this.alarm = new ThresholdAlarm(this, 'alarm', {
      nameParts: [props.namePrefix, 'error-logs'],
      description: `More than ${threshold} error-level log lines in 5 minutes in ${props.logGroupName}. Read them: aws logs tail ${props.logGroupName} --since 15m${shellQuotable ? ` --filter-pattern '${filterPattern}'` : ''}; then check the last deployment and the database and cache alarms. Runbook: help/monitoring.md#error-logs`,
      namespace,
      metricName: ERROR_LOG_METRIC_NAME,
      statistic: 'Sum',
      threshold,
      comparison: 'GreaterThanThreshold',
      periodSeconds: 300,
      evaluationPeriods: 1,
      // No log line at all in 5 minutes is quiet, not failing (the task-count alarm covers a dead service).
      treatMissingData: 'notBreaching',
      topicArn: props.topicArn,
    });
    this.alarmArns = [this.alarm.alarm.arn];
  }
}
