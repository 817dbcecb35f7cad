import { TerraformOutput, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import {
  abortIncompleteUploadsRule,
  SecureBucket,
  SecureBucketEncryption,
  SecureBucketProps,
} from '../../lib/storage';
import {
  onlyResource,
  onlyResourceId,
  parsePolicy,
  ref,
  resources,
  synthScope,
  TerraformJson,
} from '../support/synth';
import { denyInsecureTransport, denyTlsOlderThan12 } from '../support/s3-policy';

const NAME = 'platform-assets-111111111111';
const KEY_ARN = 'arn:aws:kms:eu-west-1:111111111111:key/11111111-2222-3333-4444-555555555555';
const KMS: SecureBucketEncryption = { type: 'sse-kms', keyArn: KEY_ARN };

/** Synthesizes one SecureBucket (`build` may use it further) and parses the JSON. */
function synthBucket(
  props: Partial<SecureBucketProps> = {},
  build: (bucket: SecureBucket, scope: Construct) => void = () => {},
): TerraformJson {
  return synthScope((scope) => {
    build(new SecureBucket(scope, 'assets', { bucketName: NAME, encryption: KMS, ...props }), scope);
  });
}

/** `${aws_s3_bucket.<id>.<attribute>}` of the only bucket. */
function bucketRef(doc: TerraformJson, attribute = 'id'): string {
  return ref('aws_s3_bucket', onlyResourceId(doc, 'aws_s3_bucket'), attribute);
}

/** The only resource of a type, depended on by address. */
function address(doc: TerraformJson, type: string): string {
  return `${type}.${onlyResourceId(doc, type)}`;
}

describe('SecureBucket defaults', () => {
  const doc = synthBucket();
  const id = bucketRef(doc);
  const arn = bucketRef(doc, 'arn');

  it('creates the named bucket, tagged with its name, never force-destroyed, destroyable', () => {
    expect(onlyResource(doc, 'aws_s3_bucket')).toEqual({
      bucket: NAME,
      force_destroy: false,
      tags: { Name: NAME },
    });
  });

  it('turns versioning on', () => {
    expect(onlyResource(doc, 'aws_s3_bucket_versioning')).toEqual({
      bucket: id,
      versioning_configuration: { status: 'Enabled' },
    });
  });

  it('encrypts with the given KMS key and an S3 bucket key', () => {
    expect(onlyResource(doc, 'aws_s3_bucket_server_side_encryption_configuration')).toEqual({
      bucket: id,
      rule: [
        {
          apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: KEY_ARN },
          bucket_key_enabled: true,
        },
      ],
    });
  });

  it('blocks public access all four ways and disables ACLs', () => {
    expect(onlyResource(doc, 'aws_s3_bucket_public_access_block')).toEqual({
      bucket: id,
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(onlyResource(doc, 'aws_s3_bucket_ownership_controls')).toEqual({
      bucket: id,
      rule: { object_ownership: 'BucketOwnerEnforced' },
    });
  });

  it('has a policy of exactly the TLS baseline, applied after the public access block', () => {
    const policy = onlyResource(doc, 'aws_s3_bucket_policy');
    expect(policy.bucket).toBe(id);
    expect(policy.depends_on).toEqual([address(doc, 'aws_s3_bucket_public_access_block')]);
    expect(parsePolicy(policy.policy)).toEqual({
      Version: '2012-10-17',
      Statement: [denyInsecureTransport(arn), denyTlsOlderThan12(arn)],
    });
  });

  it('aborts incomplete multipart uploads after 7 days, once versioning is in place', () => {
    expect(onlyResource(doc, 'aws_s3_bucket_lifecycle_configuration')).toEqual({
      bucket: id,
      rule: [
        {
          id: 'abort-incomplete-uploads',
          status: 'Enabled',
          filter: [{}],
          abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
        },
      ],
      depends_on: [address(doc, 'aws_s3_bucket_versioning')],
    });
  });

  it('creates nothing else', () => {
    expect(Object.keys(doc.resource ?? {}).sort()).toEqual([
      'aws_s3_bucket',
      'aws_s3_bucket_lifecycle_configuration',
      'aws_s3_bucket_ownership_controls',
      'aws_s3_bucket_policy',
      'aws_s3_bucket_public_access_block',
      'aws_s3_bucket_server_side_encryption_configuration',
      'aws_s3_bucket_versioning',
    ]);
  });

  it('exposes the name, ARN, object ARNs and what a writer must wait for, as references', () => {
    const seen: Record<string, unknown> = {};
    const exposed = synthBucket({}, (bucket, scope) => {
      // An output of the fields shows what they synthesize to.
      new TerraformOutput(scope, 'probe', {
        value: {
          name: bucket.bucketName,
          arn: bucket.bucketArn,
          logs: bucket.arnForObjects('AWSLogs/*'),
        },
      });
      seen.readiness = bucket.readiness;
      seen.resources = [bucket.policy, bucket.encryption, bucket.ownershipControls, bucket.publicAccessBlock];
    });
    const probe = exposed.output?.probe.value;
    const exposedArn = bucketRef(exposed, 'arn');
    expect(probe).toEqual({
      name: bucketRef(exposed, 'bucket'),
      arn: exposedArn,
      logs: `${exposedArn}/AWSLogs/*`,
    });
    expect(seen.readiness).toEqual(seen.resources);
  });
});

describe('SecureBucket options', () => {
  it("encrypts with SSE-S3 for writers that cannot use KMS, without a bucket key (KMS's alone)", () => {
    const doc = synthBucket({ encryption: { type: 'sse-s3' } });
    expect(onlyResource(doc, 'aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } },
    ]);
  });

  it('marks an unversioned bucket Disabled rather than leaving versioning out', () => {
    const doc = synthBucket({ versioned: false });
    expect(onlyResource(doc, 'aws_s3_bucket_versioning').versioning_configuration).toEqual({
      status: 'Disabled',
    });
  });

  it('passes lifecycle rules through, in place of the default', () => {
    const doc = synthBucket({
      lifecycleRules: [
        {
          id: 'expire-logs',
          status: 'Enabled',
          filter: [{ prefix: 'logs/' }],
          expiration: [{ days: 30 }],
          noncurrentVersionExpiration: [{ noncurrentDays: 7 }],
        },
        abortIncompleteUploadsRule(2),
      ],
    });
    expect(onlyResource(doc, 'aws_s3_bucket_lifecycle_configuration').rule).toEqual([
      {
        id: 'expire-logs',
        status: 'Enabled',
        filter: [{ prefix: 'logs/' }],
        expiration: [{ days: 30 }],
        noncurrent_version_expiration: [{ noncurrent_days: 7 }],
      },
      {
        id: 'abort-incomplete-uploads',
        status: 'Enabled',
        filter: [{}],
        abort_incomplete_multipart_upload: [{ days_after_initiation: 2 }],
      },
    ]);
  });

  it('protects the bucket from destroy when asked', () => {
    const doc = synthBucket({ preventDestroy: true });
    expect(onlyResource(doc, 'aws_s3_bucket').lifecycle).toEqual({ prevent_destroy: true });
    expect(onlyResource(synthBucket({ preventDestroy: false }), 'aws_s3_bucket')).not.toHaveProperty(
      'lifecycle',
    );
  });

  it('takes its tags from the props', () => {
    const doc = synthBucket({ tags: { Name: 'assets', team: 'web' } });
    expect(onlyResource(doc, 'aws_s3_bucket').tags).toEqual({ Name: 'assets', team: 'web' });
  });

  it('appends statements to the policy after the baseline, in the order given', () => {
    const doc = synthBucket({}, (bucket) => {
      bucket.addToPolicy({
        Sid: 'AllowLogDelivery',
        Effect: 'Allow',
        Principal: { Service: 'delivery.logs.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: bucket.arnForObjects('AWSLogs/*'),
      });
      bucket.addToPolicy(
        { Sid: 'DenyDeletes', Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: '*' },
        { Sid: 'DenyVersionDeletes', Effect: 'Deny', Principal: '*', Action: 's3:DeleteObjectVersion' },
      );
    });
    const policy = parsePolicy(onlyResource(doc, 'aws_s3_bucket_policy').policy);
    expect(policy.Statement.map((s) => s.Sid)).toEqual([
      'DenyInsecureTransport',
      'DenyTlsOlderThan12',
      'AllowLogDelivery',
      'DenyDeletes',
      'DenyVersionDeletes',
    ]);
    expect(policy.Statement[2]).toEqual({
      Sid: 'AllowLogDelivery',
      Effect: 'Allow',
      Principal: { Service: 'delivery.logs.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `${bucketRef(doc, 'arn')}/AWSLogs/*`,
    });
    // Still one policy resource: a bucket has one policy.
    expect(Object.keys(resources(doc, 'aws_s3_bucket_policy'))).toHaveLength(1);
  });

  it('leaves a name that is a token (e.g. holding the account id) to the caller to check', () => {
    const doc = synthScope((scope) => {
      const suffix = new TerraformVariable(scope, 'suffix', { type: 'string' });
      new SecureBucket(scope, 'assets', { bucketName: `Not_Checked-${suffix.stringValue}`, encryption: KMS });
    });
    expect(onlyResource(doc, 'aws_s3_bucket').bucket).toBe('Not_Checked-${var.suffix}');
  });
});

describe('SecureBucket validation', () => {
  it.each([
    ['Platform-Assets', 'must be lower case'],
    ['ab', 'must be 3-63 characters long'],
    ['a'.repeat(64), 'must be 3-63 characters long'],
    ['platform.assets', "contains '.'"],
    ['platform_assets', "contains '_'"],
    ['platform-assets-', 'must begin and end with a letter or digit'],
    ['platform--assets', "must not contain '--'"],
  ])('rejects the bucket name %s (%s)', (bucketName, why) => {
    expect(() => synthBucket({ bucketName })).toThrow(
      `SecureBucket stack/assets: bucket name '${bucketName}' ${why}`,
    );
  });

  it('accepts names at the length limits', () => {
    expect(() => synthBucket({ bucketName: 'abc' })).not.toThrow();
    expect(() => synthBucket({ bucketName: 'a'.repeat(63) })).not.toThrow();
  });

  it('rejects an empty list of lifecycle rules, which S3 would reject', () => {
    expect(() => synthBucket({ lifecycleRules: [] })).toThrow('lifecycleRules must hold at least one rule');
  });

  it('rejects SSE-KMS without a key', () => {
    expect(() => synthBucket({ encryption: { type: 'sse-kms', keyArn: '' } })).toThrow(
      'encryption.keyArn is empty',
    );
  });

  it('rejects an unknown encryption type (possible from JavaScript)', () => {
    const encryption = { type: 'sse-c' } as unknown as SecureBucketEncryption;
    expect(() => synthBucket({ encryption })).toThrow(
      `encryption.type must be 'sse-kms' or 'sse-s3', got "sse-c"`,
    );
  });

  it.each(['DenyInsecureTransport', 'DenyTlsOlderThan12', 'Mine'])(
    'rejects a second policy statement %s',
    (sid) => {
      const statement = { Sid: sid, Effect: 'Deny' as const, Principal: '*' as const, Action: 's3:*' };
      expect(() =>
        synthBucket({}, (bucket) => {
          if (sid === 'Mine') bucket.addToPolicy(statement);
          bucket.addToPolicy(statement);
        }),
      ).toThrow(`SecureBucket stack/assets: the bucket policy already has a statement ${sid}`);
    },
  );
});
