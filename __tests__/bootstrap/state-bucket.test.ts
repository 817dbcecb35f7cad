import { StateBucket, StateBucketProps } from '../../lib/bootstrap';
import { stateKeyAliasOf } from '../../lib/state';
import {
  onlyResource,
  onlyResourceId,
  parsePolicy,
  resources,
  statement,
  synthScope,
} from '../support/synth';
import { denyInsecureTransport, denyTlsOlderThan12 } from '../support/s3-policy';

const BUCKET = 'platform-tfstate-111111111111';

function synthBucket(props: Partial<StateBucketProps> = {}) {
  return synthScope((scope) => new StateBucket(scope, 'state', { bucketName: BUCKET, ...props }));
}

describe('StateBucket', () => {
  const doc = synthBucket();
  const bucketId = onlyResourceId(doc, 'aws_s3_bucket');
  const keyId = onlyResourceId(doc, 'aws_kms_key');
  const bucketRef = `\${aws_s3_bucket.${bucketId}.id}`;
  const bucketArn = `\${aws_s3_bucket.${bucketId}.arn}`;

  it('creates the named bucket, never force-destroyed and protected from destroy', () => {
    const bucket = onlyResource(doc, 'aws_s3_bucket');
    expect(bucket.bucket).toBe(BUCKET);
    expect(bucket.force_destroy).toBe(false);
    expect(bucket.lifecycle).toEqual({ prevent_destroy: true });
  });

  it('encrypts with its own rotating KMS key, which is protected from destroy too', () => {
    const key = onlyResource(doc, 'aws_kms_key');
    expect(key.enable_key_rotation).toBe(true);
    expect(key.lifecycle).toEqual({ prevent_destroy: true });
    expect(onlyResource(doc, 'aws_kms_alias').name).toBe(`alias/${BUCKET}`);
    expect(stateKeyAliasOf(BUCKET)).toBe(`alias/${BUCKET}`);

    const encryption = onlyResource(doc, 'aws_s3_bucket_server_side_encryption_configuration');
    expect(encryption.bucket).toBe(bucketRef);
    expect(encryption.rule).toEqual([
      {
        apply_server_side_encryption_by_default: {
          sse_algorithm: 'aws:kms',
          kms_master_key_id: `\${aws_kms_key.${keyId}.arn}`,
        },
        bucket_key_enabled: true,
      },
    ]);
  });

  it('enables versioning', () => {
    const versioning = onlyResource(doc, 'aws_s3_bucket_versioning');
    expect(versioning.bucket).toBe(bucketRef);
    expect(versioning.versioning_configuration).toEqual({ status: 'Enabled' });
  });

  it('blocks all public access and disables ACLs', () => {
    expect(onlyResource(doc, 'aws_s3_bucket_public_access_block')).toMatchObject({
      bucket: bucketRef,
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(onlyResource(doc, 'aws_s3_bucket_ownership_controls')).toMatchObject({
      bucket: bucketRef,
      rule: { object_ownership: 'BucketOwnerEnforced' },
    });
  });

  describe('bucket policy', () => {
    const resource = onlyResource(doc, 'aws_s3_bucket_policy');
    const policy = parsePolicy(resource.policy);

    it('denies every request without TLS, to the bucket and its objects', () => {
      expect(statement(policy, 'DenyInsecureTransport')).toEqual(denyInsecureTransport(bucketArn));
    });

    it('denies TLS older than 1.2', () => {
      expect(statement(policy, 'DenyTlsOlderThan12')).toEqual(denyTlsOlderThan12(bucketArn));
    });

    it('denies uploads that ask for an encryption other than KMS, and only those', () => {
      const kmsOnly = statement(policy, 'DenyEncryptionOtherThanKms');
      expect(kmsOnly).toMatchObject({
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:PutObject',
        Resource: `${bucketArn}/*`,
      });
      // Null=false: the deny applies only when the header is present; absent, the default (KMS) applies.
      expect(kmsOnly.Condition).toEqual({
        Null: { 's3:x-amz-server-side-encryption': 'false' },
        StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' },
      });
    });

    it('allows nothing: it only narrows what IAM grants', () => {
      expect(policy.Statement.every((s) => s.Effect === 'Deny')).toBe(true);
    });

    it('is applied after the public access block', () => {
      const pabId = onlyResourceId(doc, 'aws_s3_bucket_public_access_block');
      expect(resource.depends_on).toEqual([`aws_s3_bucket_public_access_block.${pabId}`]);
    });
  });

  describe('lifecycle', () => {
    const rulesOf = (d: typeof doc) =>
      onlyResource(d, 'aws_s3_bucket_lifecycle_configuration').rule as Record<string, unknown>[];

    it('expires superseded versions after 90 days, keeping the 10 newest, for the whole bucket', () => {
      const rule = rulesOf(doc).find((r) => r.id === 'expire-old-state-versions');
      expect(rule).toMatchObject({
        status: 'Enabled',
        filter: [{}],
        noncurrent_version_expiration: [{ noncurrent_days: 90, newer_noncurrent_versions: 10 }],
      });
      // Current versions never expire: the expiration block only clears orphaned delete markers.
      expect(rule?.expiration).toEqual([{ expired_object_delete_marker: true }]);
    });

    it('aborts incomplete multipart uploads after 7 days', () => {
      expect(rulesOf(doc).find((r) => r.id === 'abort-incomplete-uploads')).toMatchObject({
        status: 'Enabled',
        filter: [{}],
        abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
      });
    });

    it('takes its retention from the props', () => {
      const custom = synthBucket({
        noncurrentVersionRetentionDays: 30,
        noncurrentVersionsToKeep: 3,
        abortIncompleteUploadDays: 2,
      });
      const rules = rulesOf(custom);
      expect(rules.find((r) => r.id === 'expire-old-state-versions')?.noncurrent_version_expiration).toEqual([
        { noncurrent_days: 30, newer_noncurrent_versions: 3 },
      ]);
      expect(
        rules.find((r) => r.id === 'abort-incomplete-uploads')?.abort_incomplete_multipart_upload,
      ).toEqual([{ days_after_initiation: 2 }]);
    });

    it('waits for versioning', () => {
      const versioningId = onlyResourceId(doc, 'aws_s3_bucket_versioning');
      expect(onlyResource(doc, 'aws_s3_bucket_lifecycle_configuration').depends_on).toEqual([
        `aws_s3_bucket_versioning.${versioningId}`,
      ]);
    });
  });

  it('creates no lock table: locking is S3 lock files', () => {
    expect(resources(doc, 'aws_dynamodb_table')).toEqual({});
  });

  it('has no access logging unless asked', () => {
    expect(resources(doc, 'aws_s3_bucket_logging')).toEqual({});
    const logged = synthBucket({ accessLogs: { targetBucket: 'platform-logs-111111111111' } });
    expect(onlyResource(logged, 'aws_s3_bucket_logging')).toMatchObject({
      target_bucket: 'platform-logs-111111111111',
      target_prefix: `s3-access/${BUCKET}/`,
    });
    const prefixed = synthBucket({
      accessLogs: { targetBucket: 'platform-logs-111111111111', targetPrefix: 'state/' },
    });
    expect(onlyResource(prefixed, 'aws_s3_bucket_logging').target_prefix).toBe('state/');
  });

  it('drops prevent_destroy on bucket and key only when told to', () => {
    const loose = synthBucket({ preventDestroy: false });
    expect(onlyResource(loose, 'aws_s3_bucket')).not.toHaveProperty('lifecycle');
    expect(onlyResource(loose, 'aws_kms_key')).not.toHaveProperty('lifecycle');
  });

  describe('validation', () => {
    it.each([
      ['Platform-TFState', 'must be lower case'],
      ['ab', 'must be 3-63 characters long'],
      ['platform.tfstate', "contains '.'"],
      ['-platform-tfstate', 'must begin and end with a letter or digit'],
      ['a'.repeat(64), 'must be 3-63 characters long'],
    ])('rejects the bucket name %s', (bucketName, why) => {
      expect(() => synthBucket({ bucketName })).toThrow(why);
    });

    it.each([
      [{ noncurrentVersionRetentionDays: 0 }, 'noncurrentVersionRetentionDays'],
      [{ noncurrentVersionRetentionDays: 1.5 }, 'noncurrentVersionRetentionDays'],
      [{ noncurrentVersionsToKeep: 0 }, 'noncurrentVersionsToKeep'],
      [{ noncurrentVersionsToKeep: 101 }, 'noncurrentVersionsToKeep'],
      [{ abortIncompleteUploadDays: 0 }, 'abortIncompleteUploadDays'],
    ])('rejects %j', (props, field) => {
      expect(() => synthBucket(props)).toThrow(field);
    });
  });
});
