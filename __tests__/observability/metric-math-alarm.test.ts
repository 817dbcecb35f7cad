import { EXPRESSION_ID, MetricMathAlarm, MetricMathAlarmProps } from '../../lib/observability';
import { onlyResource, synthConstructs } from '../support/synth';
import { errorOf, queriesOf, TOPIC_ARN } from './synth-observability';

const lb = { LoadBalancer: 'app/platform-prod-api/0123456789abcdef' };
const base: MetricMathAlarmProps = {
  nameParts: ['platform-prod', 'alb', 'error-rate'],
  description: 'More than 5 % errors: check the targets',
  metrics: {
    errors: {
      namespace: 'AWS/ApplicationELB',
      metricName: 'HTTPCode_ELB_5XX_Count',
      dimensions: lb,
      statistic: 'Sum',
    },
    requests: {
      namespace: 'AWS/ApplicationELB',
      metricName: 'RequestCount',
      dimensions: lb,
      statistic: 'Sum',
    },
  },
  expression: '100 * FILL(errors, 0) / requests',
  label: 'error %',
  threshold: 5,
  comparison: 'GreaterThanThreshold',
  topicArn: TOPIC_ARN,
};

function alarmOf(props: Partial<MetricMathAlarmProps>) {
  return onlyResource(
    synthConstructs((scope) => new MetricMathAlarm(scope, 'a', { ...base, ...props })),
    'aws_cloudwatch_metric_alarm',
  );
}

describe('MetricMathAlarm', () => {
  it('alarms on the expression, returned alone, and notifies the topic on ALARM and OK', () => {
    const alarm = alarmOf({});
    expect(alarm).toEqual(
      expect.objectContaining({
        alarm_name: 'platform-prod-alb-error-rate',
        alarm_description: base.description,
        threshold: 5,
        comparison_operator: 'GreaterThanThreshold',
        evaluation_periods: 3,
        datapoints_to_alarm: 3,
        treat_missing_data: 'missing',
        alarm_actions: [TOPIC_ARN],
        ok_actions: [TOPIC_ARN],
      }),
    );
    // With metric_query, CloudWatch refuses a top-level metric, namespace, period or statistic.
    for (const key of [
      'metric_name',
      'namespace',
      'period',
      'statistic',
      'extended_statistic',
      'dimensions',
    ]) {
      expect(alarm).not.toHaveProperty(key);
    }
    const queries = queriesOf(alarm);
    expect(Object.keys(queries)).toEqual([EXPRESSION_ID, 'errors', 'requests']);
    expect(queries[EXPRESSION_ID]).toEqual({
      id: EXPRESSION_ID,
      expression: '100 * FILL(errors, 0) / requests',
      label: 'error %',
      return_data: true,
    });
    expect(queries.errors).toEqual({
      id: 'errors',
      return_data: false,
      metric: {
        namespace: 'AWS/ApplicationELB',
        metric_name: 'HTTPCode_ELB_5XX_Count',
        dimensions: lb,
        stat: 'Sum',
        period: 300,
      },
    });
    expect(queries.requests.metric?.metric_name).toBe('RequestCount');
  });

  it('gives every metric the alarm period and passes the timing through', () => {
    const alarm = alarmOf({
      periodSeconds: 60,
      evaluationPeriods: 5,
      datapointsToAlarm: 2,
      treatMissingData: 'breaching',
    });
    expect(alarm).toEqual(
      expect.objectContaining({
        evaluation_periods: 5,
        datapoints_to_alarm: 2,
        treat_missing_data: 'breaching',
      }),
    );
    const periods = Object.values(queriesOf(alarm)).map((q) => q.metric?.period);
    expect(periods).toEqual([undefined, 60, 60]);
  });

  it.each<[string, Partial<MetricMathAlarmProps>, RegExp]>([
    ['no metric', { metrics: {} }, /metrics is empty/],
    [
      'an id with an upper-case first letter',
      { metrics: { Errors: base.metrics.errors } },
      /metric id 'Errors' must start with a lowercase letter/,
    ],
    [
      'the id reserved for the expression',
      { metrics: { [EXPRESSION_ID]: base.metrics.errors } },
      /not be 'expression'/,
    ],
    [
      'an unknown statistic',
      { metrics: { errors: { ...base.metrics.errors, statistic: 'Median' } } },
      /metric errors: statistic 'Median' is not one of/,
    ],
    ['an empty expression', { expression: '  ' }, /expression is empty/],
    [
      'a description CloudWatch would cut',
      { description: 'x'.repeat(1025) },
      /description is 1025 characters/,
    ],
    [
      'a period that is not whole minutes',
      { periodSeconds: 90 },
      /periodSeconds must be a multiple of 60, got 90/,
    ],
    [
      'more datapoints than periods',
      { evaluationPeriods: 2, datapointsToAlarm: 3 },
      /datapointsToAlarm must be 1-2, got 3/,
    ],
  ])('refuses %s, naming the alarm', (_, props, message) => {
    const error = errorOf((scope) => new MetricMathAlarm(scope, 'a', { ...base, ...props }));
    expect(error).toMatch(/^MetricMathAlarm platform-prod-alb-error-rate: /);
    expect(error).toMatch(message);
  });
});
