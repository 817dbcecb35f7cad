import { TerraformVariable, Testing } from 'cdktf';
import { BACKUP_MANAGED_POLICIES, BackupPlan } from '../../lib/backup';
import { list, policyOf, ref, resources, statement, TerraformJson } from '../support/synth';
import { BASE_PROPS, planRules, resourceAt, synthBackup, TOPIC_ARN } from './synth-backup';

const VAULT = 'aws_backup_vault';
const KEY = 'aws_kms_key';

/** The Terraform expression of the stack's partition (from awsContext). */
function partitionOf(json: TerraformJson): string {
  const [name] = Object.keys(json.data?.aws_partition ?? {});
  return `\${data.aws_partition.${name}.partition}`;
}

describe('BackupPlan defaults', () => {
  const json = synthBackup();
  const [vaultName, vault] = resourceAt(json, VAULT, '_vault_');
  const [keyName, key] = resourceAt(json, KEY, '_vault_key');
  const [roleName, role] = resourceAt(json, 'aws_iam_role', '_role_');
  const [planName] = Object.entries(resources(json, 'aws_backup_plan'))[0];
  const vaultRef = (attribute: string) => ref(VAULT, vaultName, attribute);

  test('one vault, encrypted with its own rotating key, never force-destroyed, not protected', () => {
    expect(Object.keys(resources(json, VAULT))).toHaveLength(1);
    expect(Object.keys(resources(json, KEY))).toHaveLength(1);
    expect(vault).toEqual({
      name: 'platform-prod-backup',
      kms_key_arn: ref(KEY, keyName, 'arn'),
      force_destroy: false,
    });
    expect(key.enable_key_rotation).toBe(true);
    expect(key.lifecycle).toBeUndefined();
    expect(key.region).toBeUndefined();
    expect(resourceAt(json, 'aws_kms_alias', '_vault_key')[1].name).toBe('alias/platform-prod-backup');
  });

  test('daily, weekly and monthly rules at 05:00 UTC keep 7, 28 and 93 days, in the vault, with no copy', () => {
    const rules = planRules(json);
    expect(Object.keys(rules).sort()).toEqual(['daily', 'monthly', 'weekly']);
    const expected: Record<string, [string, number]> = {
      daily: ['cron(0 5 * * ? *)', 7],
      weekly: ['cron(0 5 ? * SUN *)', 28],
      monthly: ['cron(0 5 1 * ? *)', 93],
    };
    for (const [name, [schedule, days]] of Object.entries(expected)) {
      expect(rules[name]).toEqual({
        rule_name: name,
        schedule,
        start_window: 120,
        completion_window: 480,
        lifecycle: { delete_after: days },
        target_vault_name: vaultRef('name'),
      });
    }
  });

  test('the plan is named after the prefix', () => {
    expect(resources(json, 'aws_backup_plan')[planName].name).toBe('platform-prod-backup');
  });

  test('selects exactly the resources tagged backup-plan=platform-prod-backup, with the backup role', () => {
    const [, selection] = resourceAt(json, 'aws_backup_selection', 'selection');
    expect(selection).toMatchObject({
      name: 'platform-prod-tagged',
      plan_id: ref('aws_backup_plan', planName),
      iam_role_arn: ref('aws_iam_role', roleName, 'arn'),
      selection_tag: [{ type: 'STRINGEQUALS', key: 'backup-plan', value: 'platform-prod-backup' }],
    });
    expect(selection.resources).toBeUndefined();
    expect(selection.condition).toBeUndefined();
    const waitsFor = Object.keys(resources(json, 'aws_iam_role_policy_attachment'))
      .map((name) => `aws_iam_role_policy_attachment.${name}`)
      .concat(Object.keys(resources(json, 'aws_iam_role_policy')).map((n) => `aws_iam_role_policy.${n}`));
    expect(waitsFor).toHaveLength(3);
    expect([...(selection.depends_on ?? [])].sort()).toEqual(waitsFor.sort());
  });

  test('the role is trusted by AWS Backup only and carries the backup and restore managed policies', () => {
    expect(role.name).toBe('platform-prod-backup');
    expect(role.lifecycle).toBeUndefined();
    expect(policyOf(role, 'assume_role_policy').Statement).toEqual([
      {
        Sid: 'AwsBackupAssumesRole',
        Effect: 'Allow',
        Principal: { Service: 'backup.amazonaws.com' },
        Action: 'sts:AssumeRole',
      },
    ]);
    const attached = Object.values(resources(json, 'aws_iam_role_policy_attachment'));
    expect(attached.map((a) => a.policy_arn).sort()).toEqual(
      BACKUP_MANAGED_POLICIES.map(
        (name) => `arn:${partitionOf(json)}:iam::aws:policy/service-role/${name}`,
      ).sort(),
    );
    expect(attached.every((a) => a.role === ref('aws_iam_role', roleName, 'name'))).toBe(true);
  });

  test('the role may use the vault key, and grant it only to AWS resources', () => {
    const [, inline] = resourceAt(json, 'aws_iam_role_policy', 'vault-keys');
    const policy = policyOf(inline);
    const keyArn = ref(KEY, keyName, 'arn');
    expect(statement(policy, 'UseVaultKeys').Resource).toEqual([keyArn]);
    expect(statement(policy, 'GrantVaultKeysToAwsServices')).toMatchObject({
      Action: 'kms:CreateGrant',
      Resource: [keyArn],
      Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    });
    for (const s of policy.Statement) expect(list(s.Resource)).not.toContain('*');
  });

  test('a failed, aborted or expired backup job into this vault is sent to the alert topic', () => {
    const [ruleName, rule] = resourceAt(json, 'aws_cloudwatch_event_rule', 'backup-job-failed');
    expect(rule.name).toBe('platform-prod-backup-job-failed');
    expect(JSON.parse(rule.event_pattern as string)).toEqual({
      source: ['aws.backup'],
      'detail-type': ['Backup Job State Change'],
      detail: {
        state: ['FAILED', 'ABORTED', 'EXPIRED', 'PARTIAL'],
        backupVaultName: ['platform-prod-backup'],
      },
    });
    const [, target] = resourceAt(json, 'aws_cloudwatch_event_target', 'backup-job-failed');
    expect(target).toMatchObject({
      rule: ref('aws_cloudwatch_event_rule', ruleName, 'name'),
      arn: TOPIC_ARN,
    });
    expect(target.input_transformer).toBeUndefined();
  });

  test('without an offsite copy there is no copy rule', () => {
    expect(Object.keys(resources(json, 'aws_cloudwatch_event_rule'))).toHaveLength(1);
    expect(Object.keys(resources(json, 'aws_cloudwatch_event_target'))).toHaveLength(1);
  });

  test('the vault notifies the topic of completed restores, after the vault exists', () => {
    const [, notifications] = resourceAt(json, 'aws_backup_vault_notifications', 'notifications');
    expect(notifications).toEqual({
      backup_vault_name: vaultRef('name'),
      sns_topic_arn: TOPIC_ARN,
      backup_vault_events: ['RESTORE_JOB_COMPLETED'],
    });
  });

  test('an alarm fires after 36 hours without a completed backup job, missing data counting as none', () => {
    const [, alarm] = resourceAt(json, 'aws_cloudwatch_metric_alarm', 'stale');
    expect(alarm).toMatchObject({
      alarm_name: 'platform-prod-backup-no-completed-job',
      namespace: 'AWS/Backup',
      metric_name: 'NumberOfBackupJobsCompleted',
      dimensions: { BackupVaultName: 'platform-prod-backup' },
      statistic: 'Sum',
      period: 3600,
      evaluation_periods: 36,
      datapoints_to_alarm: 36,
      threshold: 1,
      comparison_operator: 'LessThanThreshold',
      treat_missing_data: 'breaching',
      alarm_actions: [TOPIC_ARN],
      ok_actions: [TOPIC_ARN],
    });
    expect(alarm.alarm_description).toContain('help/backup-restore.md');
  });

  test('no vault lock', () => {
    expect(resources(json, 'aws_backup_vault_lock_configuration')).toEqual({});
  });
});

