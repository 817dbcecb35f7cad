const HH_MM = '([01]\\d|2[0-3]):([0-5]\\d)';
const DAY = '(mon|tue|wed|thu|fri|sat|sun)';
const DAILY = new RegExp(`^${HH_MM}-${HH_MM}$`);
const WEEKLY = new RegExp(`^${DAY}:${HH_MM}-${DAY}:${HH_MM}$`);
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const DAY_MINUTES = 24 * 60;
const WEEK_MINUTES = 7 * DAY_MINUTES;

/** A window as minutes of the week, `[start, end)`; `end` may pass the end of the week when the window wraps. */
export type WeekRange = readonly [number, number];

/**
 * The occurrences of a daily window (`hh24:mi-hh24:mi`, UTC) over one week, or `undefined` when the text
 * is not one. A window that ends before it starts wraps past midnight, as RDS reads it.
 */
export function parseDailyWindow(window: string): WeekRange[] | undefined {
  const match = DAILY.exec(window);
  if (!match) return undefined;
  const start = Number(match[1]) * 60 + Number(match[2]);
  const end = Number(match[3]) * 60 + Number(match[4]);
  const length = end > start ? end - start : end + DAY_MINUTES - start;
  return DAYS.map((_, day): WeekRange => [day * DAY_MINUTES + start, day * DAY_MINUTES + start + length]);
}

/**
 * A weekly window (`ddd:hh24:mi-ddd:hh24:mi`, UTC, any letter case) as minutes of the week, or
 * `undefined` when the text is not one. A window that ends before it starts wraps past Sunday.
 */
export function parseWeeklyWindow(window: string): WeekRange | undefined {
  const match = WEEKLY.exec(window.toLowerCase());
  if (!match) return undefined;
  const start = DAYS.indexOf(match[1]) * DAY_MINUTES + Number(match[2]) * 60 + Number(match[3]);
  const end = DAYS.indexOf(match[4]) * DAY_MINUTES + Number(match[5]) * 60 + Number(match[6]);
  return [start, end > start ? end : end + WEEK_MINUTES];
}

/** Length of a window in minutes. */
export function rangeMinutes([start, end]: WeekRange): number {
  return end - start;
}

/** Whether any occurrence of the daily window shares a minute with the weekly window, wrap-around included. */
export function windowsOverlap(daily: readonly WeekRange[], weekly: WeekRange): boolean {
  const shifted = daily.flatMap(([s, e]) => [-WEEK_MINUTES, 0, WEEK_MINUTES].map((by) => [s + by, e + by]));
  return shifted.some(([s, e]) => s < weekly[1] && weekly[0] < e);
}
