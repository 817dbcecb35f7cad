import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Construct } from 'constructs';
import { EncryptionKey } from '../security/encryption-key';
import { stateKeyAliasOf } from '../state/backend';
import { abortIncompleteUploadsRule, SecureBucket } from '../storage/secure-bucket';

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
  /** The hardened bucket this is built on (versioning, encryption, public access block, TLS-only policy). */
  readonly secureBucket: SecureBucket;
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
    const retentionDays = props.noncurrentVersionRetentionDays ?? 90;
    const versionsToKeep = props.noncurrentVersionsToKeep ?? 10;
    const abortDays = props.abortIncompleteUploadDays ?? 7;
    requireInteger('noncurrentVersionRetentionDays', retentionDays, 1, 36500);
    requireInteger('noncurrentVersionsToKeep', versionsToKeep, 1, 100);
    requireInteger('abortIncompleteUploadDays', abortDays, 1, 365);
    const preventDestroy = props.preventDestroy ?? true;

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

    // The key comes first because the bucket's default encryption names it. SecureBucket checks the
    // name and never force-destroys the bucket: state is the one thing that must outlive a mistake.
    this.secureBucket = new SecureBucket(this, 'bucket', {
      bucketName: props.bucketName,
      encryption: { type: 'sse-kms', keyArn: this.key.keyArn },
      preventDestroy,
      lifecycleRules: [
        {
          id: 'expire-old-state-versions',
          status: 'Enabled',
          filter: [{}],
          noncurrentVersionExpiration: [
            { noncurrentDays: retentionDays, newerNoncurrentVersions: versionsToKeep },
          ],
          // Lock files are written and deleted on every run; drop their leftover delete markers.
          expiration: [{ expiredObjectDeleteMarker: true }],
        },
        abortIncompleteUploadsRule(abortDays),
      ],
    });
    this.secureBucket.addToPolicy({
      // An upload that asks for SSE-S3 (what the S3 backend sends for `encrypt = true`
      // without `kms_key_id`) would bypass the key; uploads without the header get the
      // bucket default, the key.
      Sid: 'DenyEncryptionOtherThanKms',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:PutObject',
      Resource: this.secureBucket.arnForObjects('*'),
      Condition: {
        Null: { 's3:x-amz-server-side-encryption': 'false' },
        StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' },
      },
    });
    this.bucket = this.secureBucket.bucket;
    this.bucketArn = this.secureBucket.bucketArn;
    this.versioning = this.secureBucket.versioning;
    this.encryption = this.secureBucket.encryption;
    this.publicAccessBlock = this.secureBucket.publicAccessBlock;
    this.ownershipControls = this.secureBucket.ownershipControls;
    this.policy = this.secureBucket.policy;
    this.lifecycle = this.secureBucket.lifecycle;

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
