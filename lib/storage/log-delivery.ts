import type { S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import type { KeyServiceGrant } from '../security/encryption-key';
import type { PolicyStatement } from '../security/policy-document';
import type { SecureBucket } from './secure-bucket';

/** The service that delivers vended logs (VPC flow logs, CloudFront v2 access logs) to S3. */
export const LOG_DELIVERY_SERVICE = 'delivery.logs.amazonaws.com';

/** Which log sources may deliver: this account's, from one region's CloudWatch Logs delivery. */
export type LogSourceCondition = {
  StringEquals: { 'aws:SourceAccount': string };
  ArnLike: { 'aws:SourceArn': string };
} & Record<string, Record<string, string>>;

/** The confused-deputy guard for log delivery: only this account's log sources in `region`. */
export function logSourceCondition(partition: string, region: string, accountId: string): LogSourceCondition {
  return {
    StringEquals: { 'aws:SourceAccount': accountId },
    ArnLike: { 'aws:SourceArn': `arn:${partition}:logs:${region}:${accountId}:*` },
  };
}

/**
 * The key grant log delivery needs to write SSE-KMS objects (AWS: "Required key policy for use
 * with SSE-KMS"), limited to `source`.
 */
export function logDeliveryKeyGrant(source: LogSourceCondition): KeyServiceGrant {
  return {
    servicePrincipal: LOG_DELIVERY_SERVICE,
    actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
    conditions: source,
  };
}

/**
 * The two statements AWS documents for vended log delivery to S3 ("Logs sent to Amazon S3"):
 * write under `AWSLogs/<account>/` with the bucket owner in full control, and read the bucket ACL
 * (plus `extraAclCheckActions`, e.g. `s3:ListBucket` for flow logs). Works with ACLs disabled.
 */
export function logDeliveryStatements(
  bucket: SecureBucket,
  accountId: string,
  source: LogSourceCondition,
  extraAclCheckActions: string[] = [],
): PolicyStatement[] {
  return [
    {
      Sid: 'AWSLogDeliveryWrite',
      Effect: 'Allow',
      Principal: { Service: LOG_DELIVERY_SERVICE },
      Action: 's3:PutObject',
      Resource: bucket.arnForObjects(`AWSLogs/${accountId}/*`),
      Condition: {
        StringEquals: { ...source.StringEquals, 's3:x-amz-acl': 'bucket-owner-full-control' },
        ArnLike: source.ArnLike,
      },
    },
    {
      Sid: 'AWSLogDeliveryAclCheck',
      Effect: 'Allow',
      Principal: { Service: LOG_DELIVERY_SERVICE },
      Action:
        extraAclCheckActions.length > 0 ? ['s3:GetBucketAcl', ...extraAclCheckActions] : 's3:GetBucketAcl',
      Resource: bucket.bucketArn,
      Condition: source,
    },
  ];
}

/**
 * Lifecycle of a log bucket: logs expire after `retentionDays`, their old versions after
 * `noncurrentDays`, unfinished uploads after 7 days, and the delete markers expiry leaves behind
 * are removed (S3 refuses that and `days` in one rule).
 */
export function expiringLogsRules(
  id: string,
  retentionDays: number,
  noncurrentDays: number,
): S3BucketLifecycleConfigurationRule[] {
  return [
    {
      id,
      status: 'Enabled',
      filter: [{}],
      expiration: [{ days: retentionDays }],
      noncurrentVersionExpiration: [{ noncurrentDays }],
      abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
    },
    {
      id: 'remove-expired-delete-markers',
      status: 'Enabled',
      filter: [{}],
      expiration: [{ expiredObjectDeleteMarker: true }],
    },
  ];
}
