import { BackupVaultNotifications } from '@cdktf/provider-aws/lib/backup-vault-notifications';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { Construct } from 'constructs';
import { ThresholdAlarm } from '../observability/threshold-alarm';
import { EncryptedBackupVault } from './encrypted-backup-vault';

/** Props of {@link BackupAlerts}. */
export interface BackupAlertsProps {
  /** Prefix of the names, e.g. `platform-prod` (at most 40 characters, so rule names fit EventBridge's 64). */
  readonly namePrefix: string;
  /** The alert topic. */
  readonly topicArn: string;
  /** The vault whose jobs are watched. */
  readonly vault: EncryptedBackupVault;
  /** Watch copy jobs out of the vault (the plan copies offsite). */
  readonly watchCopies: boolean;
  /** Hours without a completed backup job in the vault before the alarm fires. */
  readonly maxHoursWithoutBackup: number;
}

/** Backup job states that mean no recovery point was made (PARTIAL: some of a composite job failed). */
export const FAILED_BACKUP_STATES = ['FAILED', 'ABORTED', 'EXPIRED', 'PARTIAL'];
/** Copy job states that mean the offsite copy was not made. */
export const FAILED_COPY_STATES = ['FAILED', 'PARTIAL'];
/**
 * Vault events sent straight to the topic. Restores are rare and deliberate, so each is worth an
 * email (it is also how a restore drill is confirmed). Failures are not here: BACKUP_JOB_FAILED is a
 * deprecated event that AWS no longer sends, and BACKUP_JOB_COMPLETED fires for successes too.
 */
export const VAULT_NOTIFICATION_EVENTS = ['RESTORE_JOB_COMPLETED'];

/**
 * Tells the alert topic when backups go wrong, in the three ways they do:
 * - a backup job fails, is aborted or expires (EventBridge: AWS Backup emits the job's final state);
 * - an offsite copy fails (EventBridge, matched on this vault as the copy's source);
 * - nothing happens at all (nothing tagged, plan or role broken): an alarm on the vault's count of
 *   completed backup jobs, where missing data counts as breaching, because silence is the failure.
 */
export class BackupAlerts extends Construct {
  /** EventBridge rule for failed backup jobs into the vault. */
  readonly backupFailedRule: CloudwatchEventRule;
  /** EventBridge rule for failed copy jobs out of the vault, when the plan copies. */
  readonly copyFailedRule?: CloudwatchEventRule;
  /** SNS notifications of the vault ({@link VAULT_NOTIFICATION_EVENTS}). */
  readonly vaultNotifications: BackupVaultNotifications;
  /** Alarm: no backup job completed for {@link BackupAlertsProps.maxHoursWithoutBackup} hours. */
  readonly staleBackupAlarm: ThresholdAlarm;

  constructor(scope: Construct, id: string, props: BackupAlertsProps) {
    super(scope, id);
    const vaultName = props.vault.vaultName;
    this.backupFailedRule = this.eventToTopic('backup-job-failed', props, {
      description: `AWS Backup job into ${vaultName} failed, aborted or expired: no recovery point was made`,
      detailType: 'Backup Job State Change',
      detail: { state: FAILED_BACKUP_STATES, backupVaultName: [vaultName] },
    });
    if (props.watchCopies) {
      this.copyFailedRule = this.eventToTopic('backup-copy-failed', props, {
        description: `AWS Backup copy job out of ${vaultName} failed: the offsite copy was not made`,
        detailType: 'Copy Job State Change',
        detail: { state: FAILED_COPY_STATES, sourceBackupVaultArn: [props.vault.vaultArn] },
      });
    }

    this.vaultNotifications = new BackupVaultNotifications(this, 'notifications', {
      // The reference (not the literal name) makes Terraform create the vault first.
      backupVaultName: props.vault.vault.name,
      snsTopicArn: props.topicArn,
      backupVaultEvents: VAULT_NOTIFICATION_EVENTS,
    });

    const hours = props.maxHoursWithoutBackup;
    this.staleBackupAlarm = new ThresholdAlarm(this, 'stale', {
      nameParts: [props.namePrefix, 'backup', 'no-completed-job'],
      description:
        `No AWS Backup job completed in vault ${vaultName} for ${hours} hours. Check, in order: ` +
        `aws backup list-backup-jobs --by-backup-vault-name ${vaultName} (failed or expired jobs), ` +
        'the selection tag on the database, the plan and its role. Runbook: help/backup-restore.md',
      namespace: 'AWS/Backup',
      metricName: 'NumberOfBackupJobsCompleted',
      dimensions: { BackupVaultName: vaultName },
      statistic: 'Sum',
      threshold: 1,
      comparison: 'LessThanThreshold',
      periodSeconds: 3600,
      evaluationPeriods: hours,
      datapointsToAlarm: hours,
      treatMissingData: 'breaching',
      topicArn: props.topicArn,
    });
  }

  private eventToTopic(
    name: string,
    props: BackupAlertsProps,
    event: { description: string; detailType: string; detail: Record<string, string[]> },
  ): CloudwatchEventRule {
    const rule = new CloudwatchEventRule(this, name, {
      // namePrefix is at most 40 characters, so this stays within EventBridge's 64.
      name: `${props.namePrefix}-${name}`,
      description: event.description,
      eventPattern: JSON.stringify({
        source: ['aws.backup'],
        'detail-type': [event.detailType],
        detail: event.detail,
      }),
    });
    // The raw event goes out: it names the job, the resource and AWS's statusMessage (the cause).
    new CloudwatchEventTarget(this, `${name}-target`, {
      rule: rule.name,
      targetId: 'alert-topic',
      arn: props.topicArn,
    });
    return rule;
  }
}
