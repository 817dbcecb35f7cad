import { DbInstanceAutomatedBackupsReplication } from '@cdktf/provider-aws/lib/db-instance-automated-backups-replication';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { awsContext } from '../core/aws-context';
import { resourceName } from '../naming';
import { policyDocument } from '../security/policy-document';

/** Props of {@link BackupReplication}. */
export interface BackupReplicationProps {
  /** Identifier of the source instance, for names. */
  readonly identifier: string;
  /** ARN of the source DB instance. */
  readonly sourceDbInstanceArn: string;
  /** An AWS provider aliased to the destination region. @default none: `region` is set */
  readonly provider?: TerraformProvider;
  /** The destination region, set on each resource (AWS provider 6). @default none: `provider` is set */
  readonly region?: string;
  /** ARN of a KMS key in the destination region. @default a new key there */
  readonly kmsKeyArn?: string;
  /** Days the replicated backups are kept. */
  readonly retentionDays: number;
  /** Refuse `terraform destroy` of the key made here. @default false */
  readonly preventDestroy?: boolean;
}

/**
 * Replication of the instance's automated backups (snapshots and transaction logs) to a second
 * region, so a point-in-time restore is possible there after the loss of the source region. Its
 * resources live in the destination region: through an aliased provider, or their own `region`.
 */
export class BackupReplication extends Construct {
  /** The replication. */
  readonly replication: DbInstanceAutomatedBackupsReplication;
  /** The key made in the destination region, when no kmsKeyArn was given. */
  readonly key?: KmsKey;
  /** ARN of the key encrypting the replicated backups. */
  readonly kmsKeyArn: string;

  constructor(scope: Construct, id: string, props: BackupReplicationProps) {
    super(scope, id);
    const where = { provider: props.provider, region: props.region };
    let kmsKeyArn = props.kmsKeyArn;
    if (kmsKeyArn === undefined) {
      const aws = awsContext(this);
      const alias = resourceName('kmsAlias', props.identifier, 'backup-replica');
      this.key = new KmsKey(this, 'key', {
        ...where,
        description: `Encrypts the replicated automated backups of RDS ${props.identifier}`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        // RDS uses the key through grants made with the caller's IAM permissions: the account administers it.
        policy: policyDocument([
          {
            Sid: 'AccountAdministersKeyThroughIam',
            Effect: 'Allow',
            Principal: { AWS: `arn:${aws.partition}:iam::${aws.accountId}:root` },
            Action: 'kms:*',
            Resource: '*',
          },
        ]),
        tags: { Name: alias },
        lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
      });
      new KmsAlias(this, 'alias', { ...where, name: `alias/${alias}`, targetKeyId: this.key.keyId });
      kmsKeyArn = this.key.arn;
    }
    this.kmsKeyArn = kmsKeyArn;
    this.replication = new DbInstanceAutomatedBackupsReplication(this, 'replication', {
      ...where,
      sourceDbInstanceArn: props.sourceDbInstanceArn,
      kmsKeyId: this.kmsKeyArn,
      retentionPeriod: props.retentionDays,
    });
  }
}
