import { TerraformVariable } from 'cdktf';
import { LoadBalancerAlarms, LoadBalancerAlarmsProps } from '../../lib/observability';
import { resources, synthConstructs } from '../support/synth';
import { alarmNamed, alarmsByName, errorOf, queriesOf, TOPIC_ARN } from './synth-observability';

const LB = 'app/platform-prod-api/0123456789abcdef';
const TG = 'targetgroup/platform-prod-api/fedcba9876543210';
const base: LoadBalancerAlarmsProps = {
  namePrefix: 'platform-prod',
  topicArn: TOPIC_ARN,
  loadBalancerArnSuffix: LB,
  targetGroupArnSuffix: TG,
};

function synth(props: Partial<LoadBalancerAlarmsProps> = {}) {
  return synthConstructs((scope) => new LoadBalancerAlarms(scope, 'alb-alarms', { ...base, ...props }));
}

describe('LoadBalancerAlarms', () => {
  const json = synth();

  it('creates five alarms, each notifying the topic on ALARM and on OK', () => {
    const alarms = alarmsByName(json);
    expect(Object.keys(alarms).sort()).toEqual([
      'platform-prod-alb-elb-5xx-rate',
      'platform-prod-alb-no-healthy-targets',
      'platform-prod-alb-p99-response-time',
      'platform-prod-alb-target-5xx-rate',
      'platform-prod-alb-unhealthy-targets',
    ]);
    for (const alarm of Object.values(alarms)) {
      expect(alarm.alarm_actions).toEqual([TOPIC_ARN]);
      expect(alarm.ok_actions).toEqual([TOPIC_ARN]);
      expect(alarm.alarm_description).toMatch(/help\/monitoring\.md#load-balancer/);
    }
  });

  it('alarms on the load balancer 5xx rate over 5 minutes, ignoring fewer than 100 requests', () => {
    const alarm = alarmNamed(json, 'platform-prod-alb-elb-5xx-rate');
    expect(alarm).toEqual(
      expect.objectContaining({
        threshold: 5,
        comparison_operator: 'GreaterThanThreshold',
        evaluation_periods: 1,
        datapoints_to_alarm: 1,
        treat_missing_data: 'notBreaching',
      }),
    );
    const queries = queriesOf(alarm);
    expect(queries.expression.expression).toBe(
      'IF(FILL(requests, 0) >= 100, 100 * FILL(errors, 0) / FILL(requests, 0), 0)',
    );
    expect(queries.expression.return_data).toBe(true);
    for (const [id, metricName] of [
      ['errors', 'HTTPCode_ELB_5XX_Count'],
      ['requests', 'RequestCount'],
    ]) {
      expect(queries[id].metric).toEqual({
        namespace: 'AWS/ApplicationELB',
        metric_name: metricName,
        dimensions: { LoadBalancer: LB },
        stat: 'Sum',
        period: 300,
      });
    }
  });

  it("alarms on the targets' 5xx rate against the target group's own requests", () => {
    const queries = queriesOf(alarmNamed(json, 'platform-prod-alb-target-5xx-rate'));
    const target = { LoadBalancer: LB, TargetGroup: TG };
    expect(queries.errors.metric).toEqual(
      expect.objectContaining({ metric_name: 'HTTPCode_Target_5XX_Count', dimensions: target, stat: 'Sum' }),
    );
    expect(queries.requests.metric).toEqual(
      expect.objectContaining({ metric_name: 'RequestCount', dimensions: target, stat: 'Sum' }),
    );
    expect(queries.expression.expression).toMatch(/^IF\(FILL\(requests, 0\) >= 100, /);
  });

  it('alarms on p99 response time above 2 s in 3 of 5 minutes', () => {
    expect(alarmNamed(json, 'platform-prod-alb-p99-response-time')).toEqual(
      expect.objectContaining({
        namespace: 'AWS/ApplicationELB',
        metric_name: 'TargetResponseTime',
        dimensions: { LoadBalancer: LB, TargetGroup: TG },
        extended_statistic: 'p99',
        threshold: 2,
        comparison_operator: 'GreaterThanThreshold',
        period: 60,
        evaluation_periods: 5,
        datapoints_to_alarm: 3,
      }),
    );
  });

  it('alarms on one unhealthy target (maximum, 2 of 3 minutes) and on no healthy target (missing = breaching)', () => {
    expect(alarmNamed(json, 'platform-prod-alb-unhealthy-targets')).toEqual(
      expect.objectContaining({
        metric_name: 'UnHealthyHostCount',
        dimensions: { LoadBalancer: LB, TargetGroup: TG },
        statistic: 'Maximum',
        threshold: 1,
        comparison_operator: 'GreaterThanOrEqualToThreshold',
        period: 60,
        evaluation_periods: 3,
        datapoints_to_alarm: 2,
        treat_missing_data: 'notBreaching',
      }),
    );
    expect(alarmNamed(json, 'platform-prod-alb-no-healthy-targets')).toEqual(
      expect.objectContaining({
        metric_name: 'HealthyHostCount',
        dimensions: { LoadBalancer: LB, TargetGroup: TG },
        threshold: 1,
        comparison_operator: 'LessThanThreshold',
        treat_missing_data: 'breaching',
      }),
    );
  });

  it('takes thresholds from props', () => {
    const tuned = synth({
      thresholds: {
        loadBalancer5xxPercent: 1,
        target5xxPercent: 2.5,
        minimumRequests: 20,
        p99LatencySeconds: 0.5,
      },
    });
    const elb = alarmNamed(tuned, 'platform-prod-alb-elb-5xx-rate');
    expect(elb.threshold).toBe(1);
    expect(queriesOf(elb).expression.expression).toMatch(/^IF\(FILL\(requests, 0\) >= 20, /);
    expect(alarmNamed(tuned, 'platform-prod-alb-target-5xx-rate').threshold).toBe(2.5);
    expect(alarmNamed(tuned, 'platform-prod-alb-p99-response-time').threshold).toBe(0.5);
    expect(alarmNamed(tuned, 'platform-prod-alb-p99-response-time').alarm_description).toMatch(
      /above 0\.5 s/,
    );
  });

  it('keeps the default for a threshold given as undefined (an unset config field)', () => {
    const json = synth({ thresholds: { p99LatencySeconds: undefined, target5xxPercent: 3 } });
    expect(alarmNamed(json, 'platform-prod-alb-p99-response-time').threshold).toBe(2);
    expect(alarmNamed(json, 'platform-prod-alb-target-5xx-rate').threshold).toBe(3);
  });

  it('exposes every alarm and its ARN for the dashboard', () => {
    let alarms: LoadBalancerAlarms | undefined;
    synthConstructs((scope) => {
      alarms = new LoadBalancerAlarms(scope, 'a', base);
    });
    expect(alarms!.alarms).toHaveLength(5);
    expect(alarms!.alarmArns).toHaveLength(5);
    expect(alarms!.alarmArns.every((arn) => arn.includes('TfToken'))).toBe(true);
  });

  it('takes the load balancer and target group from Terraform references', () => {
    const json = synthConstructs((scope) => {
      const suffix = new TerraformVariable(scope, 'lb', { type: 'string' });
      new LoadBalancerAlarms(scope, 'a', { ...base, loadBalancerArnSuffix: suffix.stringValue });
    });
    const dimensions = Object.values(resources(json, 'aws_cloudwatch_metric_alarm'))
      .filter((a) => a.dimensions)
      .map((a) => (a.dimensions as Record<string, string>).LoadBalancer);
    expect(dimensions).toEqual(['${var.lb}', '${var.lb}', '${var.lb}']);
  });

  it.each<[string, LoadBalancerAlarmsProps['thresholds'], RegExp]>([
    [
      'a percentage above 100',
      { loadBalancer5xxPercent: 150 },
      /thresholds\.loadBalancer5xxPercent must be a percentage from 0 to 100, got 150/,
    ],
    [
      'a negative percentage',
      { target5xxPercent: -1 },
      /thresholds\.target5xxPercent must be a percentage from 0 to 100, got -1/,
    ],
    [
      'a fractional request count',
      { minimumRequests: 2.5 },
      /thresholds\.minimumRequests must be a whole number above 0, got 2\.5/,
    ],
    [
      'a zero latency',
      { p99LatencySeconds: 0 },
      /thresholds\.p99LatencySeconds must be a number above 0, got 0/,
    ],
    ['NaN', { p99LatencySeconds: NaN }, /p99LatencySeconds must be a number above 0, got NaN/],
  ])('refuses %s', (_, thresholds, message) => {
    const error = errorOf((scope) => new LoadBalancerAlarms(scope, 'a', { ...base, thresholds }));
    expect(error).toMatch(/^LoadBalancerAlarms platform-prod: /);
    expect(error).toMatch(message);
    expect(error).toMatch(/see help\/monitoring\.md/);
  });

  it('lists every bad threshold in one error', () => {
    const error = errorOf(
      (scope) =>
        new LoadBalancerAlarms(scope, 'a', {
          ...base,
          thresholds: { loadBalancer5xxPercent: 101, minimumRequests: 0 },
        }),
    );
    expect(error).toMatch(/loadBalancer5xxPercent.*; thresholds\.minimumRequests/);
  });
});
