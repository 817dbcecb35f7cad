import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { TerraformResourceLifecycle } from 'cdktf';
import { Construct } from 'constructs';
import { nameViolation } from '../naming';
import { EncryptionKey } from '../security/encryption-key';
import { stateKeyAliasOf } from '../state/backend';
import { policyDocument } from './policy-document';

/** Where the state bucket's server access logs go. */
export interface StateBucketAccessLogs {
  /** Name of an existing log bucket (in the same account and region) that accepts S3 server access logs. */
  readonly targetBucket: string;
  /** Key prefix of the log objects. @default `s3-access/<bucket>/` */
  readonly targetPrefix?: string;
}

/** Props of {@link StateBucket}. */
export interface StateBucketProps {
  /** Bucket name, 3-63 lowercase letters, digits and hyphens; global across AWS, so include the account id. */
  readonly bucketName: string;
  /** Days a superseded state version is kept before S3 may expire it. @default 90 */
  readonly noncurrentVersionRetentionDays?: number;
  /** Superseded versions of each object kept however old they are (1-100): the last applies stay recoverable. @default 10 */
  readonly noncurrentVersionsToKeep?: number;
  /** Days after which an unfinished multipart upload is aborted (its parts cost storage). @default 7 */
  readonly abortIncompleteUploadDays?: number;
  /**
   * Server access logs. Off by default: every Terraform run reads and writes here, so the logs
   * would be mostly noise, and a log bucket of its own would need bootstrapping too. The audit
   * trail for state is CloudTrail (management events always; S3 data events for this bucket if
   * you need per-object reads).
   * @default none
   */
  readonly accessLogs?: StateBucketAccessLogs;
  /**
   * Refuse `terraform destroy` of the bucket and its key. Losing either loses every stack's state
   * (or makes it unreadable), so only tests should turn this off.
   * @default true
   */
  readonly preventDestroy?: boolean;
}

/**
 * The bucket that holds the Terraform state of every stack in an account: versioned, encrypted
 * with its own KMS key, private, TLS-only, and protected from `terraform destroy`. Locking uses
 * S3 lock files (`use_lockfile`), so there is no DynamoDB table.
 */
export class StateBucket extends Construct {
  /** The bucket. */
  readonly bucket: S3Bucket;
  /** The customer-managed key that encrypts the state. */
  readonly key: EncryptionKey;
  /** Versioning: every state write keeps the previous version, the way back from a bad apply. */
  readonly versioning: S3BucketVersioningA;
  /** Default encryption with {@link key} and an S3 bucket key. */
  readonly encryption: S3BucketServerSideEncryptionConfigurationA;
  /** Blocks every form of public access. */
  readonly publicAccessBlock: S3BucketPublicAccessBlock;
  /** Disables ACLs: the bucket owner owns every object. */
  readonly ownershipControls: S3BucketOwnershipControls;
  /** TLS-only, TLS 1.2+ and KMS-only uploads. */
  readonly policy: S3BucketPolicy;
  /** Expiry of old versions and aborted uploads. */
  readonly lifecycle: S3BucketLifecycleConfiguration;
  /** Server access logging, when {@link StateBucketProps.accessLogs} is set. */
  readonly logging?: S3BucketLoggingA;
  /** Name of the bucket. */
  readonly bucketName: string;
  /** ARN of the bucket. */
  readonly bucketArn: string;
  /** ARN of the KMS key. */
  readonly keyArn: string;
  /** `alias/<bucket>`: what a backend's `kms_key_id` names so state is written with {@link key}. */
  readonly keyAlias: string;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    const why = nameViolation('s3Bucket', props.bucketName);
    if (why) throw new Error(`StateBucket: bucket name '${props.bucketName}' ${why}`);
    const retentionDays = props.noncurrentVersionRetentionDays ?? 90;
    const versionsToKeep = props.noncurrentVersionsToKeep ?? 10;
    const abortDays = props.abortIncompleteUploadDays ?? 7;
    requireInteger('noncurrentVersionRetentionDays', retentionDays, 1, 36500);
    requireInteger('noncurrentVersionsToKeep', versionsToKeep, 1, 100);
    requireInteger('abortIncompleteUploadDays', abortDays, 1, 365);
    const preventDestroy = props.preventDestroy ?? true;
    const lifecycle: TerraformResourceLifecycle | undefined = preventDestroy
      ? { preventDestroy: true }
      : undefined;

