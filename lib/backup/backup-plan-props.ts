/** One rule of a backup plan: when AWS Backup takes a recovery point and how long it keeps it. */
export interface BackupRuleOptions {
  /** Rule name, unique in the plan: 1-50 letters, digits, `-`, `_` or `.`, e.g. `daily`. */
  readonly name: string;
  /**
   * When a backup starts, as an AWS cron expression in UTC:
   * `cron(minutes hours day-of-month month day-of-week year)`, one of the two day fields `?`, and a
   * single minute (AWS Backup runs a rule at most hourly), e.g. `cron(0 5 * * ? *)` for 05:00 daily.
   */
  readonly schedule: string;
  /** Days each recovery point is kept in the primary vault (1-36500). */
  readonly retentionDays: number;
  /** Minutes a due backup may wait to start before AWS Backup gives up on it (the job ends EXPIRED, which alerts); at least 60. @default 120 */
  readonly startWindowMinutes?: number;
  /** Minutes a started backup may run before AWS Backup cancels it; at least 60 more than the start window. @default 480 */
  readonly completionWindowMinutes?: number;
  /** Days the offsite copy of each recovery point is kept (1-36500); only with {@link BackupPlanProps.offsiteCopy}. @default retentionDays */
  readonly copyRetentionDays?: number;
}

/** Where the offsite copy of every recovery point goes: give exactly one of `region` and `vaultArn`. */
export interface OffsiteCopyOptions {
  /** Region of an offsite vault this construct creates, with its own KMS key there, e.g. `eu-central-1`. Must not be the stack's region. @default none */
  readonly region?: string;
  /** ARN of an existing vault to copy into instead (e.g. in a central backup account); its access policy and key must admit this account. @default none */
  readonly vaultArn?: string;
}

/**
 * `governance`: principals allowed `backup:DeleteBackupVaultLockConfiguration` can still lift the lock.
 * `compliance`: once `changeableForDays` have passed, nobody (not the account root, not AWS) can lift
 * the lock, shorten a retention or delete a recovery point before it expires. Irreversible.
 */
export type VaultLockMode = 'governance' | 'compliance';

/** AWS Backup Vault Lock on the vaults this construct creates (WORM: no early deletion). */
export interface BackupVaultLockOptions {
  /** How binding the lock is; see {@link VaultLockMode}. */
  readonly mode: VaultLockMode;
  /** Shortest retention the vault accepts; a backup or copy kept for less fails. @default the shortest retention of the recovery points going into that vault */
  readonly minRetentionDays?: number;
  /** Longest retention the vault accepts; a backup or copy kept for longer fails. @default no upper bound (a compliance lock could never be raised later) */
  readonly maxRetentionDays?: number;
  /** `compliance` only, and required there: days (at least 3) during which the lock can still be removed. After them it is permanent. */
  readonly changeableForDays?: number;
}

/** Tag that puts a resource in the plan: every resource carrying it (exact key and value) is backed up. */
export interface BackupSelectionTag {
  /** Tag key, 1-128 characters. */
  readonly key: string;
  /** Tag value, 1-256 characters. */
  readonly value: string;
}

