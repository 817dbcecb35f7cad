import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import {
  S3BucketLifecycleConfiguration,
  S3BucketLifecycleConfigurationRule,
} from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import {
  S3BucketServerSideEncryptionConfigurationA,
  S3BucketServerSideEncryptionConfigurationRuleA,
} from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { ITerraformDependable, TerraformResourceLifecycle, Token } from 'cdktf';
import { Construct } from 'constructs';
import { nameViolation } from '../naming';
import { policyDocument, PolicyStatement } from '../security/policy-document';

/** SSE-KMS: objects encrypted with a customer-managed KMS key. */
export interface SecureBucketKmsEncryption {
  /** Selects SSE-KMS. */
  readonly type: 'sse-kms';
  /** ARN of the key. Its key policy must let every writer use it, services included. */
  readonly keyArn: string;
}

/**
 * SSE-S3: objects encrypted with keys S3 owns. Only for writers that cannot use a KMS key, such
 * as ALB access log delivery.
 */
export interface SecureBucketS3ManagedEncryption {
  /** Selects SSE-S3 (AES-256). */
  readonly type: 'sse-s3';
}

/** How a {@link SecureBucket} encrypts objects by default. */
export type SecureBucketEncryption = SecureBucketKmsEncryption | SecureBucketS3ManagedEncryption;

/** Props of {@link SecureBucket}. */
export interface SecureBucketProps {
  /**
   * Bucket name, 3-63 lowercase letters, digits and hyphens, global across AWS. Checked here unless
   * it contains a token (such as the account id): then the caller checks what it can.
   */
  readonly bucketName: string;
  /**
   * Default encryption of new objects. Required: SSE-KMS needs a key, and SSE-S3 (weaker: no key
   * policy, no key audit trail) must be a deliberate choice, never a silent default.
   */
  readonly encryption: SecureBucketEncryption;
  /** Keep every version of every object, so an overwrite or a deletion can be undone. @default true */
  readonly versioned?: boolean;
  /**
   * Lifecycle rules, as the provider takes them; they replace the default. A bucket has one
   * lifecycle configuration, so every rule goes here.
   * @default [abortIncompleteUploadsRule()]: multipart uploads left unfinished for 7 days are aborted
   */
  readonly lifecycleRules?: S3BucketLifecycleConfigurationRule[];
  /** Refuse `terraform destroy` of the bucket. @default false */
  readonly preventDestroy?: boolean;
  /** Tags of the bucket (the provider's default tags are added to them). @default `{ Name: bucketName }` */
  readonly tags?: Record<string, string>;
}

/** Days after which {@link abortIncompleteUploadsRule} aborts an unfinished multipart upload, by default. */
export const DEFAULT_ABORT_INCOMPLETE_UPLOAD_DAYS = 7;

/**
 * A lifecycle rule that aborts multipart uploads left unfinished for `days`: their parts are billed
 * as storage but never listed as objects.
 */
export function abortIncompleteUploadsRule(
  days = DEFAULT_ABORT_INCOMPLETE_UPLOAD_DAYS,
): S3BucketLifecycleConfigurationRule {
  return {
    id: 'abort-incomplete-uploads',
    status: 'Enabled',
    // An empty filter is the whole bucket (the provider docs' form; a rule without one warns).
    filter: [{}],
    abortIncompleteMultipartUpload: [{ daysAfterInitiation: days }],
  };
}

/**
 * An S3 bucket with the hardening every bucket here gets: never force-destroyed, versioned,
 * encrypted by default (SSE-KMS with an S3 bucket key, or SSE-S3 where a writer requires it),
 * all public access blocked, ACLs disabled (bucket owner enforced), and a bucket policy that denies
 * requests without TLS or with TLS older than 1.2. Callers add their own policy statements with
 * {@link addToPolicy}, e.g. a log delivery grant.
 */
export class SecureBucket extends Construct {
  /** The bucket. */
  readonly bucket: S3Bucket;
  /** Versioning: `Enabled`, or `Disabled` (never versioned) when {@link SecureBucketProps.versioned} is false. */
  readonly versioning: S3BucketVersioningA;
  /** Default encryption of new objects. */
  readonly encryption: S3BucketServerSideEncryptionConfigurationA;
  /** Blocks every form of public access. */
  readonly publicAccessBlock: S3BucketPublicAccessBlock;
  /** Object ownership `BucketOwnerEnforced`: ACLs are off and the bucket owner owns every object. */
  readonly ownershipControls: S3BucketOwnershipControls;
  /** The bucket policy: the TLS baseline, then every statement given to {@link addToPolicy}. */
  readonly policy: S3BucketPolicy;
  /** The lifecycle rules. */
  readonly lifecycle: S3BucketLifecycleConfiguration;
  /**
   * What must exist before a service writes to the bucket. Without the bucket policy in place
   * first, log deliveries attach a policy of their own, which then drifts from this one.
   */
  readonly readiness: ITerraformDependable[];
  /** Name of the bucket, as a reference to it (so whoever uses it depends on the bucket). */
  readonly bucketName: string;
  /** ARN of the bucket. */
  readonly bucketArn: string;