describe('BackupPlan fields', () => {
  test('expose the tag to put on resources, the vault and no offsite vault', () => {
    let plan: BackupPlan | undefined;
    Testing.synthScope((scope) => {
      plan = new BackupPlan(scope, 'backup', BASE_PROPS);
    });
    expect(plan?.resourceTags).toEqual({ 'backup-plan': 'platform-prod-backup' });
    expect(plan?.selectionTag).toEqual({ key: 'backup-plan', value: 'platform-prod-backup' });
    expect(plan?.vaultName).toBe('platform-prod-backup');
    expect(plan?.offsiteVault).toBeUndefined();
    expect(plan?.offsiteVaultArn).toBeUndefined();
    expect(plan?.settings.rules.map((r) => r.retentionDays)).toEqual([7, 28, 93]);
  });
});

describe('offsite copy to a vault this construct creates in another region', () => {
  const json = synthBackup({
    offsiteCopy: { region: 'eu-central-1' },
    rules: [
      { name: 'daily', schedule: 'cron(0 5 * * ? *)', retentionDays: 7 },
      { name: 'monthly', schedule: 'cron(0 5 1 * ? *)', retentionDays: 93, copyRetentionDays: 365 },
    ],
  });
  const [drVaultName, drVault] = resourceAt(json, VAULT, 'offsite-vault_');
  const [drKeyName, drKey] = resourceAt(json, KEY, 'offsite-vault_key');
  const [primaryName] = resourceAt(json, VAULT, 'backup_vault_');
  const [primaryKeyName] = resourceAt(json, KEY, 'backup_vault_key');

  test('the offsite vault and its own key live in the other region', () => {
    expect(drVault).toEqual({
      name: 'platform-prod-backup-dr',
      kms_key_arn: ref(KEY, drKeyName, 'arn'),
      force_destroy: false,
      region: 'eu-central-1',
    });
    expect(drKey.region).toBe('eu-central-1');
    expect(drKey.enable_key_rotation).toBe(true);
    expect(resourceAt(json, 'aws_kms_alias', 'offsite-vault_key')[1]).toMatchObject({
      name: 'alias/platform-prod-backup-dr',
      region: 'eu-central-1',
    });
    expect(resources(json, VAULT)[primaryName].region).toBeUndefined();
  });

  test('every rule copies to the offsite vault, kept as long as the original unless told otherwise', () => {
    const rules = planRules(json);
    const destination = ref(VAULT, drVaultName, 'arn');
    expect(rules.daily.copy_action).toEqual([
      { destination_vault_arn: destination, lifecycle: { delete_after: 7 } },
    ]);
    expect(rules.monthly.copy_action).toEqual([
      { destination_vault_arn: destination, lifecycle: { delete_after: 365 } },
    ]);
    expect(rules.monthly.lifecycle).toEqual({ delete_after: 93 });
  });

  test('a failed copy out of the primary vault is sent to the alert topic', () => {
    const [ruleName, rule] = resourceAt(json, 'aws_cloudwatch_event_rule', 'backup-copy-failed');
    expect(rule.name).toBe('platform-prod-backup-copy-failed');
    expect(JSON.parse(rule.event_pattern as string)).toEqual({
      source: ['aws.backup'],
      'detail-type': ['Copy Job State Change'],
      detail: { state: ['FAILED', 'PARTIAL'], sourceBackupVaultArn: [ref(VAULT, primaryName, 'arn')] },
    });
    const [, target] = resourceAt(json, 'aws_cloudwatch_event_target', 'backup-copy-failed');
    expect(target).toMatchObject({
      rule: ref('aws_cloudwatch_event_rule', ruleName, 'name'),
      arn: TOPIC_ARN,
    });
  });

  test('the role may use both vault keys', () => {
    const policy = policyOf(resourceAt(json, 'aws_iam_role_policy', 'vault-keys')[1]);
    expect(statement(policy, 'UseVaultKeys').Resource).toEqual([
      ref(KEY, primaryKeyName, 'arn'),
      ref(KEY, drKeyName, 'arn'),
    ]);
  });
});