/** Props of {@link BackupPlan}. */
export interface BackupPlanProps {
  /** Prefix of every name, e.g. `platform-prod`: letters, digits, `-` and `_`, at most 40 characters (the offsite vault `<namePrefix>-backup-dr` must fit AWS Backup's 50). */
  readonly namePrefix: string;
  /** The environment's alert topic: told of failed backup and copy jobs, completed restores, and hours without a backup. Its policy and key must admit backup, events and cloudwatch (AlertTopic's do). */
  readonly alarmTopicArn: string;
  /** The rules of the plan. @default {@link DEFAULT_BACKUP_RULES}: daily kept 7 days, weekly 28, monthly 93, all at 05:00 UTC */
  readonly rules?: BackupRuleOptions[];
  /** Resources carrying this tag are backed up. Per plan, so two environments sharing an account never back up each other. @default { key: 'backup-plan', value: '<namePrefix>-backup' } */
  readonly selectionTag?: BackupSelectionTag;
  /** Copy every recovery point to a vault in another region, for the loss of the primary region. @default no offsite copy */
  readonly offsiteCopy?: OffsiteCopyOptions;
  /** Lock the vaults this construct creates against early deletion; needs `preventDestroy`. @default no lock */
  readonly vaultLock?: BackupVaultLockOptions;
  /** Hours without a completed backup job in the vault before the alarm fires (1-168): a day, plus the default 2 h start and 8 h completion windows, plus 2 h, so a slow but successful job never pages. @default 36 */
  readonly maxHoursWithoutBackup?: number;
  /** Refuse `terraform destroy` of the vaults, their keys and locks, and the backup role (which also expires recovery points). @default false */
  readonly preventDestroy?: boolean;
}

/** Retention of the three standard rules, in the units people think in. */
export interface StandardBackupRetention {
  /** Days a daily recovery point is kept. @default 7 */
  readonly dailyRetentionDays?: number;
  /** Weeks a weekly (Sunday) recovery point is kept. @default 4 */
  readonly weeklyRetentionWeeks?: number;
  /** Months a monthly (1st of the month) recovery point is kept; a month counts 31 days, so at least that many are always kept. @default 3 */
  readonly monthlyRetentionMonths?: number;
}

/**
 * The daily, weekly and monthly rules, all at 05:00 UTC. They deliberately share the hour: when
 * rules of one plan fall due together, AWS Backup takes one recovery point and keeps it for the
 * longest of their retentions, so Sunday's and the 1st's backups cost no extra snapshot.
 * 05:00 keeps the jobs an hour clear of the database's default backup window (02:00-02:30) and
 * maintenance window (Sunday 03:00-04:00): an RDS snapshot job that runs into either is delayed
 * and can expire. Move these if you move those.
 */
export function standardBackupRules(retention: StandardBackupRetention = {}): BackupRuleOptions[] {
  return [
    { name: 'daily', schedule: 'cron(0 5 * * ? *)', retentionDays: retention.dailyRetentionDays ?? 7 },
    {
      name: 'weekly',
      schedule: 'cron(0 5 ? * SUN *)',
      retentionDays: 7 * (retention.weeklyRetentionWeeks ?? 4),
    },
    {
      name: 'monthly',
      schedule: 'cron(0 5 1 * ? *)',
      retentionDays: 31 * (retention.monthlyRetentionMonths ?? 3),
    },
  ];
}

/** The rules a plan gets when none are given: daily 7 days, weekly 4 weeks, monthly 3 months. */
export const DEFAULT_BACKUP_RULES: readonly BackupRuleOptions[] = standardBackupRules();

/** A rule with every default applied. */
export type ResolvedBackupRule = Required<Omit<BackupRuleOptions, 'copyRetentionDays'>> & {
  /** Days the offsite copy is kept; `undefined` when the plan has no offsite copy. */
  readonly copyRetentionDays?: number;
};

/** A vault lock with the retention bounds of one vault worked out. */
export interface ResolvedVaultLock {
  readonly mode: VaultLockMode;
  readonly minRetentionDays: number;
  readonly maxRetentionDays?: number;
  readonly changeableForDays?: number;
}

/** {@link BackupPlanProps} validated, with every default applied. */
export interface ResolvedBackupPlanProps {
  readonly namePrefix: string;
  readonly alarmTopicArn: string;
  readonly rules: readonly ResolvedBackupRule[];
  readonly selectionTag: BackupSelectionTag;
  readonly offsiteCopy?: OffsiteCopyOptions;
  /** The lock of the primary vault. */
  readonly vaultLock?: ResolvedVaultLock;
  /** The lock of the offsite vault, when this construct creates it. */
  readonly offsiteVaultLock?: ResolvedVaultLock;
  readonly maxHoursWithoutBackup: number;
  readonly preventDestroy: boolean;
}
