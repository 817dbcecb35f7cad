import { Token } from 'cdktf';
import { nameViolation } from '../naming';
import {
  BackupPlanProps,
  BackupRuleOptions,
  BackupVaultLockOptions,
  DEFAULT_BACKUP_RULES,
  OffsiteCopyOptions,
  ResolvedBackupPlanProps,
  ResolvedBackupRule,
  ResolvedVaultLock,
} from './backup-plan-props';

/** Longest name prefix: `<prefix>-backup-dr` must fit a backup vault name (50). */
export const MAX_BACKUP_NAME_PREFIX_LENGTH = 40;
/** Longest retention AWS Backup accepts, in days (100 years). */
export const MAX_BACKUP_RETENTION_DAYS = 36500;

const DEFAULT_START_WINDOW_MINUTES = 120;
const DEFAULT_COMPLETION_WINDOW_MINUTES = 480;
// A day, plus the default start (2 h) and completion (8 h) windows, plus 2 h of slack.
const DEFAULT_MAX_HOURS_WITHOUT_BACKUP = 36;
// AWS rejects a shorter start window; the extra hour of completion window lets a job that starts at
// the very end of its start window still finish.
const MIN_START_WINDOW_MINUTES = 60;
const MIN_WINDOW_GAP_MINUTES = 60;
// AWS Backup's minimum grace period of a compliance lock.
const MIN_CHANGEABLE_FOR_DAYS = 3;
// CloudWatch evaluates an alarm over at most 7 days.
const MAX_HOURS_WITHOUT_BACKUP = 168;

