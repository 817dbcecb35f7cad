/**
 * Parsing and overlap checks for ElastiCache's two time windows, both in UTC: the daily snapshot
 * window `hh24:mi-hh24:mi` and the weekly maintenance window `ddd:hh24:mi-ddd:hh24:mi`.
 */

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const MINUTES_PER_DAY = 24 * 60;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
const TIME = '([01]\\d|2[0-3]):([0-5]\\d)';
const DAILY = new RegExp(`^${TIME}-${TIME}$`);
const WEEKLY = new RegExp(`^(${DAYS.join('|')}):${TIME}-(${DAYS.join('|')}):${TIME}$`);

/** ElastiCache's shortest window, for both kinds, in minutes. */
export const MIN_WINDOW_MINUTES = 60;
/** ElastiCache's longest maintenance window, in minutes. */
export const MAX_MAINTENANCE_WINDOW_MINUTES = MINUTES_PER_DAY;

/** A window as its start and length in minutes; a start past the end of the day or week wraps. */
export interface TimeWindow {
  /** Minutes after 00:00 (daily) or after Monday 00:00 (weekly). */
  readonly start: number;
  /** Length in minutes. */
  readonly minutes: number;
}

/** A window, or why the text is not one. */
export type WindowResult = { readonly window: TimeWindow } | { readonly problem: string };

/** Parses a daily snapshot window such as `03:00-04:00` (may cross midnight: `23:30-00:30`). */
export function parseDailyWindow(text: string): WindowResult {
  const match = DAILY.exec(text);
  if (!match) return { problem: `'${text}' is not a daily UTC window hh24:mi-hh24:mi, e.g. 03:00-04:00` };
  const start = Number(match[1]) * 60 + Number(match[2]);
  const end = Number(match[3]) * 60 + Number(match[4]);
  const minutes = (end - start + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  if (minutes < MIN_WINDOW_MINUTES) {
    return {
      problem: `'${text}' lasts ${minutes} minutes; ElastiCache needs at least ${MIN_WINDOW_MINUTES}`,
    };
  }
  return { window: { start, minutes } };
}

/** Parses a weekly maintenance window such as `sun:05:00-sun:06:00` (may cross into Monday). */
export function parseWeeklyWindow(text: string): WindowResult {
  const match = WEEKLY.exec(text);
  if (!match) {
    return {
      problem: `'${text}' is not a weekly UTC window ddd:hh24:mi-ddd:hh24:mi in lower case, e.g. sun:05:00-sun:06:00`,
    };
  }
  const at = (day: string, hours: string, mins: string): number =>
    DAYS.indexOf(day as (typeof DAYS)[number]) * MINUTES_PER_DAY + Number(hours) * 60 + Number(mins);
  const start = at(match[1], match[2], match[3]);
  const end = at(match[4], match[5], match[6]);
  const minutes = (end - start + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
  if (minutes < MIN_WINDOW_MINUTES || minutes > MAX_MAINTENANCE_WINDOW_MINUTES) {
    return {
      problem: `'${text}' lasts ${minutes} minutes; ElastiCache needs ${MIN_WINDOW_MINUTES} minutes to 24 hours`,
    };
  }
  return { window: { start, minutes } };
}

/** Whether a daily window, repeated every day of the week, meets a weekly window. */
export function windowsOverlap(daily: TimeWindow, weekly: TimeWindow): boolean {
  const weeklyRanges = segments(weekly.start, weekly.minutes);
  for (let day = 0; day < DAYS.length; day++) {
    for (const [a0, a1] of segments(day * MINUTES_PER_DAY + daily.start, daily.minutes)) {
      if (weeklyRanges.some(([b0, b1]) => a0 < b1 && b0 < a1)) return true;
    }
  }
  return false;
}

/** A range of the week as half-open [start, end) pieces that do not wrap past Sunday 24:00. */
function segments(start: number, minutes: number): Array<[number, number]> {
  const from = start % MINUTES_PER_WEEK;
  const to = from + minutes;
  return to <= MINUTES_PER_WEEK
    ? [[from, to]]
    : [
        [from, MINUTES_PER_WEEK],
        [0, to - MINUTES_PER_WEEK],
      ];
}
