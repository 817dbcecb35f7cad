import type { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Token } from 'cdktf';

/** A construct that owns one CloudWatch alarm: {@link ThresholdAlarm}, {@link MetricMathAlarm}. */
export interface AlarmConstruct {
  /** The alarm. */
  readonly alarm: CloudwatchMetricAlarm;
}

/** What missing data counts as, in CloudWatch's words. */
export type MissingDataTreatment = 'missing' | 'notBreaching' | 'breaching' | 'ignore';

/** When an alarm looks at its metric: the period and how many periods must breach. */
export interface AlarmTiming {
  /** Length of one evaluation period, in seconds (a multiple of 60). @default 300 */
  readonly periodSeconds?: number;
  /** Periods looked at. @default 3 */
  readonly evaluationPeriods?: number;
  /** Periods out of {@link evaluationPeriods} that must breach. @default evaluationPeriods */
  readonly datapointsToAlarm?: number;
}

/** {@link AlarmTiming} with its defaults applied and checked. */
export interface ResolvedAlarmTiming {
  /** Seconds per period. */
  readonly period: number;
  /** Periods looked at. */
  readonly evaluationPeriods: number;
  /** Periods that must breach. */
  readonly datapointsToAlarm: number;
}

/** A percentile statistic, `p0` to `p99.9...` (CloudWatch also accepts `p100`). */
export const PERCENTILE = /^p(\d{1,2}(\.\d+)?|100)$/;
/** The plain statistics CloudWatch computes. */
export const STATISTICS = ['Average', 'Maximum', 'Minimum', 'Sum', 'SampleCount'];

/** Longest alarm description CloudWatch accepts (PutMetricAlarm AlarmDescription). */
export const MAX_ALARM_DESCRIPTION_LENGTH = 1024;

/** Throws when a description is empty or longer than CloudWatch accepts (checked when it holds no reference). */
export function assertDescription(where: string, description: string): void {
  if (description.trim().length === 0)
    throw new Error(`${where}: description is empty; say what to check first`);
  if (!Token.isUnresolved(description) && description.length > MAX_ALARM_DESCRIPTION_LENGTH) {
    throw new Error(
      `${where}: description is ${description.length} characters; CloudWatch accepts at most ${MAX_ALARM_DESCRIPTION_LENGTH}`,
    );
  }
}

/** Throws when `statistic` is neither a plain statistic nor a percentile; `where` names the alarm. */
export function assertStatistic(where: string, statistic: string): void {
  if (!STATISTICS.includes(statistic) && !PERCENTILE.test(statistic)) {
    throw new Error(`${where}: statistic '${statistic}' is not one of ${STATISTICS.join(', ')} or pNN`);
  }
}

/** Applies the timing defaults (5-minute periods, 3 of 3) and throws on what CloudWatch would refuse. */
export function resolveAlarmTiming(where: string, timing: AlarmTiming): ResolvedAlarmTiming {
  const period = timing.periodSeconds ?? 300;
  const evaluationPeriods = timing.evaluationPeriods ?? 3;
  const datapointsToAlarm = timing.datapointsToAlarm ?? evaluationPeriods;
  if (!Number.isInteger(period) || period < 60 || period % 60 !== 0) {
    throw new Error(`${where}: periodSeconds must be a multiple of 60, got ${period}`);
  }
  if (!Number.isInteger(evaluationPeriods) || evaluationPeriods < 1) {
    throw new Error(`${where}: evaluationPeriods must be at least 1, got ${evaluationPeriods}`);
  }
  if (
    !Number.isInteger(datapointsToAlarm) ||
    datapointsToAlarm < 1 ||
    datapointsToAlarm > evaluationPeriods
  ) {
    throw new Error(`${where}: datapointsToAlarm must be 1-${evaluationPeriods}, got ${datapointsToAlarm}`);
  }
  return { period, evaluationPeriods, datapointsToAlarm };
}
