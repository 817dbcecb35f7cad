import { Construct } from 'constructs';
import { resources, synthConstructs, TerraformJson, TfResource } from '../support/synth';

/** The alert topic every test wires its alarms to. */
export const TOPIC_ARN = 'arn:aws:sns:eu-west-1:222222222222:platform-prod-alerts';

/** Every alarm of the synthesized stack, by alarm name. */
export function alarmsByName(json: TerraformJson): Record<string, TfResource> {
  const byName: Record<string, TfResource> = {};
  for (const alarm of Object.values(resources(json, 'aws_cloudwatch_metric_alarm'))) {
    byName[alarm.alarm_name as string] = alarm;
  }
  return byName;
}

/** The alarm with this name; fails the test when there is none. */
export function alarmNamed(json: TerraformJson, name: string): TfResource {
  const alarms = alarmsByName(json);
  const alarm = alarms[name];
  if (!alarm) throw new Error(`no alarm ${name}; there are ${Object.keys(alarms).join(', ')}`);
  return alarm;
}

/** The error `build` throws; fails the test when it throws none. */
export function errorOf(build: (scope: Construct) => void): string {
  try {
    synthConstructs(build);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the construct to refuse its props, but it synthesized');
}

/** One metric query of a metric math alarm, as synthesized. */
export interface SynthesizedQuery {
  id: string;
  expression?: string;
  label?: string;
  return_data?: boolean;
  metric?: {
    namespace: string;
    metric_name: string;
    dimensions: Record<string, string>;
    stat: string;
    period: number;
  };
}

/** The metric queries of an alarm, by id. */
export function queriesOf(alarm: TfResource): Record<string, SynthesizedQuery> {
  const queries = (alarm.metric_query ?? []) as SynthesizedQuery[];
  return Object.fromEntries(queries.map((q) => [q.id, q]));
}
