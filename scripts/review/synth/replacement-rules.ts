/**
 * Which argument changes make Terraform replace a stateful resource (destroy it and create a new,
 * empty one), per type, for hashicorp/aws 6.x (the provider @cdktf/provider-aws 21 binds: 6.25).
 *
 * Checked against the provider's schema (`ForceNew: true`, or a `CustomizeDiff` that forces new)
 * and its docs ("Forces new resource"), in hashicorp/terraform-provider-aws:
 * - aws_db_instance: internal/service/rds/instance.go; website/docs/r/db_instance.html.markdown.
 *   `identifier` has NOT forced replacement since provider 5.0 (issue #507, PR #31232: renamed in
 *   place through ModifyDBInstance NewDBInstanceIdentifier), and `db_subnet_group_name` is sent to
 *   ModifyDBInstance too (dbInstancePopulateModify): both are in-place, so they are cautions here.
 * - aws_rds_cluster: internal/service/rds/cluster.go; website/docs/r/rds_cluster.html.markdown
 *   ("master_username ... does not support in-place updates"). `snapshot_identifier` only forces
 *   new when set to a new value (a DiffSuppressFunc lets it be removed); `storage_type` only for
 *   non-Aurora engines (ForceNewIf).
 * - aws_elasticache_replication_group: internal/service/elasticache/replication_group.go;
 *   `engine` forces new except redis -> valkey (customizeDiffEngineForceNewOnDowngrade), and
 *   `engine_version` on a downgrade (customizeDiffEngineVersionForceNewOnDowngrade).
 * - aws_s3_bucket: website/docs/r/s3_bucket.html.markdown ("bucket - (Optional, Forces new
 *   resource)", likewise bucket_prefix and object_lock_enabled).
 * - aws_kms_key: internal/service/kms/key.go; website/docs/r/kms_key.html.markdown.
 * - aws_backup_vault: internal/service/backup/vault.go (name, kms_key_arn; update is tags only).
 * - aws_secretsmanager_secret: internal/service/secretsmanager/secret.go (name, name_prefix;
 *   kms_key_id is updated in place by UpdateSecret).
 * - aws_dynamodb_table: internal/service/dynamodb/table.go.
 * - aws_efs_file_system: internal/service/efs/file_system.go.
 * ElastiCache clusters and serverless caches are stateful (their removal is DANGER) but have no
 * entries here yet.
 */
import { STATEFUL_TYPES } from '../shared';

/** `replace`: destroy and create (DANGER). `caution`: updated in place with a side effect to check. */
export type ReplacementEffect = 'replace' | 'caution';

/** What changing one argument does. */
export interface ReplacementRule {
  /** The effect. */
  readonly effect: ReplacementEffect;
  /** What happens, in reviewer words. */
  readonly note: string;
  /**
   * For arguments where only some changes have the effect: true for those. Gets the old and new
   * value and the resource's arguments in head. @default every change
   */
  readonly applies?: (before: unknown, after: unknown, head: Readonly<Record<string, unknown>>) => boolean;
}

const FORCES = 'forces replacement';

function replaces(note = FORCES): ReplacementRule {
  return { effect: 'replace', note };
}

/** `[18, 1]` for `"18.1"`; `undefined` for anything else (tokens, `7.x`). */
function versionParts(value: unknown): number[] | undefined {
  if (typeof value !== 'string' || !/^\d+(\.\d+)*$/.test(value)) return undefined;
  return value.split('.').map(Number);
}

function isDowngrade(before: unknown, after: unknown): boolean {
  const [old, next] = [versionParts(before), versionParts(after)];
  if (!old || !next) return false;
  for (let i = 0; i < Math.max(old.length, next.length); i++) {
    const [a, b] = [old[i] ?? 0, next[i] ?? 0];
    if (a !== b) return b < a;
  }
  return false;
}

