import { BackupVault } from '@cdktf/provider-aws/lib/backup-vault';
import { BackupVaultLockConfiguration } from '@cdktf/provider-aws/lib/backup-vault-lock-configuration';
import { Construct } from 'constructs';
import { EncryptionKey } from '../security/encryption-key';
import { ResolvedVaultLock } from './backup-plan-props';

/** Props of {@link EncryptedBackupVault}. */
export interface EncryptedBackupVaultProps {
  /** Vault name, 2-50 letters, digits, `-` and `_`; also the alias of its key. */
  readonly name: string;
  /** What the vault holds, for the key's description. */
  readonly purpose: string;
  /** Region of the vault and its key, when not the provider's (AWS provider 6 `region` argument). @default the provider's region */
  readonly region?: string;
  /** Vault Lock to apply. @default no lock */
  readonly lock?: ResolvedVaultLock;
  /** Refuse `terraform destroy` of the vault, its key and its lock. @default false */
  readonly preventDestroy?: boolean;
}

/**
 * An AWS Backup vault encrypted with a KMS key of its own (in the vault's region: a key never
 * leaves its region), optionally under Vault Lock. The vault is never force-destroyed: a vault that
 * still holds recovery points cannot be deleted, which is the point.
 */
export class EncryptedBackupVault extends Construct {
  /** The key encrypting what the vault stores itself (and copies into it). */
  readonly key: EncryptionKey;
  /** The vault. */
  readonly vault: BackupVault;
  /** The Vault Lock configuration, when locked. */
  readonly lock?: BackupVaultLockConfiguration;
  /** ARN of the vault. */
  readonly vaultArn: string;
  /** Name of the vault (known at synth time). */
  readonly vaultName: string;

  constructor(scope: Construct, id: string, props: EncryptedBackupVaultProps) {
    super(scope, id);
    const lifecycle = props.preventDestroy ? { preventDestroy: true } : undefined;
    const region = props.region !== undefined ? { region: props.region } : {};

    // The key policy leaves use of the key to IAM: the backup role's policy names this key.
    this.key = new EncryptionKey(this, 'key', {
      alias: props.name,
      description: `Encrypts the AWS Backup vault ${props.name} (${props.purpose})`,
      preventDestroy: props.preventDestroy,
      region: props.region,
    });

    this.vault = new BackupVault(this, 'vault', {
      name: props.name,
      kmsKeyArn: this.key.keyArn,
      forceDestroy: false,
      ...region,
      lifecycle,
    });
    this.vaultArn = this.vault.arn;
    this.vaultName = props.name;

    if (props.lock) {
      this.lock = new BackupVaultLockConfiguration(this, 'lock', {
        backupVaultName: this.vault.name,
        minRetentionDays: props.lock.minRetentionDays,
        maxRetentionDays: props.lock.maxRetentionDays,
        // Setting it is what makes the lock a compliance lock; governance leaves it out.
        changeableForDays: props.lock.changeableForDays,
        ...region,
        lifecycle,
      });
    }
  }
}
