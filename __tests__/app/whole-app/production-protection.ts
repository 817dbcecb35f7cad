import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { bundledSynth } from './bundled-synth';

/** Resource types whose loss loses data (or the means to read it). */
const STATEFUL_TYPES = [
  'aws_db_instance',
  'aws_elasticache_replication_group',
  'aws_s3_bucket',
  'aws_kms_key',
  'aws_backup_vault',
  'aws_secretsmanager_secret',
  'aws_dynamodb_table',
  'aws_efs_file_system',
];

type Resources = Record<
  string,
  Record<string, { lifecycle?: { prevent_destroy?: boolean }; identifier?: string }>
>;

describe('production data cannot be destroyed without first editing a protection flag', () => {
  const { stacksDir, stacks } = bundledSynth();
  const protectedStacks = stacks.filter((s) => s.startsWith('prod-') || s.startsWith('bootstrap-'));

  it('covers the production and bootstrap stacks', () => {
    expect(protectedStacks).toEqual(expect.arrayContaining(['prod-network', 'prod-data', 'bootstrap-prod']));
  });

  it.each(protectedStacks)('%s: every stateful resource has prevent_destroy', (stack) => {
    const json = JSON.parse(readFileSync(path.join(stacksDir, stack, 'cdk.tf.json'), 'utf8')) as {
      resource?: Resources;
    };
    const unprotected = STATEFUL_TYPES.flatMap((type) =>
      Object.entries(json.resource?.[type] ?? {})
        .filter(([, resource]) => resource.lifecycle?.prevent_destroy !== true)
        .map(([name]) => `${type}.${name}`),
    );
    expect(unprotected).toEqual([]);
  });

  it('protects the production database with deletion protection and a final snapshot too', () => {
    const json = JSON.parse(readFileSync(path.join(stacksDir, 'prod-data', 'cdk.tf.json'), 'utf8'));
    for (const db of Object.values(json.resource.aws_db_instance) as Record<string, unknown>[]) {
      if (db.replicate_source_db) continue; // a replica is rebuilt from its source, and RDS snapshots only the source
      expect(db).toMatchObject({ deletion_protection: true, skip_final_snapshot: false });
    }
  });
});
