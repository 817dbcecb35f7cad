import { App } from 'cdktf';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadEnvironments } from '../../config/load';
import { buildStacks } from '../../stacks/app';

interface Alarm {
  alarm_name: string;
  alarm_actions?: string[];
  ok_actions?: string[];
}

/** An SNS topic of the environment: the network stack's (remote state) or one made in the same stack. */
const TOPIC =
  /^\$\{(data\.terraform_remote_state\.network-state\.outputs\.alertTopicArn|aws_sns_topic\.[\w-]+\.arn)\}$/;

describe('every alarm of every stack notifies someone', () => {
  const outdir = mkdtempSync(path.join(tmpdir(), 'alarm-actions-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));
  const app = new App({ outdir, stackTraces: false });
  buildStacks(app, loadEnvironments('config/environments'));
  app.synth();
  const stacks = readdirSync(path.join(outdir, 'stacks'));
  const alarmsOf = (stack: string): Alarm[] => {
    const json = JSON.parse(readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as {
      resource?: { aws_cloudwatch_metric_alarm?: Record<string, Alarm> };
    };
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