describe('offsite copy to an existing vault', () => {
  const vaultArn = 'arn:aws:backup:eu-central-1:210987654321:backup-vault:central-dr';
  const json = synthBackup({ offsiteCopy: { vaultArn } });

  test('copies every rule there and creates no second vault or key', () => {
    expect(Object.keys(resources(json, VAULT))).toHaveLength(1);
    expect(Object.keys(resources(json, KEY))).toHaveLength(1);
    const rules = planRules(json);
    for (const [name, days] of [
      ['daily', 7],
      ['weekly', 28],
      ['monthly', 93],
    ] as const) {
      expect(rules[name].copy_action).toEqual([
        { destination_vault_arn: vaultArn, lifecycle: { delete_after: days } },
      ]);
    }
  });

  test('still alerts on failed copies, and grants no key but its own', () => {
    expect(() => resourceAt(json, 'aws_cloudwatch_event_rule', 'backup-copy-failed')).not.toThrow();
    const policy = policyOf(resourceAt(json, 'aws_iam_role_policy', 'vault-keys')[1]);
    expect(list(statement(policy, 'UseVaultKeys').Resource)).toHaveLength(1);
  });
});

describe('vault lock', () => {
  test('governance: lifts with IAM, so no changeable_for_days; bounds default to the shortest retention', () => {
    const json = synthBackup({ vaultLock: { mode: 'governance' }, preventDestroy: true });
    const [vaultName] = resourceAt(json, VAULT, '_vault_');
    const [, lock] = resourceAt(json, 'aws_backup_vault_lock_configuration', 'lock');
    expect(lock).toEqual({
      backup_vault_name: ref(VAULT, vaultName, 'name'),
      min_retention_days: 7,
      lifecycle: { prevent_destroy: true },
    });
  });

  test('compliance: the grace period and explicit bounds are set', () => {
    const json = synthBackup({
      vaultLock: { mode: 'compliance', changeableForDays: 3, minRetentionDays: 5, maxRetentionDays: 400 },
      preventDestroy: true,
    });
    expect(resourceAt(json, 'aws_backup_vault_lock_configuration', 'lock')[1]).toMatchObject({
      min_retention_days: 5,
      max_retention_days: 400,
      changeable_for_days: 3,
    });
  });

  test('the offsite vault is locked too, its minimum taken from the copies kept there', () => {
    const json = synthBackup({
      offsiteCopy: { region: 'eu-central-1' },
      rules: [{ name: 'daily', schedule: 'cron(0 5 * * ? *)', retentionDays: 7, copyRetentionDays: 14 }],
      vaultLock: { mode: 'compliance', changeableForDays: 3 },
      preventDestroy: true,
    });
    const [drVaultName] = resourceAt(json, VAULT, 'offsite-vault_');
    expect(resourceAt(json, 'aws_backup_vault_lock_configuration', 'backup_vault_lock')[1]).toMatchObject({
      min_retention_days: 7,
    });
    expect(resourceAt(json, 'aws_backup_vault_lock_configuration', 'offsite-vault_lock')[1]).toEqual({
      backup_vault_name: ref(VAULT, drVaultName, 'name'),
      min_retention_days: 14,
      changeable_for_days: 3,
      region: 'eu-central-1',
      lifecycle: { prevent_destroy: true },
    });
  });

  test('a vault owned elsewhere is not locked from here', () => {
    const json = synthBackup({
      offsiteCopy: { vaultArn: 'arn:aws:backup:eu-central-1:210987654321:backup-vault:central-dr' },
      vaultLock: { mode: 'governance' },
      preventDestroy: true,
    });
    expect(Object.keys(resources(json, 'aws_backup_vault_lock_configuration'))).toHaveLength(1);
  });
});

