import { BackupPlan as AwsBackupPlan, BackupPlanRule } from '@cdktf/provider-aws/lib/backup-plan';
import { BackupSelection } from '@cdktf/provider-aws/lib/backup-selection';
import { Construct } from 'constructs';
import { resourceName } from '../naming';
import { BackupAlerts } from './backup-alerts';
import {
  BackupPlanProps,
  BackupSelectionTag,
  ResolvedBackupPlanProps,
  ResolvedBackupRule,
} from './backup-plan-props';
import { BackupServiceRole } from './backup-service-role';
import { resolveBackupPlanProps } from './backup-validation';
import { EncryptedBackupVault } from './encrypted-backup-vault';

/**
 * AWS Backup for the environment's stateful resources: a KMS-encrypted vault, a plan of daily,
 * weekly and monthly rules, a selection of every resource carrying the plan's tag, an optional
 * offsite copy of each recovery point to a vault in another region, optional Vault Lock, and alerts
 * to the alert topic when a job fails or no backup completes.
 *
 * Tag what must be backed up with {@link BackupPlan.resourceTags}. AWS Backup does not support
 * ElastiCache: a cache is protected by its own snapshots, not by this plan.
 */
export class BackupPlan extends Construct {
  /** The props, validated, with every default applied. */
  readonly settings: ResolvedBackupPlanProps;
  /** The primary vault, in the stack's region, with its key and lock. */
  readonly vault: EncryptedBackupVault;
  /** The offsite vault, when {@link BackupPlanProps.offsiteCopy} names a region. */
  readonly offsiteVault?: EncryptedBackupVault;
  /** ARN of the vault copies go to (created here or given), when the plan copies offsite. */
  readonly offsiteVaultArn?: string;
  /** The plan. */
  readonly plan: AwsBackupPlan;
  /** The tag selection of resources. */
  readonly selection: BackupSelection;
  /** The role AWS Backup uses for the selection (backups, copies, expiry) and for restores. */
  readonly role: BackupServiceRole;
  /** Failure notifications and the stale-backup alarm. */
  readonly alerts: BackupAlerts;
  /** The tag that puts a resource in the plan. */
  readonly selectionTag: BackupSelectionTag;
  /** The same tag as a `tags` map, to spread into a resource's tags. */
  readonly resourceTags: Readonly<Record<string, string>>;
  /** ARN of the primary vault. */
  readonly vaultArn: string;
  /** Name of the primary vault. */
  readonly vaultName: string;

  constructor(scope: Construct, id: string, props: BackupPlanProps) {
    super(scope, id);
    const settings = resolveBackupPlanProps(props);
    this.settings = settings;
    const prefix = settings.namePrefix;

    this.vault = new EncryptedBackupVault(this, 'vault', {
      name: `${prefix}-backup`,
      purpose: 'recovery points',
      lock: settings.vaultLock,
      preventDestroy: settings.preventDestroy,
    });
    this.vaultArn = this.vault.vaultArn;
    this.vaultName = this.vault.vaultName;

    const offsite = settings.offsiteCopy;
    if (offsite?.region !== undefined) {
      this.offsiteVault = new EncryptedBackupVault(this, 'offsite-vault', {
        name: `${prefix}-backup-dr`,
        purpose: `offsite copies of ${prefix}-backup`,
        region: offsite.region,
        lock: settings.offsiteVaultLock,
        preventDestroy: settings.preventDestroy,
      });
      this.offsiteVaultArn = this.offsiteVault.vaultArn;
    } else if (offsite?.vaultArn !== undefined) {
      this.offsiteVaultArn = offsite.vaultArn;
    }

    this.role = new BackupServiceRole(this, 'role', {
      namePrefix: prefix,
      vaultKeyArns: [this.vault.key.keyArn, ...(this.offsiteVault ? [this.offsiteVault.key.keyArn] : [])],
      preventDestroy: settings.preventDestroy,
    });

    this.plan = new AwsBackupPlan(this, 'plan', {
      name: resourceName('backup', prefix, 'backup'),
      rule: settings.rules.map((rule) => this.planRule(rule)),
    });

    this.selectionTag = settings.selectionTag;
    this.resourceTags = { [settings.selectionTag.key]: settings.selectionTag.value };
    this.selection = new BackupSelection(this, 'selection', {
      name: resourceName('backup', prefix, 'tagged'),
      planId: this.plan.id,
      iamRoleArn: this.role.role.arn,
      selectionTag: [{ type: 'STRINGEQUALS', ...settings.selectionTag }],
      // A job started before the role can use its policies fails; make Terraform wait for them.
      dependsOn: [...this.role.managedPolicyAttachments, this.role.vaultKeysPolicy],
    });

    this.alerts = new BackupAlerts(this, 'alerts', {
      namePrefix: prefix,
      topicArn: settings.alarmTopicArn,
      vault: this.vault,
      watchCopies: this.offsiteVaultArn !== undefined,
      maxHoursWithoutBackup: settings.maxHoursWithoutBackup,
    });
  }

  private planRule(rule: ResolvedBackupRule): BackupPlanRule {
    const destination = this.offsiteVaultArn;
    return {
      ruleName: rule.name,
      targetVaultName: this.vault.vault.name,
      // UTC: AWS Backup's default; schedule_expression_timezone is left unset on purpose.
      schedule: rule.schedule,
      startWindow: rule.startWindowMinutes,
      completionWindow: rule.completionWindowMinutes,
      lifecycle: { deleteAfter: rule.retentionDays },
      copyAction:
        destination !== undefined && rule.copyRetentionDays !== undefined
          ? [{ destinationVaultArn: destination, lifecycle: { deleteAfter: rule.copyRetentionDays } }]
          : undefined,
    };
  }
}