const NAME_PREFIX = /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/;
const RULE_NAME = /^[a-zA-Z0-9._-]{1,50}$/;
const CRON = /^cron\((\S+) (\S+) (\S+) (\S+) (\S+) (\S+)\)$/;
const CRON_FIELD = /^[0-9A-Za-z*?,/#-]+$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const VAULT_ARN = /^arn:[a-z-]+:backup:[a-z0-9-]+:\d{12}:backup-vault:[a-zA-Z0-9_-]{2,50}$/;

/**
 * Checks {@link BackupPlanProps} and applies the defaults. What AWS would reject at apply time (or
 * accept and then fail every night with) is rejected here, every problem listed in one error.
 *
 * @throws Error naming each bad field, the value seen and what AWS accepts.
 */
export function resolveBackupPlanProps(props: BackupPlanProps): ResolvedBackupPlanProps {
  const problems: string[] = [];
  checkNamePrefix(props.namePrefix, problems);
  const offsiteCopy = checkOffsiteCopy(props.offsiteCopy, problems);
  const rules = resolveRules(props.rules ?? DEFAULT_BACKUP_RULES, offsiteCopy !== undefined, problems);
  const selectionTag = props.selectionTag ?? { key: 'backup-plan', value: `${props.namePrefix}-backup` };
  checkSelectionTag(selectionTag, problems);
  const maxHoursWithoutBackup = props.maxHoursWithoutBackup ?? DEFAULT_MAX_HOURS_WITHOUT_BACKUP;
  if (!isIntegerIn(maxHoursWithoutBackup, 1, MAX_HOURS_WITHOUT_BACKUP)) {
    problems.push(
      `maxHoursWithoutBackup: must be a whole number of hours, 1-${MAX_HOURS_WITHOUT_BACKUP} (CloudWatch looks back at most 7 days), got ${maxHoursWithoutBackup}`,
    );
  }
  const preventDestroy = props.preventDestroy ?? false;

  let vaultLock: ResolvedVaultLock | undefined;
  let offsiteVaultLock: ResolvedVaultLock | undefined;
  if (props.vaultLock) {
    if (!preventDestroy) {
      problems.push(
        'vaultLock: needs preventDestroy: true; a locked vault whose KMS key can be destroyed is not locked (its recovery points become unreadable)',
      );
    }
    if (checkVaultLockShape(props.vaultLock, problems)) {
      vaultLock = resolveLock(
        props.vaultLock,
        'the vault',
        rules.map((r) => r.retentionDays),
        problems,
      );
      if (offsiteCopy?.region !== undefined) {
        offsiteVaultLock = resolveLock(
          props.vaultLock,
          'the offsite vault',
          rules.map((r) => r.copyRetentionDays ?? r.retentionDays),
          problems,
        );
      }
    }
  }

  if (problems.length > 0) {
    const label = typeof props.namePrefix === 'string' ? ` '${props.namePrefix}'` : '';
    throw new Error(`BackupPlan${label}: invalid props:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return {
    namePrefix: props.namePrefix,
    alarmTopicArn: props.alarmTopicArn,
    rules,
    selectionTag,
    offsiteCopy,
    vaultLock,
    offsiteVaultLock,
    maxHoursWithoutBackup,
    preventDestroy,
  };
}

function checkNamePrefix(namePrefix: string, problems: string[]): void {
  if (typeof namePrefix !== 'string' || !NAME_PREFIX.test(namePrefix)) {
    problems.push(
      `namePrefix: '${namePrefix}' must be letters, digits, '-' and '_', starting with a letter or digit (e.g. platform-prod)`,
    );
    return;
  }
  const longest = `${namePrefix}-backup-dr`;
  if (namePrefix.length > MAX_BACKUP_NAME_PREFIX_LENGTH || nameViolation('backup', longest)) {
    problems.push(
      `namePrefix: '${namePrefix}' is ${namePrefix.length} characters; at most ${MAX_BACKUP_NAME_PREFIX_LENGTH} keep the vault name '${longest}' within AWS Backup's 50`,
    );
  }
}

function checkOffsiteCopy(
  offsite: OffsiteCopyOptions | undefined,
  problems: string[],
): OffsiteCopyOptions | undefined {
  if (offsite === undefined) return undefined;
  const given = [offsite.region, offsite.vaultArn].filter((v) => v !== undefined).length;
  if (given !== 1) {
    problems.push(
      `offsiteCopy: give exactly one of region (a vault this construct creates) and vaultArn (an existing vault), got ${given}`,
    );
    return undefined;
  }
  if (offsite.region !== undefined && !REGION.test(offsite.region)) {
    problems.push(`offsiteCopy.region: '${offsite.region}' is not a region name like eu-central-1`);
  }
  if (
    offsite.vaultArn !== undefined &&
    !Token.isUnresolved(offsite.vaultArn) &&
    !VAULT_ARN.test(offsite.vaultArn)
  ) {
    problems.push(
      `offsiteCopy.vaultArn: '${offsite.vaultArn}' is not a backup vault ARN like arn:aws:backup:eu-central-1:123456789012:backup-vault:name`,
    );
  }
  return offsite;
}

function resolveRules(
  rules: readonly BackupRuleOptions[],
  copies: boolean,
  problems: string[],
): ResolvedBackupRule[] {
  if (rules.length === 0) problems.push('rules: a plan needs at least one rule');
  const seen = new Set<string>();
  return rules.map((rule, i) => {
    const at = `rules[${i}]`;
    if (typeof rule.name !== 'string' || !RULE_NAME.test(rule.name)) {
      problems.push(`${at}.name: '${rule.name}' must be 1-50 letters, digits, '-', '_' or '.'`);
    } else if (seen.has(rule.name)) {
      problems.push(`${at}.name: '${rule.name}' is used by another rule; rule names must be unique`);
    }
    seen.add(rule.name);
    const cronProblem = cronViolation(rule.schedule);
    if (cronProblem) problems.push(`${at}.schedule: '${rule.schedule}' ${cronProblem}`);
    checkRetention(`${at}.retentionDays`, rule.retentionDays, problems);

    const startWindowMinutes = rule.startWindowMinutes ?? DEFAULT_START_WINDOW_MINUTES;
    const completionWindowMinutes = rule.completionWindowMinutes ?? DEFAULT_COMPLETION_WINDOW_MINUTES;
    if (!Number.isInteger(startWindowMinutes) || startWindowMinutes < MIN_START_WINDOW_MINUTES) {
      problems.push(
        `${at}.startWindowMinutes: must be a whole number of minutes, at least ${MIN_START_WINDOW_MINUTES} (AWS Backup's minimum), got ${startWindowMinutes}`,
      );
    }
    if (
      !Number.isInteger(completionWindowMinutes) ||
      completionWindowMinutes < startWindowMinutes + MIN_WINDOW_GAP_MINUTES
    ) {
      problems.push(
        `${at}.completionWindowMinutes: must be a whole number of minutes, at least ${MIN_WINDOW_GAP_MINUTES} more than the start window (${startWindowMinutes}), got ${completionWindowMinutes}`,
      );
    }

    let copyRetentionDays: number | undefined;
    if (copies) {
      copyRetentionDays = rule.copyRetentionDays ?? rule.retentionDays;
      checkRetention(`${at}.copyRetentionDays`, copyRetentionDays, problems);
    } else if (rule.copyRetentionDays !== undefined) {
      problems.push(`${at}.copyRetentionDays: only means something with offsiteCopy, which is not set`);
    }
    return {
      name: rule.name,
      schedule: rule.schedule,
      retentionDays: rule.retentionDays,
      startWindowMinutes,
      completionWindowMinutes,
      ...(copyRetentionDays !== undefined ? { copyRetentionDays } : {}),
    };
  });
}

/** Why a schedule is not an AWS Backup cron expression, or `undefined` when it is one. */
export function cronViolation(schedule: string): string | undefined {
  const match = typeof schedule === 'string' ? CRON.exec(schedule) : null;
  if (!match) {
    return 'is not cron(minutes hours day-of-month month day-of-week year), six fields, e.g. cron(0 5 * * ? *)';
  }
  const [minutes, hours, dayOfMonth, , dayOfWeek] = match.slice(1);
  if (match.slice(1).some((field) => !CRON_FIELD.test(field))) {
    return 'has a field with characters cron does not use';
  }
  if (!/^\d{1,2}$/.test(minutes) || Number(minutes) > 59) {
    return `needs a single minute 0-59 (AWS Backup runs a rule at most hourly), got '${minutes}'`;
  }
  if (/^\d+$/.test(hours) && Number(hours) > 23) return `has hour ${hours}; hours are 0-23 (UTC)`;
  if ((dayOfMonth === '?') === (dayOfWeek === '?')) {
    return "needs '?' in exactly one of day-of-month and day-of-week";
  }
  return undefined;
}

function checkRetention(at: string, days: number, problems: string[]): void {
  if (!isIntegerIn(days, 1, MAX_BACKUP_RETENTION_DAYS)) {
    problems.push(`${at}: must be a whole number of days, 1-${MAX_BACKUP_RETENTION_DAYS}, got ${days}`);
  }
}

function checkSelectionTag(tag: { key: string; value: string }, problems: string[]): void {
  if (typeof tag.key !== 'string' || tag.key.length < 1 || tag.key.length > 128) {
    problems.push(`selectionTag.key: must be 1-128 characters, got '${tag.key}'`);
  }
  if (typeof tag.value !== 'string' || tag.value.length < 1 || tag.value.length > 256) {
    problems.push(`selectionTag.value: must be 1-256 characters, got '${tag.value}'`);
  }
}

/** Checks the lock's own fields; `false` when they are too broken to compare with the rules. */
function checkVaultLockShape(lock: BackupVaultLockOptions, problems: string[]): boolean {
  const before = problems.length;
  if (lock.mode !== 'governance' && lock.mode !== 'compliance') {
    problems.push(`vaultLock.mode: '${lock.mode}' is not governance or compliance`);
  }
  if (lock.mode === 'compliance') {
    if (lock.changeableForDays === undefined) {
      problems.push(
        `vaultLock.changeableForDays: a compliance lock needs it (at least ${MIN_CHANGEABLE_FOR_DAYS}): the days during which the lock can still be removed before it becomes permanent`,
      );
    } else if (
      !Number.isInteger(lock.changeableForDays) ||
      lock.changeableForDays < MIN_CHANGEABLE_FOR_DAYS
    ) {
      problems.push(
        `vaultLock.changeableForDays: must be a whole number of days, at least ${MIN_CHANGEABLE_FOR_DAYS}, got ${lock.changeableForDays}`,
      );
    }
  } else if (lock.changeableForDays !== undefined) {
    problems.push(
      'vaultLock.changeableForDays: only for mode compliance; with it AWS would make this lock a compliance lock',
    );
  }
  for (const field of ['minRetentionDays', 'maxRetentionDays'] as const) {
    const value = lock[field];
    if (value !== undefined) checkRetention(`vaultLock.${field}`, value, problems);
  }
  if (
    lock.minRetentionDays !== undefined &&
    lock.maxRetentionDays !== undefined &&
    lock.minRetentionDays > lock.maxRetentionDays
  ) {
    problems.push(
      `vaultLock: minRetentionDays (${lock.minRetentionDays}) is more than maxRetentionDays (${lock.maxRetentionDays})`,
    );
  }
  return problems.length === before;
}

/** The lock of one vault; every retention going into that vault must fit its bounds, or its jobs fail. */
function resolveLock(
  lock: BackupVaultLockOptions,
  vault: string,
  retentions: number[],
  problems: string[],
): ResolvedVaultLock {
  const valid = retentions.filter((days) => isIntegerIn(days, 1, MAX_BACKUP_RETENTION_DAYS));
  // The default minimum never exceeds a given maximum, so a bad maximum is reported as such.
  const minRetentionDays =
    lock.minRetentionDays ?? Math.min(...valid, lock.maxRetentionDays ?? MAX_BACKUP_RETENTION_DAYS);
  for (const days of valid) {
    if (days < minRetentionDays || (lock.maxRetentionDays !== undefined && days > lock.maxRetentionDays)) {
      const bounds = `${minRetentionDays}-${lock.maxRetentionDays ?? MAX_BACKUP_RETENTION_DAYS}`;
      problems.push(
        `vaultLock: ${vault} would hold recovery points kept ${days} days, outside its lock's ${bounds} days; AWS fails every such job`,
      );
    }
  }
  return {
    mode: lock.mode,
    minRetentionDays,
    ...(lock.maxRetentionDays !== undefined ? { maxRetentionDays: lock.maxRetentionDays } : {}),
    ...(lock.mode === 'compliance' ? { changeableForDays: lock.changeableForDays } : {}),
  };
}

function isIntegerIn(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}
