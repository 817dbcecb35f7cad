/**
 * The naming rules AWS enforces per resource type, as far as they matter for names we generate.
 *
 * Sources: the "Naming constraints" sections of each service's API reference (S3 bucket naming
 * rules, ELBv2 CreateLoadBalancer/CreateTargetGroup, RDS CreateDBInstance DBInstanceIdentifier,
 * ElastiCache CreateReplicationGroup ReplicationGroupId, IAM quotas, Backup CreateBackupVault).
 */
export interface NameRule {
  /** Longest name AWS accepts. */
  readonly maxLength: number;
  /** Shortest name AWS accepts. @default 1 */
  readonly minLength?: number;
  /** AWS lowercases or rejects upper case: we lowercase. @default false */
  readonly lowercase?: boolean;
  /** Characters AWS accepts; every other character becomes a hyphen. */
  readonly allowed: RegExp;
  /** Must begin with a letter (RDS, ElastiCache). @default false */
  readonly startsWithLetter?: boolean;
  /** Must begin and end with a letter or digit (S3, ELB). @default true */
  readonly alphanumericEnds?: boolean;
  /** Two hyphens in a row are rejected (RDS, ElastiCache, S3 style). @default true */
  readonly noDoubleHyphen?: boolean;
}

const LOWER_DNS = /[a-z0-9-]/;
const ALNUM_HYPHEN = /[a-zA-Z0-9-]/;
const IAM = /[a-zA-Z0-9+=,.@_-]/;

/** Every kind of name the constructs generate, with AWS's limits for it. */
export const NAME_RULES = {
  /** S3 bucket: 3-63, lowercase letters, digits, hyphens; no dots (they break TLS wildcard certificates). */
  s3Bucket: { maxLength: 63, minLength: 3, lowercase: true, allowed: LOWER_DNS },
  /** Application Load Balancer: 32, letters, digits, hyphens. */
  loadBalancer: { maxLength: 32, allowed: ALNUM_HYPHEN },
  /** ELB target group: 32, letters, digits, hyphens. */
  targetGroup: { maxLength: 32, allowed: ALNUM_HYPHEN },
  /** RDS DB instance / cluster identifier: 63, starts with a letter, stored lowercase. */
  rdsIdentifier: { maxLength: 63, lowercase: true, allowed: LOWER_DNS, startsWithLetter: true },
  /** RDS subnet, parameter and option groups: 255, lowercase. */
  rdsGroup: { maxLength: 255, lowercase: true, allowed: LOWER_DNS, startsWithLetter: true },
  /** RDS Proxy: 63, starts with a letter. */
  rdsProxy: { maxLength: 63, lowercase: true, allowed: LOWER_DNS, startsWithLetter: true },
  /** ElastiCache replication group id: 40, starts with a letter, lowercase. */
  elasticacheReplicationGroup: { maxLength: 40, lowercase: true, allowed: LOWER_DNS, startsWithLetter: true },
  /** ElastiCache subnet and parameter groups: 255, lowercase. */
  elasticacheGroup: { maxLength: 255, lowercase: true, allowed: LOWER_DNS, startsWithLetter: true },
  /** IAM role: 64. */
  iamRole: { maxLength: 64, allowed: IAM },
  /** IAM policy: 128. */
  iamPolicy: { maxLength: 128, allowed: IAM },
  /** EC2 security group name: 255 (we keep them readable). */
  securityGroup: { maxLength: 255, allowed: /[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]/ },
  /** CloudWatch Logs log group: 512. */
  logGroup: { maxLength: 512, allowed: /[a-zA-Z0-9_\-/.#]/, alphanumericEnds: false },
  /** KMS alias name after `alias/`: 256. */
  kmsAlias: { maxLength: 250, allowed: /[a-zA-Z0-9/_-]/ },
  /** SNS topic: 256, letters, digits, hyphens, underscores. */
  snsTopic: { maxLength: 256, allowed: /[a-zA-Z0-9_-]/ },
  /** Secrets Manager secret: 512. */
  secret: { maxLength: 512, allowed: /[a-zA-Z0-9/_+=.@-]/ },
  /** CloudWatch alarm: 255. */
  alarm: { maxLength: 255, allowed: /[a-zA-Z0-9 _.\-/()]/ },
  /** ECS cluster, service, task family: 255. */
  ecs: { maxLength: 255, allowed: /[a-zA-Z0-9_-]/ },
  /** WAFv2 web ACL and rule names: 128. */
  waf: { maxLength: 128, allowed: /[a-zA-Z0-9_-]/ },
  /** AWS Backup vault and plan: 50. */
  backup: { maxLength: 50, allowed: /[a-zA-Z0-9_-]/ },
  /** AWS Budgets budget: 100. */
  budget: { maxLength: 100, allowed: /[a-zA-Z0-9_-]/ },
  /** CloudFront origin access control, policies: 64. */
  cloudfront: { maxLength: 64, allowed: /[a-zA-Z0-9_-]/ },
  /** Anything else tagged with a `Name`: 255. */
  generic: { maxLength: 255, allowed: /[a-zA-Z0-9 _.:/=+@-]/ },
} as const satisfies Record<string, NameRule>;

/** A kind of AWS name: a key of {@link NAME_RULES}. */
export type NameKind = keyof typeof NAME_RULES;
