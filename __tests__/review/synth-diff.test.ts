import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { STATEFUL_TYPES } from '../../scripts/review/shared';
import { synthDiff } from '../../scripts/review/synth-diff';
import {
  REPLACEMENT_RULES,
  typesMissingFromStatefulList,
} from '../../scripts/review/synth/replacement-rules';
import { dangerRows, listUnder, stackJson, tempDir, writeSynthOutput, type StackJson } from './support';

const NO_STACK_TRACE = /^\s+at .*:\d+:\d+\)?$/m;

const DB = {
  identifier: 'platform-prod-db',
  engine: 'postgres',
  engine_version: '18',
  storage_encrypted: true,
  kms_key_id: '${aws_kms_key.database_key_CA7EEF20.arn}',
  db_subnet_group_name: '${aws_db_subnet_group.database_subnet-group_706EB4D1.name}',
  snapshot_identifier: undefined as string | undefined,
  lifecycle: { prevent_destroy: true, ignore_changes: ['snapshot_identifier'] },
  tags: { environment: 'prod' },
};
const BUCKET = { bucket: 'platform-prod-assets', force_destroy: false, lifecycle: { prevent_destroy: true } };
const ALARM = { alarm_name: 'platform-prod-db-cpu', threshold: 80 };

function prodData(overrides: { db?: object; bucket?: object | null; extra?: StackJson } = {}): StackJson {
  return stackJson(
    'prod-data',
    {
      aws_db_instance: { database_instance_D7FC2283: { ...DB, ...overrides.db } },
      ...(overrides.bucket === null
        ? {}
        : { aws_s3_bucket: { assets_bucket_1A2B3C4D: { ...BUCKET, ...overrides.bucket } } }),
      aws_cloudwatch_metric_alarm: { database_alarms_cpu_alarm_FEE669F4: ALARM },
    },
    overrides.extra,
  );
}

