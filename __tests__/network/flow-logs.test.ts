import { Testing } from 'cdktf';
import { FlowLogBucket } from '../../lib/network';
import { denyInsecureTransport, denyTlsOlderThan12 } from '../support/s3-policy';
import { list, policyOf, ref, statement } from '../support/synth';
import { onlyResource, resourcesOf, synthNetwork, TfJson } from './synth-network';

/** The Terraform expressions awsContext resolves to in a synthesized stack. */
function context(json: TfJson) {
  const [caller] = Object.keys(json.data.aws_caller_identity);
  const [partition] = Object.keys(json.data.aws_partition);
  const [region] = Object.keys(json.data.aws_region);
  return {
    accountId: `\${data.aws_caller_identity.${caller}.account_id}`,
    partition: `\${data.aws_partition.${partition}.partition}`,
    dnsSuffix: `\${data.aws_partition.${partition}.dns_suffix}`,
    region: `\${data.aws_region.${region}.region}`,
  };
}

describe('flow logs to CloudWatch Logs (default)', () => {
  const json = synthNetwork();
  const aws = context(json);
  const [groupName, group] = onlyResource(json, 'aws_cloudwatch_log_group');
  const [keyName, key] = onlyResource(json, 'aws_kms_key');
  const [roleName, role] = onlyResource(json, 'aws_iam_role');
  const groupArn = `arn:${aws.partition}:logs:${aws.region}:${aws.accountId}:log-group:/platform-prod/vpc-flow-logs`;

  test('the flow log records ALL traffic of the VPC, aggregated over 60 s, into the log group with the role', () => {
    const [vpcName] = onlyResource(json, 'aws_vpc');
    const [, flowLog] = onlyResource(json, 'aws_flow_log');
    expect(flowLog).toMatchObject({
      vpc_id: ref('aws_vpc', vpcName),
      traffic_type: 'ALL',
      max_aggregation_interval: 60,
      log_destination_type: 'cloud-watch-logs',
      log_destination: ref('aws_cloudwatch_log_group', groupName, 'arn'),
      iam_role_arn: ref('aws_iam_role', roleName, 'arn'),
    });
    expect(flowLog.log_format).toBeUndefined();
    const [policyName] = onlyResource(json, 'aws_iam_role_policy');
    expect(flowLog.depends_on).toContain(`aws_iam_role_policy.${policyName}`);
  });

  test('the log group keeps records 90 days, encrypted with its own rotating key', () => {
    expect(group).toMatchObject({
      name: '/platform-prod/vpc-flow-logs',
      retention_in_days: 90,
      kms_key_id: ref('aws_kms_key', keyName, 'arn'),
    });
    expect(key.enable_key_rotation).toBe(true);
    const [, alias] = onlyResource(json, 'aws_kms_alias');
    expect(alias.name).toBe('alias/platform-prod-vpc-flow-log-group');
  });

  test('the key serves CloudWatch Logs only for this log group (encryption context condition)', () => {
    const grants = policyOf(key).Statement.filter(
      (s) => typeof s.Principal === 'object' && 'Service' in s.Principal,
    );
    expect(grants).toHaveLength(1);
    expect(grants[0].Principal).toEqual({ Service: `logs.${aws.region}.${aws.dnsSuffix}` });
    expect(grants[0].Condition).toEqual({ ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': groupArn } });
  });

  test('the role is trusted only by vpc-flow-logs.amazonaws.com of this account', () => {
    const trust = policyOf(role, 'assume_role_policy').Statement;
    expect(trust).toHaveLength(1);
    expect(trust[0]).toMatchObject({
      Effect: 'Allow',
      Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: {
        StringEquals: { 'aws:SourceAccount': aws.accountId },
        ArnLike: {
          'aws:SourceArn': `arn:${aws.partition}:ec2:${aws.region}:${aws.accountId}:vpc-flow-log/*`,
        },
      },
    });
    expect(role.name).toBe('platform-prod-vpc-flow-logs');
  });

  test('the role may write to this log group only, and no statement has a "*" resource', () => {
    const [, policyResource] = onlyResource(json, 'aws_iam_role_policy');
    expect(policyResource.role).toBe(ref('aws_iam_role', roleName));
    const policy = policyOf(policyResource);
    const groupRef = ref('aws_cloudwatch_log_group', groupName, 'arn');
    expect(statement(policy, 'WriteFlowLogRecords')).toMatchObject({
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
      Resource: [groupRef, `${groupRef}:*`],
    });
    expect(statement(policy, 'FindTheLogGroup').Resource).toBe(
      `arn:${aws.partition}:logs:${aws.region}:${aws.accountId}:log-group:*`,
    );
    for (const s of policy.Statement) {
      expect(list(s.Resource)).not.toContain('*');
      expect(list(s.Action).every((action) => action.startsWith('logs:'))).toBe(true);
    }
  });

  test('no S3 destination is created', () => {
    expect(resourcesOf(json, 'aws_s3_bucket')).toHaveLength(0);
  });
});

describe('flow log options', () => {
  test('retention, traffic type and aggregation interval', () => {
    const json = synthNetwork({
      flowLogs: { retentionDays: 365, trafficType: 'REJECT', maxAggregationIntervalSeconds: 600 },
    });
    expect(onlyResource(json, 'aws_cloudwatch_log_group')[1].retention_in_days).toBe(365);
    expect(onlyResource(json, 'aws_flow_log')[1]).toMatchObject({
      traffic_type: 'REJECT',
      max_aggregation_interval: 600,
    });
  });

  test('preventDestroy protects the log group and its key', () => {
    const json = synthNetwork({ flowLogs: { preventDestroy: true } });
    expect(onlyResource(json, 'aws_cloudwatch_log_group')[1].lifecycle).toEqual({ prevent_destroy: true });
    expect(onlyResource(json, 'aws_kms_key')[1].lifecycle).toEqual({ prevent_destroy: true });
  });

  test('without preventDestroy nothing is protected (so dev can be torn down)', () => {
    const json = synthNetwork();
    expect(onlyResource(json, 'aws_cloudwatch_log_group')[1].lifecycle).toBeUndefined();
    expect(onlyResource(json, 'aws_kms_key')[1].lifecycle).toBeUndefined();
  });

  test('preventDestroy protects the bucket and its key', () => {
    const json = synthNetwork({ flowLogs: { destination: 's3', preventDestroy: true } });
    expect(onlyResource(json, 'aws_s3_bucket')[1].lifecycle).toEqual({ prevent_destroy: true });
    expect(onlyResource(json, 'aws_kms_key')[1].lifecycle).toEqual({ prevent_destroy: true });
  });
});

describe('flow logs to S3', () => {
  const json = synthNetwork({ flowLogs: { destination: 's3', retentionDays: 365 } });
  const aws = context(json);
  const [bucketName, bucket] = onlyResource(json, 'aws_s3_bucket');
  const [keyName, key] = onlyResource(json, 'aws_kms_key');
  const bucketId = ref('aws_s3_bucket', bucketName);
  const bucketArn = ref('aws_s3_bucket', bucketName, 'arn');
  const fromThisAccountsLogs = {
    StringEquals: { 'aws:SourceAccount': aws.accountId },
    ArnLike: { 'aws:SourceArn': `arn:${aws.partition}:logs:${aws.region}:${aws.accountId}:*` },
  };

  test('the bucket is named after the prefix and the account, and is never force-destroyed', () => {
    expect(bucket.bucket).toBe(`platform-prod-flow-logs-${aws.accountId}`);
    expect(bucket.force_destroy).toBe(false);
  });

  test('versioned, SSE-KMS with its own key and bucket keys', () => {
    expect(onlyResource(json, 'aws_s3_bucket_versioning')[1]).toMatchObject({
      bucket: bucketId,
      versioning_configuration: { status: 'Enabled' },
    });
    expect(onlyResource(json, 'aws_s3_bucket_server_side_encryption_configuration')[1]).toMatchObject({
      bucket: bucketId,
      rule: [
        {
          apply_server_side_encryption_by_default: {
            sse_algorithm: 'aws:kms',
            kms_master_key_id: ref('aws_kms_key', keyName, 'arn'),
          },
          bucket_key_enabled: true,
        },
      ],
    });
    expect(key.enable_key_rotation).toBe(true);
  });

  test('public access blocked four ways, ACLs disabled', () => {
    expect(onlyResource(json, 'aws_s3_bucket_public_access_block')[1]).toEqual({
      bucket: bucketId,
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(onlyResource(json, 'aws_s3_bucket_ownership_controls')[1]).toEqual({
      bucket: bucketId,
      rule: { object_ownership: 'BucketOwnerEnforced' },
    });
  });

  test('the bucket policy denies plain HTTP and TLS before 1.2, and lets log delivery of this account write', () => {
    const policy = policyOf(onlyResource(json, 'aws_s3_bucket_policy')[1]);
    expect(statement(policy, 'DenyInsecureTransport')).toEqual(denyInsecureTransport(bucketArn));
    expect(statement(policy, 'DenyTlsOlderThan12')).toEqual(denyTlsOlderThan12(bucketArn));
    expect(statement(policy, 'AWSLogDeliveryWrite')).toEqual({
      Sid: 'AWSLogDeliveryWrite',
      Effect: 'Allow',
      Principal: { Service: 'delivery.logs.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `${bucketArn}/AWSLogs/${aws.accountId}/*`,
      Condition: {
        StringEquals: { 'aws:SourceAccount': aws.accountId, 's3:x-amz-acl': 'bucket-owner-full-control' },
        ArnLike: fromThisAccountsLogs.ArnLike,
      },
    });
    expect(statement(policy, 'AWSLogDeliveryAclCheck')).toEqual({
      Sid: 'AWSLogDeliveryAclCheck',
      Effect: 'Allow',
      Principal: { Service: 'delivery.logs.amazonaws.com' },
      Action: ['s3:GetBucketAcl', 's3:ListBucket'],
      Resource: bucketArn,
      Condition: fromThisAccountsLogs,
    });
    // Nothing beyond the TLS baseline and the two statements AWS documents for log delivery.
    expect(policy.Statement.map((s) => s.Sid)).toEqual([
      'DenyInsecureTransport',
      'DenyTlsOlderThan12',
      'AWSLogDeliveryWrite',
      'AWSLogDeliveryAclCheck',
    ]);
  });

  test('the key lets log delivery of this account encrypt, nothing more', () => {
    const grants = policyOf(key).Statement.filter(
      (s) => typeof s.Principal === 'object' && 'Service' in s.Principal,
    );
    expect(grants).toEqual([
      expect.objectContaining({
        Principal: { Service: 'delivery.logs.amazonaws.com' },
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        Condition: fromThisAccountsLogs,
      }),
    ]);
  });

  test('objects expire after retentionDays; noncurrent versions and delete markers are cleaned up', () => {
    const [, lifecycle] = onlyResource(json, 'aws_s3_bucket_lifecycle_configuration');
    const rules = lifecycle.rule as Record<string, unknown>[];
    expect(rules).toEqual([
      expect.objectContaining({
        id: 'expire-flow-logs',
        status: 'Enabled',
        filter: [{}],
        expiration: [{ days: 365 }],
        noncurrent_version_expiration: [{ noncurrent_days: 30 }],
        abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
      }),
      expect.objectContaining({ status: 'Enabled', expiration: [{ expired_object_delete_marker: true }] }),
    ]);
  });

  test('the flow log delivers to the bucket only once its policy and encryption are in place', () => {
    const [, flowLog] = onlyResource(json, 'aws_flow_log');
    expect(flowLog).toMatchObject({ log_destination_type: 's3', log_destination: bucketArn });
    expect(flowLog.iam_role_arn).toBeUndefined();
    const dependsOn = flowLog.depends_on ?? [];
    for (const type of ['aws_s3_bucket_policy', 'aws_s3_bucket_server_side_encryption_configuration']) {
      expect(dependsOn).toContain(`${type}.${onlyResource(json, type)[0]}`);
    }
  });

  test('no CloudWatch destination and no role', () => {
    expect(resourcesOf(json, 'aws_cloudwatch_log_group')).toHaveLength(0);
    expect(resourcesOf(json, 'aws_iam_role')).toHaveLength(0);
    expect(onlyResource(json, 'aws_kms_alias')[1].name).toBe('alias/platform-prod-vpc-flow-log-bucket');
  });
});

describe('FlowLogBucket used on its own', () => {
  test('refuses a prefix that would push the bucket name past 63 characters', () => {
    expect(() =>
      Testing.synthScope((scope) => {
        new FlowLogBucket(scope, 'bucket', { namePrefix: 'a'.repeat(41), retentionDays: 7 });
      }),
    ).toThrow(/would exceed S3's 63 characters/);
  });
});
