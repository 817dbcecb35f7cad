import {
  BackupPlanProps,
  BackupRuleOptions,
  cronViolation,
  DEFAULT_BACKUP_RULES,
  resolveBackupPlanProps,
  standardBackupRules,
} from '../../lib/backup';
import { BASE_PROPS, errorFor } from './synth-backup';

const DAILY: BackupRuleOptions = { name: 'daily', schedule: 'cron(0 5 * * ? *)', retentionDays: 7 };
const rule = (overrides: Partial<BackupRuleOptions>): BackupRuleOptions[] => [{ ...DAILY, ...overrides }];
const REGION_COPY = { offsiteCopy: { region: 'eu-central-1' } };
const LOCKED = { preventDestroy: true };

// Casts for values the TypeScript types already refuse: a JavaScript caller or a bad cast can pass them.
const untyped = <T>(value: unknown): T => value as T;

describe('BackupPlan props validation', () => {
  test.each<[string, Partial<BackupPlanProps>, RegExp]>([
    [
      'name prefix with a space',
      { namePrefix: 'platform prod' },
      /namePrefix: 'platform prod' must be letters, digits, '-' and '_'/,
    ],
    [
      'name prefix too long for the offsite vault name',
      { namePrefix: 'p'.repeat(41) },
      /is 41 characters; at most 40 keep the vault name 'p{41}-backup-dr' within AWS Backup's 50/,
    ],
    ['no rule', { rules: [] }, /rules: a plan needs at least one rule/],
    [
      'rule name with a space',
      { rules: rule({ name: 'every day' }) },
      /rules\[0\]\.name: 'every day' must be 1-50 letters, digits/,
    ],
    [
      'rule name of 51 characters',
      { rules: rule({ name: 'r'.repeat(51) }) },
      /rules\[0\]\.name: 'r{51}' must be 1-50/,
    ],
    [
      'two rules of one name',
      { rules: [DAILY, { ...DAILY, retentionDays: 14 }] },
      /rules\[1\]\.name: 'daily' is used by another rule/,
    ],
    [
      'rate expression',
      { rules: rule({ schedule: 'rate(1 day)' }) },
      /rules\[0\]\.schedule: 'rate\(1 day\)' is not cron\(minutes hours day-of-month month day-of-week year\)/,
    ],
    ['five-field cron', { rules: rule({ schedule: 'cron(0 5 * * ?)' }) }, /is not cron\(minutes hours/],
    [
      'no ? in the day fields',
      { rules: rule({ schedule: 'cron(0 5 * * * *)' }) },
      /needs '\?' in exactly one of day-of-month and day-of-week/,
    ],
    [
      '? in both day fields',
      { rules: rule({ schedule: 'cron(0 5 ? * ? *)' }) },
      /needs '\?' in exactly one of/,
    ],
    [
      'more often than hourly',
      { rules: rule({ schedule: 'cron(*/30 * * * ? *)' }) },
      /needs a single minute 0-59 \(AWS Backup runs a rule at most hourly\), got '\*\/30'/,
    ],
    ['minute 60', { rules: rule({ schedule: 'cron(60 3 * * ? *)' }) }, /needs a single minute 0-59/],
    ['hour 24', { rules: rule({ schedule: 'cron(0 24 * * ? *)' }) }, /has hour 24; hours are 0-23 \(UTC\)/],
    [
      'retention of 0 days',
      { rules: rule({ retentionDays: 0 }) },
      /rules\[0\]\.retentionDays: must be a whole number of days, 1-36500, got 0/,
    ],
    [
      'retention of half a day',
      { rules: rule({ retentionDays: 1.5 }) },
      /rules\[0\]\.retentionDays: .* got 1\.5/,
    ],
    ['retention beyond 100 years', { rules: rule({ retentionDays: 36501 }) }, /got 36501/],
    [
      'start window under an hour',
      { rules: rule({ startWindowMinutes: 59 }) },
      /rules\[0\]\.startWindowMinutes: must be a whole number of minutes, at least 60 \(AWS Backup's minimum\), got 59/,
    ],
    [
      'completion window too close to the start window',
      { rules: rule({ startWindowMinutes: 120, completionWindowMinutes: 150 }) },
      /rules\[0\]\.completionWindowMinutes: .* at least 60 more than the start window \(120\), got 150/,
    ],
    [
      'copy retention without an offsite copy',
      { rules: rule({ copyRetentionDays: 30 }) },
      /rules\[0\]\.copyRetentionDays: only means something with offsiteCopy/,
    ],
    [
      'copy retention of 0 days',
      { ...REGION_COPY, rules: rule({ copyRetentionDays: 0 }) },
      /rules\[0\]\.copyRetentionDays: must be a whole number of days, 1-36500, got 0/,
    ],
    [
      'offsite copy with both a region and a vault',
      {
        offsiteCopy: {
          region: 'eu-central-1',
          vaultArn: 'arn:aws:backup:eu-central-1:123456789012:backup-vault:dr',
        },
      },
      /offsiteCopy: give exactly one of region .* and vaultArn .*, got 2/,
    ],
    ['offsite copy with neither', { offsiteCopy: {} }, /offsiteCopy: give exactly one .* got 0/],
    [
      'offsite region that is an AZ',
      { offsiteCopy: { region: 'eu-central-1a' } },
      /offsiteCopy\.region: 'eu-central-1a' is not a region name like eu-central-1/,
    ],
    [
      'offsite vault ARN of a bucket',
      { offsiteCopy: { vaultArn: 'arn:aws:s3:::dr-bucket' } },
      /offsiteCopy\.vaultArn: 'arn:aws:s3:::dr-bucket' is not a backup vault ARN/,
    ],
    [
      'empty selection tag key',
      { selectionTag: { key: '', value: 'x' } },
      /selectionTag\.key: must be 1-128 characters/,
    ],
    [
      'selection tag value of 257 characters',
      { selectionTag: { key: 'k', value: 'v'.repeat(257) } },
      /selectionTag\.value: must be 1-256 characters/,
    ],
    [
      'alarm after 0 hours',
      { maxHoursWithoutBackup: 0 },
      /maxHoursWithoutBackup: must be a whole number of hours, 1-168 .* got 0/,
    ],
    [
      "alarm window beyond CloudWatch's 7 days",
      { maxHoursWithoutBackup: 169 },
      /maxHoursWithoutBackup: .* got 169/,
    ],
    [
      'vault lock without preventDestroy',
      { vaultLock: { mode: 'governance' } },
      /vaultLock: needs preventDestroy: true; a locked vault whose KMS key can be destroyed is not locked/,
    ],
    [
      'compliance lock without a grace period',
      { ...LOCKED, vaultLock: { mode: 'compliance' } },
      /vaultLock\.changeableForDays: a compliance lock needs it \(at least 3\)/,
    ],
    [
      'compliance lock with a 2-day grace period',
      { ...LOCKED, vaultLock: { mode: 'compliance', changeableForDays: 2 } },
      /vaultLock\.changeableForDays: must be a whole number of days, at least 3, got 2/,
    ],
    [
      'governance lock with a grace period',
      { ...LOCKED, vaultLock: { mode: 'governance', changeableForDays: 3 } },
      /vaultLock\.changeableForDays: only for mode compliance; with it AWS would make this lock a compliance lock/,
    ],
    [
      'unknown lock mode',
      { ...LOCKED, vaultLock: { mode: untyped('strict') } },
      /vaultLock\.mode: 'strict' is not governance or compliance/,
    ],
    [
      'lock minimum above its maximum',
      { ...LOCKED, vaultLock: { mode: 'governance', minRetentionDays: 30, maxRetentionDays: 7 } },
      /vaultLock: minRetentionDays \(30\) is more than maxRetentionDays \(7\)/,
    ],
    [
      'lock minimum of 0 days',
      { ...LOCKED, vaultLock: { mode: 'governance', minRetentionDays: 0 } },
      /vaultLock\.minRetentionDays: must be a whole number of days, 1-36500, got 0/,
    ],
    [
      'a rule kept longer than the lock allows',
      { ...LOCKED, vaultLock: { mode: 'governance', maxRetentionDays: 30 } },
      /vaultLock: the vault would hold recovery points kept 93 days, outside its lock's 7-30 days; AWS fails every such job/,
    ],
    [
      'a rule kept shorter than the lock requires',
      { ...LOCKED, vaultLock: { mode: 'governance', minRetentionDays: 14 } },
      /vaultLock: the vault would hold recovery points kept 7 days, outside its lock's 14-36500 days/,
    ],
    [
      'a copy kept longer than the offsite lock allows',
      {
        ...LOCKED,
        ...REGION_COPY,
        rules: rule({ copyRetentionDays: 60 }),
        vaultLock: { mode: 'governance', maxRetentionDays: 30 },
      },
      /vaultLock: the offsite vault would hold recovery points kept 60 days, outside its lock's 30-30 days/,
    ],
  ])('rejects %s', (_, overrides, message) => {
    expect(errorFor(overrides)).toMatch(message);
  });

  test('lists every problem in one error, prefixed with the plan', () => {
    const message = errorFor({
      rules: rule({ retentionDays: 0, startWindowMinutes: 10 }),
      maxHoursWithoutBackup: 0,
      selectionTag: { key: '', value: 'x' },
    });
    expect(message).toMatch(/^BackupPlan 'platform-prod': invalid props:\n/);
    expect(message.split('\n').filter((line) => line.startsWith('  - '))).toHaveLength(4);
  });

  test('accepts the defaults and a fully specified production plan', () => {
    expect(() => resolveBackupPlanProps(BASE_PROPS)).not.toThrow();
    expect(() =>
      resolveBackupPlanProps({
        ...BASE_PROPS,
        rules: standardBackupRules({ dailyRetentionDays: 14 }),
        offsiteCopy: { region: 'eu-central-1' },
        vaultLock: { mode: 'compliance', changeableForDays: 3 },
        preventDestroy: true,
        maxHoursWithoutBackup: 168,
      }),
    ).not.toThrow();
  });

  test('applies the documented defaults', () => {
    const settings = resolveBackupPlanProps(BASE_PROPS);
    expect(settings.rules).toEqual(
      DEFAULT_BACKUP_RULES.map((r) => ({ ...r, startWindowMinutes: 120, completionWindowMinutes: 480 })),
    );
    expect(settings).toMatchObject({
      selectionTag: { key: 'backup-plan', value: 'platform-prod-backup' },
      maxHoursWithoutBackup: 36,
      preventDestroy: false,
    });
    expect(settings.offsiteCopy).toBeUndefined();
    expect(settings.vaultLock).toBeUndefined();
  });
});

describe('cronViolation', () => {
  test.each([
    'cron(0 5 * * ? *)',
    'cron(0 5 ? * SUN *)',
    'cron(30 1 1 * ? *)',
    'cron(0 */6 * * ? *)',
    'cron(0 5 ? * MON-FRI *)',
    'cron(0 4 L * ? *)',
  ])('accepts %s', (schedule) => {
    expect(cronViolation(schedule)).toBeUndefined();
  });
});

describe('standardBackupRules', () => {
  test('turns days, weeks and months into days; a month counts 31 so N monthly points are always kept', () => {
    expect(
      standardBackupRules({ dailyRetentionDays: 14, weeklyRetentionWeeks: 8, monthlyRetentionMonths: 12 }),
    ).toEqual([
      { name: 'daily', schedule: 'cron(0 5 * * ? *)', retentionDays: 14 },
      { name: 'weekly', schedule: 'cron(0 5 ? * SUN *)', retentionDays: 56 },
      { name: 'monthly', schedule: 'cron(0 5 1 * ? *)', retentionDays: 372 },
    ]);
  });

  test('defaults to keep 7 daily, 4 weekly and 3 monthly', () => {
    expect(standardBackupRules().map((r) => r.retentionDays)).toEqual([7, 28, 93]);
    expect(DEFAULT_BACKUP_RULES).toEqual(standardBackupRules());
  });
});