describe('synth-diff', () => {
  let work: ReturnType<typeof tempDir>;
  beforeEach(() => {
    work = tempDir('synth-diff');
  });
  afterEach(() => work.remove());

  /** Writes base and head outputs and runs the tool on them. */
  function diff(base: Record<string, StackJson>, head: Record<string, StackJson>, flags: string[] = []) {
    const baseDir = writeSynthOutput(path.join(work.dir, 'base'), base);
    const headDir = writeSynthOutput(path.join(work.dir, 'head'), head);
    return synthDiff([...flags, baseDir, headDir]);
  }

  it('reports nothing for identical outputs, and ignores cdktf metadata', () => {
    const head = prodData();
    const resources = head.resource as Record<string, Record<string, Record<string, unknown>>>;
    resources.aws_db_instance.database_instance_D7FC2283['//'] = {
      metadata: { path: 'prod-data/moved/elsewhere' },
    };
    const out = diff({ 'prod-data': prodData() }, { 'prod-data': head });
    expect(out.exitCode).toBe(0);
    expect(out.stdout.split('\n')[0]).toBe('<!-- synth-diff -->');
    expect(out.stdout).toContain('No resource differs in any of the 1 stack.');
    expect(dangerRows(out.stdout)).toEqual([]);
  });

  it('flags a replaced database (kms_key_id forces replacement) with old and new value', () => {
    const out = diff(
      { 'prod-data': prodData() },
      { 'prod-data': prodData({ db: { kms_key_id: '${aws_kms_key.other_key_0F0F0F0F.arn}' } }) },
    );
    expect(out.exitCode).toBe(2);
    const rows = dangerRows(out.stdout);
    expect(rows.map((r) => [r[0], r[1], r[2], r[3]])).toEqual([
      [
        'prod-data',
        '`aws_db_instance.database_instance_D7FC2283`',
        'RDS database instance',
        'replace (destroy, then create)',
      ],
    ]);
    expect(rows[0][4]).toContain(
      '`kms_key_id`: "${aws_kms_key.database_key_CA7EEF20.arn}" → "${aws_kms_key.other_key_0F0F0F0F.arn}" forces replacement',
    );
    expect(listUnder(out.stdout, 'prod-data', 'Changed')).toContain(
      '  - `kms_key_id`: "${aws_kms_key.database_key_CA7EEF20.arn}" → "${aws_kms_key.other_key_0F0F0F0F.arn}" **forces replacement**',
    );
  });

  it('flags a destroyed bucket, and says prevent_destroy does not protect a removed block', () => {
    const out = diff({ 'prod-data': prodData() }, { 'prod-data': prodData({ bucket: null }) });
    expect(out.exitCode).toBe(2);
    const rows = dangerRows(out.stdout);
    expect(rows.map((r) => [r[1], r[2], r[3]])).toEqual([
      ['`aws_s3_bucket.assets_bucket_1A2B3C4D`', 'S3 bucket', 'removed'],
    ]);
    expect(rows[0][4]).toContain('destroyed on the next apply');
    expect(rows[0][4]).toContain('`prevent_destroy` does not help');
    expect(listUnder(out.stdout, 'prod-data', 'Removed')).toEqual([
      '- `aws_s3_bucket.assets_bucket_1A2B3C4D` (S3 bucket, construct `prod-data/assets_bucket_1A2B3C4D`)',
    ]);
  });

  it('reads a changed logical id of a stateful resource as destroy + create, naming the new address', () => {
    const head = prodData({ bucket: null });
    (head.resource as Record<string, unknown>).aws_s3_bucket = { assets_bucket_9F8E7D6C: BUCKET };
    const out = diff({ 'prod-data': prodData() }, { 'prod-data': head });
    expect(out.exitCode).toBe(2);
    const why = dangerRows(out.stdout)[0][4];
    expect(why).toContain('logical id changed? `aws_s3_bucket.assets_bucket_9F8E7D6C` was added');
    expect(why).toContain('without a `moved` block Terraform reads this as destroy + create');
    expect(why).toContain("overrideLogicalId('assets_bucket_1A2B3C4D')");
  });

  it('accepts the same rename when head has a moved block, and lists it as moved', () => {
    const head = prodData({
      bucket: null,
      extra: {
        moved: [{ from: 'aws_s3_bucket.assets_bucket_1A2B3C4D', to: 'aws_s3_bucket.assets_bucket_9F8E7D6C' }],
      },
    });
    (head.resource as Record<string, unknown>).aws_s3_bucket = { assets_bucket_9F8E7D6C: BUCKET };
    const out = diff({ 'prod-data': prodData() }, { 'prod-data': head });
    expect(out.exitCode).toBe(0);
    expect(dangerRows(out.stdout)).toEqual([]);
    expect(listUnder(out.stdout, 'prod-data', 'Moved')).toEqual([
      '- `aws_s3_bucket.assets_bucket_1A2B3C4D` → `aws_s3_bucket.assets_bucket_9F8E7D6C` (`moved` block: no destroy)',
    ]);
    expect(listUnder(out.stdout, 'prod-data', 'Added')).toEqual([]);
  });

  it('accepts a stateful resource forgotten by a removed block with destroy = false', () => {
    const head = prodData({
      bucket: null,
      extra: { removed: [{ from: 'aws_s3_bucket.assets_bucket_1A2B3C4D', lifecycle: { destroy: false } }] },
    });
    const out = diff({ 'prod-data': prodData() }, { 'prod-data': head });
    expect(out.exitCode).toBe(0);
    expect(listUnder(out.stdout, 'prod-data', 'Forgotten')).toEqual([
      expect.stringContaining('assets_bucket_1A2B3C4D'),
    ]);
  });

  it('flags a whole stack removed that held stateful resources, once for the stack', () => {
    const network = stackJson('prod-network', { aws_vpc: { network_vpc_1: { cidr_block: '10.0.0.0/16' } } });
    const out = diff({ 'prod-data': prodData(), 'prod-network': network }, {});
    expect(out.exitCode).toBe(2);
    const rows = dangerRows(out.stdout);
    expect(rows).toHaveLength(1);
    expect(rows[0][0]).toBe('prod-data');
    expect(rows[0][1]).toContain('the whole stack (2 stateful resources');
    expect(rows[0][3]).toBe('stack removed');
    expect(out.stdout).toContain('### prod-network (stack removed)');
    expect(out.stdout).toContain('| prod-network (removed) | 0 | 1 | 0 |');
  });

  it('reports a stack only in head as added, without danger', () => {
    const out = diff({}, { 'prod-data': prodData() });
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toContain('| prod-data (added) | 3 | 0 | 0 |');
    expect(listUnder(out.stdout, 'prod-data (new stack)', 'Added')).toHaveLength(3);
  });

  it('warns, without blocking, when prevent_destroy is removed', () => {
    const out = diff({ 'prod-data': prodData() }, { 'prod-data': prodData({ bucket: { lifecycle: {} } }) });
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toContain(
      '- prod-data: `aws_s3_bucket.assets_bucket_1A2B3C4D` no longer has `lifecycle.prevent_destroy`: Terraform will let it be destroyed',
    );
  });

  it('does not flag an attribute the resource lists in lifecycle.ignore_changes', () => {
    const out = diff(
      { 'prod-data': prodData() },
      { 'prod-data': prodData({ db: { snapshot_identifier: 'snap-1' } }) },
    );
    expect(out.exitCode).toBe(0);
    expect(listUnder(out.stdout, 'prod-data', 'Changed')).toContain(
      '  - `snapshot_identifier`: (unset) → "snap-1" (ignored: `lifecycle.ignore_changes`)',
    );
  });

  it('treats an RDS rename and a subnet group change as in-place cautions, not replacements', () => {
    const out = diff(
      { 'prod-data': prodData() },
      { 'prod-data': prodData({ db: { identifier: 'platform-prod-db2', db_subnet_group_name: 'other' } }) },
    );
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toContain('`identifier`: "platform-prod-db" → "platform-prod-db2": renamed in place');
    expect(out.stdout).toContain('RDS refuses it for Multi-AZ instances');
  });

  it.each([
    ['redis', 'valkey', 0],
    [undefined, 'valkey', 0],
    ['valkey', 'redis', 2],
  ])('ElastiCache engine %s -> %s exits %i', (before, after, exitCode) => {
    const cache = (engine: string | undefined) =>
      stackJson('prod-data', {
        aws_elasticache_replication_group: { cache_rg_1: { replication_group_id: 'c', engine } },
      });
    expect(diff({ 'prod-data': cache(before) }, { 'prod-data': cache(after) }).exitCode).toBe(exitCode);
  });

  it.each([
    ['7.1', '8.0', 0],
    ['8.0', '7.1', 2],
  ])('ElastiCache engine_version %s -> %s exits %i (a downgrade replaces)', (before, after, exitCode) => {
    const cache = (version: string) =>
      stackJson('prod-data', {
        aws_elasticache_replication_group: { cache_rg_1: { engine_version: version } },
      });
    expect(diff({ 'prod-data': cache(before) }, { 'prod-data': cache(after) }).exitCode).toBe(exitCode);
  });

  it('replaces an RDS cluster on a storage_type change only for a non-Aurora engine', () => {
    const cluster = (engine: string, storageType: string) =>
      stackJson('prod-data', { aws_rds_cluster: { db_cluster_1: { engine, storage_type: storageType } } });
    const aurora = diff(
      { a: cluster('aurora-postgresql', 'aurora') },
      { a: cluster('aurora-postgresql', 'aurora-iopt1') },
    );
    expect(aurora.exitCode).toBe(0);
    work.remove();
    work = tempDir('synth-diff');
    const multiAz = diff({ a: cluster('postgres', 'io1') }, { a: cluster('postgres', 'io2') });
    expect(multiAz.exitCode).toBe(2);
  });

  it('compares JSON text attributes as JSON, showing the inner path', () => {
    const policy = (action: string) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Sid: 'Admin', Effect: 'Allow', Action: action }],
      });
    const key = (action: string) =>
      stackJson('prod-data', {
        aws_kms_key: { database_key_CA7EEF20: { policy: policy(action), enable_key_rotation: true } },
      });
    const out = diff({ 'prod-data': key('kms:*') }, { 'prod-data': key('kms:Decrypt') });
    expect(out.exitCode).toBe(0);
    expect(listUnder(out.stdout, 'prod-data', 'Changed')).toEqual([
      '- `aws_kms_key.database_key_CA7EEF20` (KMS key, construct `prod-data/database_key_CA7EEF20`)',
      '  - `policy.Statement[0].Action`: "kms:*" → "kms:Decrypt"',
    ]);
  });

  it('hides literal values of secret-looking arguments but shows references', () => {
    const secret = (password: string, token: string) =>
      stackJson('prod-data', { aws_db_instance: { db_1: { password, auth_token: token } } });
    const out = diff(
      { 'prod-data': secret('hunter2', '${random_password.a.result}') },
      { 'prod-data': secret('hunter3', '${random_password.b.result}') },
    );
    expect(out.stdout).not.toContain('hunter');
    expect(out.stdout).toContain('`password`: (hidden) → (hidden)');
    expect(out.stdout).toContain(
      '`auth_token`: "${random_password.a.result}" → "${random_password.b.result}"',
    );
  });

  it('calls a removed aws_s3_bucket of a bootstrap stack the Terraform state bucket', () => {
    const bootstrap = (withBucket: boolean) =>
      stackJson('bootstrap-prod', withBucket ? { aws_s3_bucket: { state_bucket_99469A59: BUCKET } } : {});
    const out = diff({ 'bootstrap-prod': bootstrap(true) }, { 'bootstrap-prod': bootstrap(false) });
    expect(dangerRows(out.stdout).map((r) => r[2])).toEqual(['Terraform state bucket']);
  });

  it('warns when the state backend of a stack changes', () => {
    const head = prodData();
    head.terraform = {
      backend: { s3: { bucket: 'platform-tfstate', key: 'prod/data-v2.tfstate', encrypt: true } },
    };
    const out = diff({ 'prod-data': prodData() }, { 'prod-data': head });
    expect(out.stdout).toContain(
      'prod-data: the state backend changed (`s3.key`: "prod-data.tfstate" → "prod/data-v2.tfstate")',
    );
  });

  it('with --allow-destroy still prints DANGER, says it was allowed, and exits 0', () => {
    const out = diff({ 'prod-data': prodData() }, { 'prod-data': prodData({ bucket: null }) }, [
      '--allow-destroy',
    ]);
    expect(out.exitCode).toBe(0);
    expect(dangerRows(out.stdout)).toHaveLength(1);
    expect(out.stdout).toContain('**Allowed** with `--allow-destroy`');
  });

  describe('unreadable input: exit 1, a message naming the folder, no stack trace', () => {
    function expectUnreadable(argv: string[], message: string) {
      const out = synthDiff(argv);
      expect(out.exitCode).toBe(1);
      expect(out.stdout).toBe('');
      expect(out.stderr).toContain(message);
      expect(out.stderr).not.toMatch(NO_STACK_TRACE);
    }

    it('a missing folder', () => {
      const missing = path.join(work.dir, 'nope');
      expectUnreadable([missing, missing], `synth-diff: base ${missing}: no such folder`);
    });

    it('a folder without stacks/, with a hint when given the stacks/ folder itself', () => {
      const head = writeSynthOutput(path.join(work.dir, 'head'), { 'prod-data': prodData() });
      expectUnreadable(
        [path.join(head, 'stacks'), head],
        'no stacks/ folder, so not a cdktf output (this looks like its stacks/ folder: pass its parent)',
      );
    });

    it('a stack folder without cdk.tf.json, and one that is not JSON', () => {
      const base = writeSynthOutput(path.join(work.dir, 'base'), {});
      mkdirSync(path.join(base, 'stacks', 'prod-data'));
      expectUnreadable([base, base], 'the stack folder prod-data has no cdk.tf.json');
      writeFileSync(path.join(base, 'stacks', 'prod-data', 'cdk.tf.json'), '{ not json');
      expectUnreadable([base, base], `${path.join(base, 'stacks', 'prod-data', 'cdk.tf.json')}: not JSON`);
    });

    it('a wrong number of folders', () => {
      expectUnreadable([work.dir], 'expected 2 folders (base and head), got 1');
    });
  });
});

