import {
  estimatedMaxConnections,
  instanceMemoryGib,
  parseDailyWindow,
  parseWeeklyWindow,
  rangeMinutes,
  windowsOverlap,
} from '../../lib/database';

describe('maintenance windows', () => {
  test('a daily window occurs once a day, and may wrap past midnight', () => {
    const daily = parseDailyWindow('23:30-00:30');
    expect(daily).toHaveLength(7);
    expect(daily?.[0]).toEqual([23 * 60 + 30, 24 * 60 + 30]);
    expect(rangeMinutes(daily![0])).toBe(60);
    expect(parseDailyWindow('24:00-01:00')).toBeUndefined();
    expect(parseDailyWindow('03:00')).toBeUndefined();
  });

  test('a weekly window is read in any letter case, and may wrap past Sunday', () => {
    expect(parseWeeklyWindow('Mon:01:00-Mon:02:00')).toEqual([60, 120]);
    const wrapping = parseWeeklyWindow('sun:23:00-mon:01:00');
    expect(wrapping && rangeMinutes(wrapping)).toBe(120);
    expect(parseWeeklyWindow('sun:04:00-05:00')).toBeUndefined();
  });

  test('overlap is found on any day and across the week boundary, and only then', () => {
    const backup = parseDailyWindow('03:00-04:00')!;
    expect(windowsOverlap(backup, parseWeeklyWindow('wed:03:59-wed:05:00')!)).toBe(true);
    expect(windowsOverlap(backup, parseWeeklyWindow('wed:04:00-wed:05:00')!)).toBe(false);
    expect(windowsOverlap(parseDailyWindow('00:00-00:30')!, parseWeeklyWindow('sun:23:30-mon:00:10')!)).toBe(
      true,
    );
  });
});

describe('instance classes', () => {
  test.each([
    ['db.t4g.micro', 1],
    ['db.t3.medium', 4],
    ['db.t4g.2xlarge', 32],
    ['db.m7g.large', 8],
    ['db.m6i.xlarge', 16],
    ['db.m7g.16xlarge', 256],
    ['db.r7g.large', 16],
    ['db.r8g.4xlarge', 128],
  ])('%s has %i GiB', (instanceClass, gib) => {
    expect(instanceMemoryGib(instanceClass)).toBe(gib);
  });

  test('unknown classes are not guessed', () => {
    expect(instanceMemoryGib('db.x2g.large')).toBeUndefined();
    expect(instanceMemoryGib('db.t4g.nano')).toBeUndefined();
  });

  test('max_connections is estimated below the RDS formula, and capped at 5000', () => {
    // RDS: 1 GiB / 9531392 = 112 at most; the real value on db.t4g.micro is lower still.
    expect(estimatedMaxConnections(1)).toBe(84);
    expect(estimatedMaxConnections(512)).toBe(5000);
  });
});