describe('preventDestroy', () => {
  const json = synthBackup({ preventDestroy: true, offsiteCopy: { region: 'eu-central-1' } });

  test('protects both vaults, both keys and the role', () => {
    for (const type of [VAULT, KEY, 'aws_iam_role']) {
      const all = Object.values(resources(json, type));
      expect(all.length).toBeGreaterThan(0);
      for (const resource of all) expect(resource.lifecycle).toEqual({ prevent_destroy: true });
    }
  });

  test('leaves the plan and selection free to change', () => {
    expect(Object.values(resources(json, 'aws_backup_plan'))[0].lifecycle).toBeUndefined();
    expect(resourceAt(json, 'aws_backup_selection', 'selection')[1].lifecycle).toBeUndefined();
  });
});

describe('options', () => {
  test('custom rules keep their windows and retention', () => {
    const json = synthBackup({
      rules: [
        {
          name: 'hourly',
          schedule: 'cron(15 * * * ? *)',
          retentionDays: 2,
          startWindowMinutes: 60,
          completionWindowMinutes: 120,
        },
      ],
    });
    expect(planRules(json)).toEqual({
      hourly: expect.objectContaining({
        schedule: 'cron(15 * * * ? *)',
        start_window: 60,
        completion_window: 120,
        lifecycle: { delete_after: 2 },
      }),
    });
  });

  test('a selection tag of its own is both selected and exposed', () => {
    let plan: BackupPlan | undefined;
    const json = JSON.parse(
      Testing.synthScope((scope) => {
        plan = new BackupPlan(scope, 'backup', {
          ...BASE_PROPS,
          selectionTag: { key: 'Backup', value: 'daily' },
        });
      }),
    ) as TerraformJson;
    expect(resourceAt(json, 'aws_backup_selection', 'selection')[1].selection_tag).toEqual([
      { type: 'STRINGEQUALS', key: 'Backup', value: 'daily' },
    ]);
    expect(plan?.resourceTags).toEqual({ Backup: 'daily' });
  });

  test('maxHoursWithoutBackup sets the alarm window', () => {
    const json = synthBackup({ maxHoursWithoutBackup: 168 });
    expect(resourceAt(json, 'aws_cloudwatch_metric_alarm', 'stale')[1]).toMatchObject({
      evaluation_periods: 168,
      datapoints_to_alarm: 168,
    });
  });

  test('an offsite vault ARN given as a Terraform reference is accepted as is', () => {
    const json = JSON.parse(
      Testing.synthScope((scope) => {
        const arn = new TerraformVariable(scope, 'dr_vault_arn', { type: 'string' });
        new BackupPlan(scope, 'backup', {
          ...BASE_PROPS,
          rules: [{ name: 'daily', schedule: 'cron(0 5 * * ? *)', retentionDays: 7 }],
          offsiteCopy: { vaultArn: arn.stringValue },
        });
      }),
    ) as TerraformJson;
    expect(planRules(json).daily.copy_action).toEqual([
      { destination_vault_arn: '${var.dr_vault_arn}', lifecycle: { delete_after: 7 } },
    ]);
  });
});