/** Every rule, by resource type and top-level argument. */
export const REPLACEMENT_RULES: Readonly<Record<string, Readonly<Record<string, ReplacementRule>>>> = {
  aws_db_instance: {
    engine: replaces(),
    kms_key_id: replaces(),
    storage_encrypted: replaces(),
    availability_zone: replaces(),
    username: replaces(),
    snapshot_identifier: replaces('forces replacement (a new instance restored from the snapshot)'),
    restore_to_point_in_time: replaces('forces replacement (a new instance restored to that time)'),
    db_name: replaces(),
    character_set_name: replaces(),
    nchar_character_set_name: replaces(),
    timezone: replaces(),
    custom_iam_instance_profile: replaces(),
    backup_target: replaces(),
    identifier: {
      effect: 'caution',
      note: 'renamed in place (provider 5.0+): the endpoint changes, so every client must follow',
    },
    db_subnet_group_name: {
      effect: 'caution',
      note: 'moved in place; to a subnet group in another VPC it is an outage, and RDS refuses it for Multi-AZ instances',
    },
  },
  aws_rds_cluster: {
    cluster_identifier: replaces(),
    cluster_identifier_prefix: replaces(),
    engine: replaces(),
    engine_mode: replaces(),
    kms_key_id: replaces(),
    storage_encrypted: replaces(),
    database_name: replaces(),
    master_username: replaces(),
    db_subnet_group_name: replaces(),
    availability_zones: replaces(),
    restore_to_point_in_time: replaces('forces replacement (a new cluster restored to that time)'),
    snapshot_identifier: {
      ...replaces('forces replacement (a new cluster restored from the snapshot)'),
      applies: (_before, after) => typeof after === 'string' && after !== '',
    },
    storage_type: {
      ...replaces('forces replacement for a non-Aurora engine'),
      applies: (_before, _after, head) => !String(head.engine ?? '').startsWith('aurora'),
    },
  },
  aws_elasticache_replication_group: {
    replication_group_id: replaces(),
    at_rest_encryption_enabled: replaces(),
    kms_key_id: replaces(),
    subnet_group_name: replaces(),
    port: replaces(),
    data_tiering_enabled: replaces(),
    network_type: replaces(),
    snapshot_arns: replaces(),
    snapshot_name: replaces(),
    security_group_names: replaces(),
    global_replication_group_id: replaces(),
    engine: {
      ...replaces('forces replacement (only redis -> valkey is an in-place upgrade)'),
      // Unset means the provider default, redis.
      applies: (before, after) => !((before ?? 'redis') === 'redis' && after === 'valkey'),
    },
    engine_version: {
      ...replaces('forces replacement: a version downgrade'),
      applies: isDowngrade,
    },
    transit_encryption_enabled: {
      effect: 'caution',
      note: 'forces replacement when the running engine version is below 7.0.5; check `engine_version_actual`',
    },
  },
  aws_s3_bucket: {
    bucket: replaces(),
    bucket_prefix: replaces(),
    object_lock_enabled: replaces(),
  },
  aws_kms_key: {
    customer_master_key_spec: replaces(),
    key_usage: replaces(),
    multi_region: replaces(),
    custom_key_store_id: replaces(),
    xks_key_id: replaces(),
  },
  aws_backup_vault: {
    name: replaces(),
    kms_key_arn: replaces(),
  },
  aws_secretsmanager_secret: {
    name: replaces(),
    name_prefix: replaces(),
  },
  aws_dynamodb_table: {
    name: replaces(),
    hash_key: replaces(),
    range_key: replaces(),
    local_secondary_index: replaces(),
    restore_source_name: replaces(),
    restore_to_latest_time: replaces(),
    restore_date_time: replaces(),
  },
  aws_efs_file_system: {
    encrypted: replaces(),
    kms_key_id: replaces(),
    creation_token: replaces(),
    performance_mode: replaces(),
    availability_zone_name: replaces(),
  },
};

/** The rule for changing `attribute` of a `type` from `before` to `after`, when one applies. */
export function replacementRule(
  type: string,
  attribute: string,
  before: unknown,
  after: unknown,
  head: Readonly<Record<string, unknown>>,
): ReplacementRule | undefined {
  if (!Object.prototype.hasOwnProperty.call(REPLACEMENT_RULES, type)) return undefined;
  const rules = REPLACEMENT_RULES[type];
  if (!Object.prototype.hasOwnProperty.call(rules, attribute)) return undefined;
  const rule = rules[attribute];
  return !rule.applies || rule.applies(before, after, head) ? rule : undefined;
}

/** Types with rules that are not in the stateful list: a mistake in one of the two lists. */
export function typesMissingFromStatefulList(): string[] {
  return Object.keys(REPLACEMENT_RULES).filter((type) => !(type in STATEFUL_TYPES));
}
