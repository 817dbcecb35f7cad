import { bundledSynth } from './bundled-synth';

interface Alarm {
  alarm_name: string;
  alarm_actions?: string[];
  ok_actions?: string[];
}

/** An SNS topic of the environment: the network stack's (remote state) or one made in the same stack. */
const TOPIC =
  /^\$\{(data\.terraform_remote_state\.network-state\.outputs\.alertTopicArn|aws_sns_topic\.[\w-]+\.arn)\}$/;

describe('every alarm of every stack notifies someone', () => {
  const synth = bundledSynth();
  const { stacks } = synth;
  const alarmsOf = (stack: string): Alarm[] => {
    const json = synth.read(stack) as { resource?: { aws_cloudwatch_metric_alarm?: Record<string, Alarm> } };
    return Object.values(json.resource?.aws_cloudwatch_metric_alarm ?? {});
  };

  it('finds alarms in every layer', () => {
    for (const layer of ['network', 'data', 'edge', 'service']) {
      expect({ layer, alarms: alarmsOf(`prod-${layer}`).length > 0 }).toEqual({ layer, alarms: true });
    }
  });

  it.each(stacks)('%s: each alarm notifies an alert topic on alarm and on recovery', (stack) => {
    for (const alarm of alarmsOf(stack)) {
      const actions = {
        alarm: alarm.alarm_name,
        onAlarm: alarm.alarm_actions ?? [],
        onOk: alarm.ok_actions ?? [],
      };
      expect(actions).toEqual({
        alarm: alarm.alarm_name,
        onAlarm: [expect.stringMatching(TOPIC)],
        onOk: [expect.stringMatching(TOPIC)],
      });
    }
  });
});