  private readonly statements: PolicyStatement[];

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.bucketName)) {
      const why = nameViolation('s3Bucket', props.bucketName);
      if (why) throw new Error(`SecureBucket ${this.node.path}: bucket name '${props.bucketName}' ${why}`);
    }
    const lifecycleRules = props.lifecycleRules ?? [abortIncompleteUploadsRule()];
    if (lifecycleRules.length === 0) {
      throw new Error(
        `SecureBucket ${this.node.path}: lifecycleRules must hold at least one rule (S3 rejects an empty configuration); leave it out for the default`,
      );
    }
    const defaultEncryption = encryptionRule(this.node.path, props.encryption);
    const lifecycle: TerraformResourceLifecycle | undefined = props.preventDestroy
      ? { preventDestroy: true }
      : undefined;

    this.bucket = new S3Bucket(this, 'bucket', {
      bucket: props.bucketName,
      // Never empty a bucket to delete it: a destroy of a bucket with data fails instead.
      forceDestroy: false,
      tags: props.tags ?? { Name: props.bucketName },
      lifecycle,
    });
    this.bucketName = this.bucket.bucket;
    this.bucketArn = this.bucket.arn;

    this.versioning = new S3BucketVersioningA(this, 'versioning', {
      bucket: this.bucket.id,
      // `Disabled` rather than no resource: the plan says the bucket is unversioned, and the
      // provider refuses to turn an already versioned bucket back to `Disabled`.
      versioningConfiguration: { status: (props.versioned ?? true) ? 'Enabled' : 'Disabled' },
    });

    this.encryption = new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      rule: [defaultEncryption],
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

    const everything = [this.bucketArn, this.arnForObjects('*')];
    this.statements = [
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
    ];
    this.policy = new S3BucketPolicy(this, 'policy', {
      bucket: this.bucket.id,
      policy: policyDocument(this.statements),
      // S3 aborts a policy change made while the public access block is changing (OperationAborted).
      dependsOn: [this.publicAccessBlock],
    });

    this.lifecycle = new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: this.bucket.id,
      rule: lifecycleRules,
      // Rules on noncurrent versions need versioning in place first.
      dependsOn: [this.versioning],
    });

    this.readiness = [this.policy, this.encryption, this.ownershipControls, this.publicAccessBlock];
  }

  /** The ARN of the objects whose keys match `keyPattern` (`*` and `?` wildcards), e.g. `AWSLogs/*`. */
  arnForObjects(keyPattern: string): string {
    return `${this.bucketArn}/${keyPattern}`;
  }

  /**
   * Appends statements to the bucket policy, after the TLS baseline. Each needs a Sid of its own:
   * tests and reviewers find statements by it.
   */
  addToPolicy(...statements: PolicyStatement[]): void {
    for (const statement of statements) {
      if (this.statements.some((existing) => existing.Sid === statement.Sid)) {
        throw new Error(
          `SecureBucket ${this.node.path}: the bucket policy already has a statement ${statement.Sid}`,
        );
      }
      this.statements.push(statement);
    }
    this.policy.policy = policyDocument(this.statements);
  }
}

function encryptionRule(
  path: string,
  encryption: SecureBucketEncryption,
): S3BucketServerSideEncryptionConfigurationRuleA {
  switch (encryption.type) {
    case 'sse-kms':
      if (!encryption.keyArn) throw new Error(`SecureBucket ${path}: encryption.keyArn is empty`);
      return {
        applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: encryption.keyArn },
        // One data key per bucket instead of per object: cuts KMS requests (cost, throttling) by orders of magnitude.
        bucketKeyEnabled: true,
      };
    case 'sse-s3':
      // Bucket keys only apply to KMS.
      return { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } };
    default:
      // Reachable from JavaScript callers, which the type does not bind.
      throw new Error(
        `SecureBucket ${path}: encryption.type must be 'sse-kms' or 'sse-s3', got ${JSON.stringify((encryption as { type: unknown }).type)}`,
      );
  }
}
