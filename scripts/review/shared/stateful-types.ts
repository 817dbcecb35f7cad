/**
 * The resource types whose loss loses data (or the ability to read it), shared by `plan-summary` and
 * `synth-diff`: a delete or replace of one of these is DANGER. help/review.md explains each entry to
 * reviewers; keep the two in step.
 */

/** What a stateful resource is, and what its loss costs. */
export interface StatefulKind {
  /** Short name for the reviewer, e.g. `RDS database instance`. */
  readonly label: string;
  /** What is lost when it is destroyed or replaced. */
  readonly loss: string;
}

/** Every stateful type, by Terraform resource type. */
export const STATEFUL_TYPES: Readonly<Record<string, StatefulKind>> = {
  aws_db_instance: {
    label: 'RDS database instance',
    loss: 'its data: a new instance starts empty unless restored from a snapshot, and gets a new endpoint',
  },
  aws_rds_cluster: {
    label: 'RDS/Aurora cluster',
    loss: 'its data: a new cluster starts empty unless restored from a snapshot, and gets new endpoints',
  },
  aws_elasticache_replication_group: {
    label: 'ElastiCache replication group',
    loss: 'every key it holds (sessions, queues, cached data), and its endpoints change',
  },
  aws_elasticache_cluster: {
    label: 'ElastiCache cluster',
    loss: 'every key it holds, and its endpoint changes',
  },
  aws_elasticache_serverless_cache: {
    label: 'ElastiCache serverless cache',
    loss: 'every key it holds, and its endpoint changes',
  },
  aws_s3_bucket: {
    label: 'S3 bucket',
    loss: 'its objects (deleted with force_destroy, else the delete fails half-way); once released, anyone may take the name',
  },
  aws_kms_key: {
    label: 'KMS key',
    loss: 'the means to read everything encrypted under it (databases, snapshots, backups, secrets, logs) once the deletion window ends',
  },
  aws_backup_vault: {
    label: 'AWS Backup vault',
    loss: 'its recovery points: the backups themselves',
  },
  aws_secretsmanager_secret: {
    label: 'Secrets Manager secret',
    loss: 'the secret value after the recovery window; a replacement has a new ARN that every reader must learn',
  },
  aws_dynamodb_table: {
    label: 'DynamoDB table',
    loss: 'every item in the table',
  },
  aws_efs_file_system: {
    label: 'EFS file system',
    loss: 'every file on it',
  },
};

/** Stacks whose name starts with this hold the account's Terraform state (lib/bootstrap). */
const BOOTSTRAP_STACK_PREFIX = 'bootstrap-';

const STATE_BUCKET: StatefulKind = {
  label: 'Terraform state bucket',
  loss: 'the state of every stack in the account: Terraform forgets what it manages, and the next apply tries to create everything again',
};

const STATE_KEY: StatefulKind = {
  label: 'KMS key of the Terraform state',
  loss: 'the means to read the state of every stack in the account once the deletion window ends',
};

/**
 * What a resource of `type` in `stack` is, when it is stateful; `undefined` otherwise. In a
 * `bootstrap-*` stack the bucket is the Terraform state bucket and the key the one encrypting it.
 */
export function statefulKind(type: string, stack: string): StatefulKind | undefined {
  if (stack.startsWith(BOOTSTRAP_STACK_PREFIX)) {
    if (type === 'aws_s3_bucket') return STATE_BUCKET;
    if (type === 'aws_kms_key') return STATE_KEY;
  }
  return Object.prototype.hasOwnProperty.call(STATEFUL_TYPES, type) ? STATEFUL_TYPES[type] : undefined;
}
