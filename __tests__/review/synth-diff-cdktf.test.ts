/**
 * synth-diff on what cdktf really writes: small stacks built from the provider classes and
 * synthesized by a cdktf App into base and head output folders (real layout, real metadata, real
 * logical ids), instead of copying a 50-80 KB stack of this repository into a fixture.
 */
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { synthDiff } from '../../scripts/review/synth-diff';
import { dangerRows, listUnder, tempDir } from './support';

/** What a head may change compared with base. */
interface Variant {
  /** Put the bucket under another construct (its logical id changes). */
  readonly bucketScope?: string;
  /** Give the bucket this logical id with overrideLogicalId (the fix the report suggests). */
  readonly bucketId?: string;
  /** Encrypt the database with a second, new key (forces replacement). */
  readonly newDatabaseKey?: boolean;
  /** A tag on the database (an in-place change). */
  readonly owner?: string;
}

function synthesize(outdir: string, variant: Variant = {}): string {
  const app = new App({ outdir, stackTraces: false });
  const stack = new TerraformStack(app, 'prod-data');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const database = new Construct(stack, 'database');
  const key = new KmsKey(database, 'key', { enableKeyRotation: true, lifecycle: { preventDestroy: true } });
  const newKey = variant.newDatabaseKey
    ? new KmsKey(database, 'key-v2', { enableKeyRotation: true })
    : undefined;
  new DbInstance(database, 'instance', {
    identifier: 'platform-prod-db',
    engine: 'postgres',
    instanceClass: 'db.m7g.large',
    allocatedStorage: 100,
    storageEncrypted: true,
    kmsKeyId: (newKey ?? key).arn,
    manageMasterUserPassword: true,
    username: 'platform',
    lifecycle: { preventDestroy: true },
    tags: { owner: variant.owner ?? 'platform-team' },
  });
  const bucket = new S3Bucket(new Construct(stack, variant.bucketScope ?? 'assets'), 'bucket', {
    bucket: 'platform-prod-assets',
  });
  if (variant.bucketId) bucket.overrideLogicalId(variant.bucketId);
  app.synth();
  return outdir;
}

describe('synth-diff on cdktf synth output', () => {
  let work: ReturnType<typeof tempDir>;
  let base: string;
  beforeAll(() => {
    work = tempDir('synth-diff-cdktf');
    base = synthesize(path.join(work.dir, 'base'));
  });
  afterAll(() => work.remove());

  const head = (name: string, variant: Variant) => synthesize(path.join(work.dir, name), variant);

  it('finds nothing between two syntheses of the same code', () => {
    const out = synthDiff([base, head('same', {})]);
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toContain('No resource differs in any of the 1 stack.');
  });

  it('lists an in-place tag change without danger', () => {
    const out = synthDiff([base, head('tag', { owner: 'data-team' })]);
    expect(out.exitCode).toBe(0);
    expect(listUnder(out.stdout, 'prod-data', 'Changed')).toEqual([
      expect.stringMatching(
        /^- `aws_db_instance\.database_instance_[0-9A-F]{8}` \(RDS database instance, construct `prod-data\/database\/instance`\)$/,
      ),
      '  - `tags.owner`: "platform-team" → "data-team"',
    ]);
  });

  it('flags a bucket whose construct moved (a new logical id) as destroy + create', () => {
    const out = synthDiff([base, head('moved-bucket', { bucketScope: 'storage' })]);
    expect(out.exitCode).toBe(2);
    const rows = dangerRows(out.stdout);
    expect(rows).toHaveLength(1);
    expect(rows[0][1]).toMatch(/^`aws_s3_bucket\.assets_bucket_[0-9A-F]{8}`$/);
    expect(rows[0][4]).toMatch(/logical id changed\? `aws_s3_bucket\.storage_bucket_[0-9A-F]{8}` was added/);
  });

  it('passes the same move once the bucket keeps its old logical id, as the report suggests', () => {
    const moved = synthDiff([base, head('moved-again', { bucketScope: 'storage' })]);
    const suggestion = /overrideLogicalId\('([^']+)'\)/.exec(dangerRows(moved.stdout)[0][4]);
    expect(suggestion?.[1]).toMatch(/^assets_bucket_[0-9A-F]{8}$/);
    const out = synthDiff([base, head('kept-id', { bucketScope: 'storage', bucketId: suggestion?.[1] })]);
    expect(out.exitCode).toBe(0);
    expect(listUnder(out.stdout, 'prod-data', 'Changed')).toEqual([]);
  });

  it('flags a database moved to a new KMS key as replaced', () => {
    const out = synthDiff([base, head('new-key', { newDatabaseKey: true })]);
    expect(out.exitCode).toBe(2);
    const rows = dangerRows(out.stdout);
    expect(rows.map((r) => r[2])).toEqual(['RDS database instance']);
    expect(rows[0][4]).toMatch(
      /`kms_key_id`: "\$\{aws_kms_key\.database_key_[0-9A-F]{8}\.arn\}" → "\$\{aws_kms_key\.database_key-v2_[0-9A-F]{8}\.arn\}" forces replacement/,
    );
  });
});
