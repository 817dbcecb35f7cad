import { TerraformVariable } from 'cdktf';
import {
  ERROR_LOG_FILTER_PATTERN,
  ERROR_LOG_METRIC_NAME,
  ErrorLogAlarm,
  ErrorLogAlarmProps,
} from '../../lib/observability';
import { onlyResource, synthConstructs } from '../support/synth';
import { errorOf, TOPIC_ARN } from './synth-observability';

const base: ErrorLogAlarmProps = {
  namePrefix: 'platform-prod',
  topicArn: TOPIC_ARN,
  logGroupName: '/ecs/platform-prod-api',
};

function synth(props: Partial<ErrorLogAlarmProps> = {}) {
  return synthConstructs((scope) => new ErrorLogAlarm(scope, 'error-logs', { ...base, ...props }));
}

describe('ErrorLogAlarm', () => {
  const json = synth();
  const filter = onlyResource(json, 'aws_cloudwatch_log_metric_filter');
  const alarm = onlyResource(json, 'aws_cloudwatch_metric_alarm');

  it('counts error and fatal lines, in string and pino numeric levels, from the log group', () => {
    expect(filter.name).toBe('platform-prod-error-logs');
    expect(filter.log_group_name).toBe('/ecs/platform-prod-api');
    expect(filter.pattern).toBe(
      '{ ($.level = "error") || ($.level = "ERROR") || ($.level = 50) || ($.level = "fatal") || ($.level = 60) }',
    );
    expect(filter.pattern).toBe(ERROR_LOG_FILTER_PATTERN);
  });

  it('puts 1 per error line, 0 per other line, into <namePrefix>/Application ErrorLogCount', () => {
    expect(filter.metric_transformation).toEqual({
      namespace: 'platform-prod/Application',
      name: 'ErrorLogCount',
      value: '1',
      default_value: '0',
    });
    expect(ERROR_LOG_METRIC_NAME).toBe('ErrorLogCount');
  });

  it('alarms on more than 10 error lines in 5 minutes, notifying the topic on ALARM and on OK', () => {
    expect(alarm).toEqual(
      expect.objectContaining({
        alarm_name: 'platform-prod-error-logs',
        namespace: 'platform-prod/Application',
        metric_name: 'ErrorLogCount',
        statistic: 'Sum',
        threshold: 10,
        comparison_operator: 'GreaterThanThreshold',
        period: 300,
        evaluation_periods: 1,
        treat_missing_data: 'notBreaching',
        alarm_actions: [TOPIC_ARN],
        ok_actions: [TOPIC_ARN],
      }),
    );
    // The filter publishes without dimensions, so the alarm must watch the metric without any.
    expect(alarm).not.toHaveProperty('dimensions');
    expect(alarm.alarm_description).toContain(
      `aws logs tail /ecs/platform-prod-api --since 15m --filter-pattern '${ERROR_LOG_FILTER_PATTERN}'`,
    );
  });

  it('takes the threshold and a pattern of its own', () => {
    const tuned = synth({ threshold: 3, filterPattern: '{ $.severity = "ERROR" }' });
    expect(onlyResource(tuned, 'aws_cloudwatch_metric_alarm').threshold).toBe(3);
    expect(onlyResource(tuned, 'aws_cloudwatch_log_metric_filter').pattern).toBe('{ $.severity = "ERROR" }');
  });

  it('reads a log group created in the same stack', () => {
    const json = synthConstructs((scope) => {
      const group = new TerraformVariable(scope, 'group', { type: 'string' });
      new ErrorLogAlarm(scope, 'e', { ...base, logGroupName: group.stringValue });
    });
    expect(onlyResource(json, 'aws_cloudwatch_log_metric_filter').log_group_name).toBe('${var.group}');
    expect(onlyResource(json, 'aws_cloudwatch_metric_alarm').alarm_description).toContain(
      'aws logs tail ${var.group} --since 15m',
    );
  });

  it.each<[string, Partial<ErrorLogAlarmProps>, RegExp]>([
    ['a zero threshold', { threshold: 0 }, /threshold must be a number above 0, got 0/],
    ['a negative threshold', { threshold: -2 }, /threshold must be a number above 0, got -2/],
    [
      'a prefix CloudWatch refuses in a namespace',
      { namePrefix: 'platform*prod' },
      /namespace 'platform\*prod\/Application', which CloudWatch refuses/,
    ],
    ['the reserved AWS prefix', { namePrefix: 'AWS' }, /namespaces under AWS\/ are reserved/],
    ['an empty pattern', { filterPattern: ' ' }, /filterPattern must be 1-1024 characters/],
  ])('refuses %s', (_, props, message) => {
    const error = errorOf((scope) => new ErrorLogAlarm(scope, 'e', { ...base, ...props }));
    expect(error).toMatch(/^ErrorLogAlarm /);
    expect(error).toMatch(message);
  });
});
