import { ServiceAlarms, ServiceAlarmsProps } from '../../lib/observability';
import { synthConstructs } from '../support/synth';
import { alarmNamed, alarmsByName, errorOf, TOPIC_ARN } from './synth-observability';

const base: ServiceAlarmsProps = {
  namePrefix: 'platform-prod',
  topicArn: TOPIC_ARN,
  clusterName: 'platform-prod',
  serviceName: 'platform-prod-api',
};
const dimensions = { ClusterName: 'platform-prod', ServiceName: 'platform-prod-api' };

function synth(props: Partial<ServiceAlarmsProps> = {}) {
  return synthConstructs((scope) => new ServiceAlarms(scope, 'service-alarms', { ...base, ...props }));
}

describe('ServiceAlarms', () => {
  const json = synth();

  it('creates three alarms on the service, each notifying the topic on ALARM and on OK', () => {
    const alarms = alarmsByName(json);
    expect(Object.keys(alarms).sort()).toEqual([
      'platform-prod-ecs-cpu',
      'platform-prod-ecs-memory',
      'platform-prod-ecs-running-tasks',
    ]);
    for (const alarm of Object.values(alarms)) {
      expect(alarm.dimensions).toEqual(dimensions);
      expect(alarm.alarm_actions).toEqual([TOPIC_ARN]);
      expect(alarm.ok_actions).toEqual([TOPIC_ARN]);
    }
  });

  it('alarms on average CPU and memory above 85 % for 15 minutes', () => {
    for (const [name, metric] of [
      ['platform-prod-ecs-cpu', 'CPUUtilization'],
      ['platform-prod-ecs-memory', 'MemoryUtilization'],
    ]) {
      expect(alarmNamed(json, name)).toEqual(
        expect.objectContaining({
          namespace: 'AWS/ECS',
          metric_name: metric,
          statistic: 'Average',
          threshold: 85,
          comparison_operator: 'GreaterThanThreshold',
          period: 300,
          evaluation_periods: 3,
        }),
      );
    }
  });

  it('alarms when fewer tasks than the minimum run for 5 minutes, missing data counting as breaching', () => {
    expect(alarmNamed(json, 'platform-prod-ecs-running-tasks')).toEqual(
      expect.objectContaining({
        namespace: 'ECS/ContainerInsights',
        metric_name: 'RunningTaskCount',
        statistic: 'Maximum',
        threshold: 1,
        comparison_operator: 'LessThanThreshold',
        period: 60,
        evaluation_periods: 5,
        datapoints_to_alarm: 5,
        treat_missing_data: 'breaching',
      }),
    );
  });

  it('takes the thresholds and the minimum task count from props', () => {
    const tuned = synth({ minimumTasks: 2, thresholds: { cpuPercent: 70, memoryPercent: 90 } });
    expect(alarmNamed(tuned, 'platform-prod-ecs-cpu').threshold).toBe(70);
    expect(alarmNamed(tuned, 'platform-prod-ecs-memory').threshold).toBe(90);
    const tasks = alarmNamed(tuned, 'platform-prod-ecs-running-tasks');
    expect(tasks.threshold).toBe(2);
    expect(tasks.alarm_description).toMatch(/fewer than 2 running tasks/);
  });

  it.each<[string, Partial<ServiceAlarmsProps>, RegExp]>([
    [
      'CPU above 100 %',
      { thresholds: { cpuPercent: 101 } },
      /thresholds\.cpuPercent must be a percentage from 0 to 100, got 101/,
    ],
    [
      'negative memory',
      { thresholds: { memoryPercent: -5 } },
      /thresholds\.memoryPercent must be a percentage from 0 to 100, got -5/,
    ],
    ['no task', { minimumTasks: 0 }, /minimumTasks must be a whole number above 0, got 0/],
    ['half a task', { minimumTasks: 1.5 }, /minimumTasks must be a whole number above 0, got 1\.5/],
  ])('refuses %s', (_, props, message) => {
    const error = errorOf((scope) => new ServiceAlarms(scope, 'a', { ...base, ...props }));
    expect(error).toMatch(/^ServiceAlarms platform-prod: /);
    expect(error).toMatch(message);
  });

  it('names minimumTasks as the top-level prop it is', () => {
    const error = errorOf((scope) => new ServiceAlarms(scope, 'a', { ...base, minimumTasks: -1 }));
    expect(error).toMatch(/: minimumTasks must/);
    expect(error).not.toMatch(/thresholds\.minimumTasks/);
  });
});
