import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Construct } from 'constructs';
import { awsContext } from '../core/aws-context';
import { resourceName } from '../naming';
import { policyDocument } from '../security/policy-document';

/** Props of {@link BackupServiceRole}. */
export interface BackupServiceRoleProps {
  /** Prefix of the role name, e.g. `platform-prod`. */
  readonly namePrefix: string;
  /** ARNs of the KMS keys of the vaults the role backs up and copies into. */
  readonly vaultKeyArns: string[];
  /** Refuse `terraform destroy` of the role. @default false */
  readonly preventDestroy?: boolean;
}

/** The AWS managed policies of the backup role: take backups, copy them, and restore them. */
export const BACKUP_MANAGED_POLICIES = [
  'AWSBackupServiceRolePolicyForBackup',
  'AWSBackupServiceRolePolicyForRestores',
] as const;

/**
 * The role AWS Backup assumes to back up, copy and restore the selected resources, and to expire
 * their recovery points. AWS keeps the managed policies current as services are added; the inline
 * policy names the vault keys, so using them never depends on a broader grant elsewhere.
 */
export class BackupServiceRole extends Construct {
  /** The role; pass its ARN to `aws backup start-restore-job --iam-role-arn`. */
  readonly role: IamRole;
  /** One attachment per {@link BACKUP_MANAGED_POLICIES} entry. */
  readonly managedPolicyAttachments: IamRolePolicyAttachment[];
  /** Inline policy: use of the vault keys. */
  readonly vaultKeysPolicy: IamRolePolicy;

  constructor(scope: Construct, id: string, props: BackupServiceRoleProps) {
    super(scope, id);
    const aws = awsContext(this);
    this.role = new IamRole(this, 'role', {
      name: resourceName('iamRole', props.namePrefix, 'backup'),
      description: `AWS Backup of ${props.namePrefix}: backs up, copies, restores and expires recovery points`,
      // No aws:SourceAccount/SourceArn condition: AWS Backup documents those keys for resource
      // policies, not for AssumeRole, and a condition it does not send would fail every job silently.
      assumeRolePolicy: policyDocument([
        {
          Sid: 'AwsBackupAssumesRole',
          Effect: 'Allow',
          Principal: { Service: 'backup.amazonaws.com' },
          Action: 'sts:AssumeRole',
        },
      ]),
      // AWS Backup also expires recovery points with this role: replacing it strands them.
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
    });

    this.managedPolicyAttachments = BACKUP_MANAGED_POLICIES.map(
      (policy) =>
        new IamRolePolicyAttachment(this, policy, {
          role: this.role.name,
          policyArn: `arn:${aws.partition}:iam::aws:policy/service-role/${policy}`,
        }),
    );

    this.vaultKeysPolicy = new IamRolePolicy(this, 'vault-keys', {
      name: 'vault-keys',
      role: this.role.id,
      policy: policyDocument([
        {
          Sid: 'UseVaultKeys',
          Effect: 'Allow',
          Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
          Resource: props.vaultKeyArns,
        },
        {
          // Snapshot copies hand the key to the storage service through a grant, for that resource only.
          Sid: 'GrantVaultKeysToAwsServices',
          Effect: 'Allow',
          Action: 'kms:CreateGrant',
          Resource: props.vaultKeyArns,
          Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
        },
      ]),
    });
  }
}