    this.bucketName = props.bucketName;
    this.keyAlias = stateKeyAliasOf(props.bucketName);
    // No service grant: S3 uses the key on behalf of the caller, with the caller's own KMS
    // permissions, so only principals allowed by IAM can read or write state.
    this.key = new EncryptionKey(this, 'key', {
      alias: this.keyAlias.slice('alias/'.length),
      description: `Encrypts the Terraform state in s3://${props.bucketName}`,
      preventDestroy,
    });
    this.keyArn = this.key.keyArn;

    this.bucket = new S3Bucket(this, 'bucket', {
      bucket: props.bucketName,
      // Never empty the bucket to delete it: state is the one thing that must outlive a mistake.
      forceDestroy: false,
      tags: { Name: props.bucketName },
      lifecycle,
    });
    this.bucketArn = this.bucket.arn;

    this.versioning = new S3BucketVersioningA(this, 'versioning', {
      bucket: this.bucket.id,
      versioningConfiguration: { status: 'Enabled' },
    });

    this.encryption = new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      rule: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: this.key.keyArn },
          // One KMS call per bucket key instead of per object: cheaper, and fewer KMS throttles.
          bucketKeyEnabled: true,
        },
      ],
    });

    this.publicAccessBlock = new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });

    this.ownershipControls = new S3BucketOwnershipControls(this, 'ownership', {
      bucket: this.bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });

    const everything = [this.bucket.arn, `${this.bucket.arn}/*`];
    this.policy = new S3BucketPolicy(this, 'policy', {
      bucket: this.bucket.id,
      policy: policyDocument([
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: everything,
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
        {
          Sid: 'DenyTlsOlderThan12',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: everything,
          Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } },
        },
        {
          // An upload that asks for SSE-S3 (what the S3 backend sends for `encrypt = true`
          // without `kms_key_id`) would bypass the key; uploads without the header get the
          // bucket default, the key.
          Sid: 'DenyEncryptionOtherThanKms',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:PutObject',
          Resource: `${this.bucket.arn}/*`,
          Condition: {
            Null: { 's3:x-amz-server-side-encryption': 'false' },
            StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' },
          },
        },
      ]),
      // S3 rejects a policy change while the public access block is being changed.
      dependsOn: [this.publicAccessBlock],
    });

    this.lifecycle = new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: this.bucket.id,
      rule: [
        {
          id: 'expire-old-state-versions',
          status: 'Enabled',
          // An empty filter is the whole bucket (provider docs' form; a rule without one warns).
          filter: [{}],
          noncurrentVersionExpiration: [
            { noncurrentDays: retentionDays, newerNoncurrentVersions: versionsToKeep },
          ],
          // Lock files are written and deleted on every run; drop their leftover delete markers.
          expiration: [{ expiredObjectDeleteMarker: true }],
        },
        {
          id: 'abort-incomplete-uploads',
          status: 'Enabled',
          filter: [{}],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: abortDays }],
        },
      ],
      // Lifecycle rules on noncurrent versions need versioning in place first.
      dependsOn: [this.versioning],
    });

    if (props.accessLogs) {
      this.logging = new S3BucketLoggingA(this, 'logging', {
        bucket: this.bucket.id,
        targetBucket: props.accessLogs.targetBucket,
        targetPrefix: props.accessLogs.targetPrefix ?? `s3-access/${props.bucketName}/`,
      });
    }
  }
}

function requireInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`StateBucket: ${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
}
