import {
  parseDailyWindow,
  parseWeeklyWindow,
  rangeMinutes,
  WeekRange,
  windowsOverlap,
} from '../database/maintenance-windows';

/**
 * ElastiCache's two time windows, both in UTC: the daily snapshot window `hh24:mi-hh24:mi` and the
 * weekly maintenance window `ddd:hh24:mi-ddd:hh24:mi`. Parsing and overlap are the database's
 * (`lib/database/maintenance-windows.ts`, the same formats); what is ElastiCache's own is the
 * length each window may have, and saying why a text is refused.
 */

const MINUTES_PER_DAY = 24 * 60;

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
export function parseSnapshotWindow(text: string): WindowResult {
  const days = parseDailyWindow(text);
  if (!days) return { problem: `'${text}' is not a daily UTC window hh24:mi-hh24:mi, e.g. 03:00-04:00` };
  // The database's parser reads equal ends as a whole day; for a snapshot it is an empty window.
  const minutes = rangeMinutes(days[0]) % MINUTES_PER_DAY;
  if (minutes < MIN_WINDOW_MINUTES) {
    return {
      problem: `'${text}' lasts ${minutes} minutes; ElastiCache needs at least ${MIN_WINDOW_MINUTES}`,
    };
  }
  return { window: { start: days[0][0], minutes } };
}

/** Parses a weekly maintenance window such as `sun:05:00-sun:06:00` (may cross into Monday). */
export function parseCacheMaintenanceWindow(text: string): WindowResult {
  const week = /^[a-z]{3}:/.test(text) ? parseWeeklyWindow(text) : undefined;
  if (!week) {
    return {
      problem: `'${text}' is not a weekly UTC window ddd:hh24:mi-ddd:hh24:mi in lower case, e.g. sun:05:00-sun:06:00`,
    };
  }
  const minutes = rangeMinutes(week);
  if (minutes < MIN_WINDOW_MINUTES || minutes > MAX_MAINTENANCE_WINDOW_MINUTES) {
    return {
      problem: `'${text}' lasts ${minutes} minutes; ElastiCache needs ${MIN_WINDOW_MINUTES} minutes to 24 hours`,
    };
  }
  return { window: { start: week[0], minutes } };
}

/** Whether a daily window, repeated every day of the week, meets a weekly window. */
export function cacheWindowsOverlap(daily: TimeWindow, weekly: TimeWindow): boolean {
  const days = Array.from({ length: 7 }, (_, day): WeekRange => {
    const start = day * MINUTES_PER_DAY + daily.start;
    return [start, start + daily.minutes];
  });
  return windowsOverlap(days, [weekly.start, weekly.start + weekly.minutes]);
}
