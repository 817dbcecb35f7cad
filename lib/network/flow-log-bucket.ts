import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { awsContext } from '../core/aws-context';
import { resourceName } from '../naming';
import { EncryptionKey } from '../security/encryption-key';
import {
  expiringLogsRules,
  logDeliveryKeyGrant,
  logDeliveryStatements,
  logSourceCondition,
} from '../storage/log-delivery';
import { SecureBucket } from '../storage/secure-bucket';
import { nameTag } from './name-tag';

/** Props of {@link FlowLogBucket}. */
export interface FlowLogBucketProps {
  /** Prefix of the names, e.g. `platform-prod`; the bucket is `<namePrefix>-flow-logs-<account id>`. */
  readonly namePrefix: string;
  /** Days after which log objects expire. */
  readonly retentionDays: number;
  /** Refuse `terraform destroy` of the bucket and its key. @default false */
  readonly preventDestroy?: boolean;
}

/**
 * Days a deleted or expired log object stays recoverable as a noncurrent version: the point of
 * versioning a bucket nobody overwrites is to undo a deletion.
 */
export const FLOW_LOG_NONCURRENT_DAYS = 30;

const ACCOUNT_ID_LENGTH = 12;

/**
 * The S3 destination of a VPC flow log: a private, versioned, SSE-KMS bucket that only the log
 * delivery service of this account writes to, over TLS, and that forgets records after the retention.
 */
export class FlowLogBucket extends Construct {
  /** The hardened bucket this is built on (versioning, encryption, public access block, TLS-only policy). */
  readonly secureBucket: SecureBucket;
  /** The KMS key the bucket encrypts objects with. */
  readonly key: EncryptionKey;
  /** The bucket. */
  readonly bucket: S3Bucket;
  /** Versioning, on. */
  readonly versioning: S3BucketVersioningA;
  /** Default encryption: SSE-KMS with {@link key}, S3 bucket keys on. */
  readonly encryption: S3BucketServerSideEncryptionConfigurationA;
  /** Public access block, all four settings on. */
  readonly publicAccessBlock: S3BucketPublicAccessBlock;
  /** Object ownership: bucket owner enforced (ACLs off). */
  readonly ownershipControls: S3BucketOwnershipControls;
  /** Bucket policy: log delivery may write, nobody may use plain HTTP or TLS older than 1.2. */
  readonly policy: S3BucketPolicy;
  /** Expiry of records after the retention, and of noncurrent versions after {@link FLOW_LOG_NONCURRENT_DAYS}. */
  readonly lifecycle: S3BucketLifecycleConfiguration;
  /**
   * What must exist before a flow log delivers here. Without the bucket policy in place first, AWS
   * attaches its own policy to the bucket, which then drifts from this one.
   */
  readonly readiness: ITerraformDependable[];

  constructor(scope: Construct, id: string, props: FlowLogBucketProps) {
    super(scope, id);
    const aws = awsContext(this);
    // Bucket names are global; the account id makes this one unique without a random suffix.
    const baseName = resourceName('s3Bucket', props.namePrefix, 'flow-logs');
    if (baseName.length + 1 + ACCOUNT_ID_LENGTH > 63) {
      throw new Error(
        `FlowLogBucket: '${baseName}-<account id>' would exceed S3's 63 characters; shorten namePrefix`,
      );
    }
    // A token, so SecureBucket cannot check it: the check above and resourceName's stand in.
    const bucketName = `${baseName}-${aws.accountId}`;
    const fromThisAccountsLogs = logSourceCondition(aws.partition, aws.region, aws.accountId);

    this.key = new EncryptionKey(this, 'key', {
      alias: `${props.namePrefix}-vpc-flow-log-bucket`,
      description: `Encrypts the VPC flow log bucket of ${props.namePrefix}`,
      preventDestroy: props.preventDestroy,
      serviceGrants: [
        // Log delivery encrypts each object it writes.
        logDeliveryKeyGrant(fromThisAccountsLogs),
      ],
    });

    this.secureBucket = new SecureBucket(this, 'bucket', {
      bucketName,
      encryption: { type: 'sse-kms', keyArn: this.key.keyArn },
      preventDestroy: props.preventDestroy,
      tags: nameTag(props.namePrefix, 'vpc-flow-logs'),
      lifecycleRules: expiringLogsRules('expire-flow-logs', props.retentionDays, FLOW_LOG_NONCURRENT_DAYS),
    });
    // The two statements AWS documents for flow log delivery ("Amazon S3 bucket permissions for flow logs").
    this.secureBucket.addToPolicy(
      ...logDeliveryStatements(this.secureBucket, aws.accountId, fromThisAccountsLogs, ['s3:ListBucket']),
    );
    this.bucket = this.secureBucket.bucket;
    this.versioning = this.secureBucket.versioning;
    this.encryption = this.secureBucket.encryption;
    this.publicAccessBlock = this.secureBucket.publicAccessBlock;
    this.ownershipControls = this.secureBucket.ownershipControls;
    this.policy = this.secureBucket.policy;
    this.lifecycle = this.secureBucket.lifecycle;
    this.readiness = this.secureBucket.readiness;
  }
}
