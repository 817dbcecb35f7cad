import {
  cacheWindowsOverlap as windowsOverlap,
  parseCacheMaintenanceWindow as parseWeeklyWindow,
  parseSnapshotWindow as parseDailyWindow,
  TimeWindow,
} from '../../lib/cache';

function window(result: ReturnType<typeof parseDailyWindow>): TimeWindow {
  if ('problem' in result) throw new Error(result.problem);
  return result.window;
}

describe('parseDailyWindow', () => {
  test.each([
    ['03:00-04:00', 180, 60],
    ['23:30-00:30', 1410, 60],
    ['00:00-23:59', 0, 1439],
  ])('%s starts at minute %d and lasts %d minutes', (text, start, minutes) => {
    expect(window(parseDailyWindow(text))).toEqual({ start, minutes });
  });

  test.each(['24:00-01:00', '03:00', '03:00-04:60', 'mon:03:00-mon:04:00', '03:00-03:00'])(
    'refuses %s',
    (text) => {
      expect(parseDailyWindow(text)).toHaveProperty('problem');
    },
  );
});

describe('parseWeeklyWindow', () => {
  test.each([
    ['mon:00:00-mon:01:00', 0, 60],
    ['sun:05:00-sun:06:00', 6 * 1440 + 300, 60],
    ['sun:23:00-mon:01:00', 6 * 1440 + 1380, 120],
    ['tue:10:00-wed:10:00', 1440 + 600, 1440],
  ])('%s starts at minute %d of the week and lasts %d minutes', (text, start, minutes) => {
    expect(window(parseWeeklyWindow(text))).toEqual({ start, minutes });
  });

  test.each(['sun:05:00-sun:05:59', 'tue:10:00-wed:10:01', 'sunday:05:00-sunday:06:00', 'sun:5:00-sun:6:00'])(
    'refuses %s',
    (text) => {
      expect(parseWeeklyWindow(text)).toHaveProperty('problem');
    },
  );
});

describe('windowsOverlap', () => {
  const overlap = (daily: string, weekly: string) =>
    windowsOverlap(window(parseDailyWindow(daily)), window(parseWeeklyWindow(weekly)));

  test.each([
    ['03:00-04:00', 'sun:05:00-sun:06:00', false],
    ['04:00-05:00', 'sun:05:00-sun:06:00', false],
    ['06:00-07:00', 'sun:05:00-sun:06:00', false],
    ['05:59-07:00', 'sun:05:00-sun:06:00', true],
    ['04:00-05:01', 'wed:05:00-wed:06:00', true],
    ['23:30-00:30', 'mon:00:00-mon:01:00', true],
    ['23:30-00:30', 'sun:23:00-mon:01:00', true],
    ['01:00-02:00', 'sun:23:00-mon:01:00', false],
    ['00:30-01:30', 'sun:23:00-mon:01:00', true],
    ['12:00-13:00', 'tue:13:00-wed:12:00', false],
  ])('%s and %s: %p', (daily, weekly, expected) => {
    expect(overlap(daily, weekly)).toBe(expected);
  });
});
