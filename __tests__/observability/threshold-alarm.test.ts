import { ThresholdAlarm, ThresholdAlarmProps } from '../../lib/observability';
import { onlyResource, synthConstructs } from '../support/synth';

const base: ThresholdAlarmProps = {
  nameParts: ['platform-prod', 'db', 'cpu'],
  description: 'CPU above 80 %: check slow queries first',
  namespace: 'AWS/RDS',
  metricName: 'CPUUtilization',
  dimensions: { DBInstanceIdentifier: 'platform-prod-db' },
  threshold: 80,
  comparison: 'GreaterThanThreshold',
  topicArn: 'arn:aws:sns:eu-west-1:222222222222:platform-prod-alerts',
};

function alarmOf(props: Partial<ThresholdAlarmProps>) {
  return onlyResource(
    synthConstructs((scope) => new ThresholdAlarm(scope, 'a', { ...base, ...props })),
    'aws_cloudwatch_metric_alarm',
  );
}

describe('ThresholdAlarm', () => {
  it('notifies the topic on ALARM and on OK, averaging 3 periods of 5 minutes by default', () => {
    expect(alarmOf({})).toEqual(
      expect.objectContaining({
        alarm_name: 'platform-prod-db-cpu',
        alarm_description: base.description,
        namespace: 'AWS/RDS',
        metric_name: 'CPUUtilization',
        dimensions: base.dimensions,
        statistic: 'Average',
        threshold: 80,
        comparison_operator: 'GreaterThanThreshold',
        period: 300,
        evaluation_periods: 3,
        datapoints_to_alarm: 3,
        treat_missing_data: 'missing',
        alarm_actions: [base.topicArn],
        ok_actions: [base.topicArn],
      }),
    );
  });

  it('uses extended_statistic for percentiles', () => {
    const alarm = alarmOf({ statistic: 'p99' });
    expect(alarm.extended_statistic).toBe('p99');
    expect(alarm).not.toHaveProperty('statistic');
  });

  it('passes the period, the datapoints and missing-data treatment through', () => {
    expect(
      alarmOf({
        periodSeconds: 60,
        evaluationPeriods: 5,
        datapointsToAlarm: 2,
        treatMissingData: 'breaching',
      }),
    ).toEqual(
      expect.objectContaining({
        period: 60,
        evaluation_periods: 5,
        datapoints_to_alarm: 2,
        treat_missing_data: 'breaching',
      }),
    );
  });

  it('leaves dimensions out for a metric that has none', () => {
    expect(alarmOf({ dimensions: undefined })).not.toHaveProperty('dimensions');
  });

  it.each([
    [{ statistic: 'Median' }, /statistic 'Median'/],
    [{ periodSeconds: 90 }, /multiple of 60/],
    [{ evaluationPeriods: 0 }, /evaluationPeriods must be at least 1/],
    [{ evaluationPeriods: 2, datapointsToAlarm: 3 }, /datapointsToAlarm must be 1-2/],
    [{ description: ' ' }, /description is empty/],
    [{ description: 'x'.repeat(1025) }, /description is 1025 characters; CloudWatch accepts at most 1024/],
  ])('rejects %p', (props, message) => {
    expect(() => alarmOf(props as Partial<ThresholdAlarmProps>)).toThrow(message);
  });
});
