import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { TerraformResourceLifecycle } from 'cdktf';
import { Construct } from 'constructs';
import { awsContext } from '../core/aws-context';
import { resourceName } from '../naming';
import { PolicyCondition, policyDocument, PolicyStatement } from './policy-document';

/** One statement of a KMS key policy: an IAM policy statement. */
export type KeyPolicyStatement = PolicyStatement;

/** A service that may use the key, e.g. CloudWatch Logs for an encrypted log group. */
export interface KeyServiceGrant {
  /** Service principal, e.g. `logs.eu-west-1.amazonaws.com` or `sns.amazonaws.com`. */
  readonly servicePrincipal: string;
  /** KMS actions granted. @default encrypt, decrypt, re-encrypt, generate data key, describe */
  readonly actions?: string[];
  /** Conditions narrowing the grant (e.g. an encryption context), in IAM condition JSON shape. @default none */
  readonly conditions?: PolicyCondition;
}

/** Props of {@link EncryptionKey}. */
export interface EncryptionKeyProps {
  /** Alias without `alias/`, e.g. `platform-prod-flow-logs`; also the key's Name tag. */
  readonly alias: string;
  /** What the key protects, shown in the KMS console. */
  readonly description: string;
  /** Services allowed to use the key on behalf of the account. @default none */
  readonly serviceGrants?: KeyServiceGrant[];
  /** Extra policy statements, for principals a grant cannot express. @default none */
  readonly additionalStatements?: KeyPolicyStatement[];
  /** Days KMS waits before deleting a scheduled key (7-30): the window to cancel a mistake. @default 30 */
  readonly deletionWindowInDays?: number;
  /** Refuse `terraform destroy` of the key (for keys that protect durable data in production). @default false */
  readonly preventDestroy?: boolean;
  /** Region of the key and its alias, when not the provider's (AWS provider 6 `region` argument). @default the provider's region */
  readonly region?: string;
}

const DEFAULT_SERVICE_ACTIONS = [
  'kms:Encrypt*',
  'kms:Decrypt*',
  'kms:ReEncrypt*',
  'kms:GenerateDataKey*',
  'kms:Describe*',
];

/**
 * A customer-managed KMS key with yearly rotation and an alias. The key policy gives the account
 * (that is, IAM) administration of the key, and lets only the listed services use it.
 */
export class EncryptionKey extends Construct {
  /** The key. */
  readonly key: KmsKey;
  /** Its alias, `alias/<alias>`. */
  readonly alias: KmsAlias;
  /** ARN of the key, for resources that take `kms_key_id` or `kms_master_key_id`. */
  readonly keyArn: string;

  constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    const deletionWindow = props.deletionWindowInDays ?? 30;
    if (!Number.isInteger(deletionWindow) || deletionWindow < 7 || deletionWindow > 30) {
      throw new Error(
        `EncryptionKey ${props.alias}: deletionWindowInDays must be 7-30, got ${deletionWindow}`,
      );
    }
    const aws = awsContext(this);
    const statements: KeyPolicyStatement[] = [
      {
        Sid: 'AccountAdministersKeyThroughIam',
        Effect: 'Allow',
        Principal: { AWS: `arn:${aws.partition}:iam::${aws.accountId}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
      ...(props.serviceGrants ?? []).map((grant, i): KeyPolicyStatement => ({
        Sid: `AllowService${i}`,
        Effect: 'Allow',
        Principal: { Service: grant.servicePrincipal },
        Action: grant.actions ?? DEFAULT_SERVICE_ACTIONS,
        Resource: '*',
        ...(grant.conditions ? { Condition: grant.conditions } : {}),
      })),
      ...(props.additionalStatements ?? []),
    ];
    const lifecycle: TerraformResourceLifecycle | undefined = props.preventDestroy
      ? { preventDestroy: true }
      : undefined;
    const aliasName = resourceName('kmsAlias', props.alias);
    this.key = new KmsKey(this, 'key', {
      description: props.description,
      enableKeyRotation: true,
      deletionWindowInDays: deletionWindow,
      policy: policyDocument(statements),
      tags: { Name: aliasName },
      lifecycle,
    });
    this.alias = new KmsAlias(this, 'alias', { name: `alias/${aliasName}`, targetKeyId: this.key.keyId });
    if (props.region !== undefined) {
      // A key never leaves its region; the policy names only the account, the same everywhere.
      this.key.region = props.region;
      this.alias.region = props.region;
    }
    this.keyArn = this.key.arn;
  }
}