describe('the replacement table', () => {
  it('only has stateful types', () => {
    expect(typesMissingFromStatefulList()).toEqual([]);
  });

  it.each([
    [
      'aws_db_instance',
      ['engine', 'kms_key_id', 'storage_encrypted', 'availability_zone', 'username', 'snapshot_identifier'],
    ],
    [
      'aws_rds_cluster',
      ['cluster_identifier', 'engine', 'kms_key_id', 'storage_encrypted', 'database_name', 'master_username'],
    ],
    [
      'aws_elasticache_replication_group',
      ['replication_group_id', 'at_rest_encryption_enabled', 'kms_key_id', 'subnet_group_name'],
    ],
    ['aws_s3_bucket', ['bucket', 'bucket_prefix']],
    ['aws_kms_key', ['customer_master_key_spec', 'key_usage', 'multi_region']],
    ['aws_backup_vault', ['name', 'kms_key_arn']],
    ['aws_secretsmanager_secret', ['name', 'name_prefix']],
    ['aws_dynamodb_table', ['name']],
    ['aws_efs_file_system', ['encrypted', 'kms_key_id', 'creation_token', 'performance_mode']],
  ])('%s: replacement on %p', (type, attributes) => {
    expect(type in STATEFUL_TYPES).toBe(true);
    for (const attribute of attributes) expect(REPLACEMENT_RULES[type][attribute]?.effect).toBe('replace');
  });

  it('keeps the RDS instance rename and subnet group move as in-place cautions (provider 5.0+)', () => {
    expect(REPLACEMENT_RULES.aws_db_instance.identifier.effect).toBe('caution');
    expect(REPLACEMENT_RULES.aws_db_instance.db_subnet_group_name.effect).toBe('caution');
  });
});
