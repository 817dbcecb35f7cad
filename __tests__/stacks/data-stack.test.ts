import { Testing } from 'cdktf';
import { loadEnvironments } from '../../config/load';
import { environmentSchema, EnvironmentConfig } from '../../config/schema';
import { DATA_CONTRACT } from '../../stacks/contracts/data-contract';
import { AUDIT_LOG_RETENTION_DAYS } from '../../lib/security/audit-log-retention';
import { DataStack } from '../../stacks/data-stack';
import { resources, synthJson, TerraformJson } from '../support/synth';

const bundled = new Map(loadEnvironments('config/environments').map((e) => [e.config.name, e.config]));

function synthData(config: EnvironmentConfig): TerraformJson {
  return synthJson(new DataStack(Testing.app(), config));
}

/** The only resource of a type whose Terraform name starts with `prefix`. */
function named(json: TerraformJson, type: string, prefix: string): Record<string, unknown> {
  const matches = Object.entries(resources(json, type)).filter(([name]) => name.startsWith(prefix));
  if (matches.length !== 1) throw new Error(`expected one ${type} named ${prefix}*, found ${matches.length}`);
  return matches[0][1];
}

const primaryDb = (json: TerraformJson) => named(json, 'aws_db_instance', 'database_instance');

describe('DataStack', () => {
  const prod = synthData(bundled.get('prod')!);
  const dev = synthData(bundled.get('dev')!);

  it('keeps its state at <env>/data.tfstate and reads the network through remote state', () => {
    expect(prod.terraform!.backend!.s3).toMatchObject({
      key: 'prod/data.tfstate',
      encrypt: true,
      use_lockfile: true,
    });
    expect(prod.data!.terraform_remote_state['network-state']).toEqual({
      backend: 's3',
      config: { bucket: 'platform-tfstate-222222222222', key: 'prod/network.tfstate', region: 'eu-west-1' },
    });
    const subnetGroup = Object.values(resources(prod, 'aws_db_subnet_group'))[0];
    expect(subnetGroup.subnet_ids).toBe(
      '${data.terraform_remote_state.network-state.outputs.isolatedSubnetIds}',
    );
    const alarms = Object.values(resources(prod, 'aws_cloudwatch_metric_alarm'));
    expect(alarms.length).toBeGreaterThan(10);
    for (const alarm of alarms) {
      expect(alarm.alarm_actions).toEqual([
        '${data.terraform_remote_state.network-state.outputs.alertTopicArn}',
      ]);
    }
  });

  it('declares the random provider its generated secrets need', () => {
    expect(Object.keys(prod.provider!)).toEqual(expect.arrayContaining(['aws', 'random']));
  });

  it('publishes exactly the data contract, every output described', () => {
    expect(Object.keys(prod.output!).sort()).toEqual(Object.keys(DATA_CONTRACT.outputs).sort());
    for (const [name, output] of Object.entries(prod.output!)) {
      expect(output.description).toBe(
        DATA_CONTRACT.outputs[name as keyof typeof DATA_CONTRACT.outputs].description,
      );
    }
  });

  it('protects production data: deletion protection, final snapshot, prevent_destroy on the database, cache and keys', () => {
    const db = primaryDb(prod);
    expect(db).toMatchObject({
      deletion_protection: true,
      skip_final_snapshot: false,
      multi_az: true,
      storage_encrypted: true,
    });
    expect(db.lifecycle).toMatchObject({ prevent_destroy: true });
    const cache = Object.values(resources(prod, 'aws_elasticache_replication_group'))[0];
    expect(cache.lifecycle).toMatchObject({ prevent_destroy: true });
    for (const key of Object.values(resources(prod, 'aws_kms_key'))) {
      expect(key.lifecycle).toMatchObject({ prevent_destroy: true });
    }
    for (const secret of Object.values(resources(prod, 'aws_secretsmanager_secret'))) {
      expect(secret.lifecycle).toMatchObject({ prevent_destroy: true });
    }
  });

  it('differs from dev by config only: Multi-AZ, proxy, replica, backup replication, offsite copies, vault lock, sizes', () => {
    const count = (json: TerraformJson, type: string) => Object.keys(resources(json, type)).length;
    expect(primaryDb(dev)).toMatchObject({
      deletion_protection: false,
      multi_az: false,
      instance_class: 'db.t4g.micro',
    });
    expect(primaryDb(dev).lifecycle ?? {}).not.toHaveProperty('prevent_destroy');
    expect(primaryDb(prod)).toMatchObject({
      instance_class: 'db.m7g.large',
      backup_retention_period: 14,
      allocated_storage: 100,
    });
    expect([count(dev, 'aws_db_proxy'), count(prod, 'aws_db_proxy')]).toEqual([0, 1]);
    expect([count(dev, 'aws_db_instance'), count(prod, 'aws_db_instance')]).toEqual([1, 2]); // the replica
    expect(count(prod, 'aws_db_instance_automated_backups_replication')).toBe(1);
    expect(count(dev, 'aws_db_instance_automated_backups_replication')).toBe(0);
    expect([count(dev, 'aws_backup_vault'), count(prod, 'aws_backup_vault')]).toEqual([1, 2]); // the offsite vault
    expect([
      count(dev, 'aws_backup_vault_lock_configuration'),
      count(prod, 'aws_backup_vault_lock_configuration'),
    ]).toEqual([0, 2]);
    const devCache = Object.values(resources(dev, 'aws_elasticache_replication_group'))[0];
    const prodCache = Object.values(resources(prod, 'aws_elasticache_replication_group'))[0];
    expect(devCache).toMatchObject({
      num_cache_clusters: 1,
      automatic_failover_enabled: false,
      multi_az_enabled: false,
    });
    expect(prodCache).toMatchObject({
      num_cache_clusters: 3,
      automatic_failover_enabled: true,
      multi_az_enabled: true,
    });
  });

  it('keeps production database and cache logs a year (policy gate CKV_AWS_338), dev the constructs 30 days', () => {
    const retention = (json: TerraformJson) =>
      Object.fromEntries(
        Object.values(resources(json, 'aws_cloudwatch_log_group')).map((g) => [g.name, g.retention_in_days]),
      );
    expect(retention(prod)).toEqual({
      '/aws/rds/instance/platform-prod-db/postgresql': AUDIT_LOG_RETENTION_DAYS,
      '/aws/rds/instance/platform-prod-db/upgrade': AUDIT_LOG_RETENTION_DAYS,
      '/aws/rds/instance/platform-prod-db-replica/postgresql': AUDIT_LOG_RETENTION_DAYS,
      '/aws/rds/instance/platform-prod-db-replica/upgrade': AUDIT_LOG_RETENTION_DAYS,
      '/platform-prod/cache/slow-log': AUDIT_LOG_RETENTION_DAYS,
      '/platform-prod/cache/engine-log': AUDIT_LOG_RETENTION_DAYS,
    });
    expect(new Set(Object.values(retention(dev)))).toEqual(new Set([30]));
  });

  it('tags the database for the environment own backup plan, and selects by that tag', () => {
    const selection = Object.values(resources(prod, 'aws_backup_selection'))[0] as {
      selection_tag: { key: string; value: string }[];
    };
    const [tag] = selection.selection_tag;
    expect(tag).toMatchObject({ key: 'backup-plan', value: 'platform-prod-backup' });
    expect((primaryDb(prod).tags as Record<string, string>)['backup-plan']).toBe('platform-prod-backup');
    expect((primaryDb(dev).tags as Record<string, string>)['backup-plan']).toBe('platform-dev-backup');
  });

  it('creates the four application secrets, values generated only for JWT_SECRET and WEBHOOK_SECRET', () => {
    const names = Object.values(resources(prod, 'aws_secretsmanager_secret')).map((s) => s.name);
    for (const name of ['JWT_SECRET', 'WEBHOOK_SECRET', 'GITHUB_CLIENT_ID', 'GITHUB_CLIENT_SECRET']) {
      expect(names).toContain(`platform-prod/app/${name}`);
    }
    const versions = Object.values(resources(prod, 'aws_secretsmanager_secret_version'));
    for (const version of versions)
      expect(version.secret_string).toMatch(/\$\{(random_password\.|jsonencode\()/);
  });

  describe('restore as config', () => {
    const withRestore = (restore: object) =>
      environmentSchema.parse({
        ...structuredClone(inputOf('prod')),
        data: { ...inputOf('prod').data, database: { ...inputOf('prod').data.database, restore } },
      });

    it('restores a point in time into a new instance beside the live one, without protections', () => {
      const json = synthData(withRestore({ identifierSuffix: 'r1', pointInTime: { sourceIdentifier: 'platform-prod-db', time: '2026-11-20T03:00:00Z' } })); // prettier-ignore
      const restored = named(json, 'aws_db_instance', 'database-r1');
      expect(restored).toMatchObject({
        identifier: 'platform-prod-db-r1',
        deletion_protection: false,
        skip_final_snapshot: true,
        restore_to_point_in_time: {
          source_db_instance_identifier: 'platform-prod-db',
          restore_time: '2026-11-20T03:00:00Z',
        },
      });
      expect(primaryDb(json).identifier).toBe('platform-prod-db');
      expect(json.output!.restoredDatabaseAddress.value).toMatch(/aws_db_instance\.database-r1/);
    });

    it('protects the restored instance like the primary once the service is cut over to it', () => {
      const json = synthData(withRestore({ identifierSuffix: 'r1', pointInTime: { sourceIdentifier: 'platform-prod-db', latest: true }, cutover: true })); // prettier-ignore
      const restored = named(json, 'aws_db_instance', 'database-r1');
      expect(restored).toMatchObject({ deletion_protection: true, skip_final_snapshot: false });
      expect(restored.lifecycle).toMatchObject({ prevent_destroy: true });
      expect(json.output!.restoredDatabaseMasterSecretArn.value).toMatch(/aws_db_instance\.database-r1/);
      expect(json.output!.restoredDatabaseSecurityGroupId.value).toMatch(/aws_security_group\./);
    });

    it('restores from a snapshot, or to the latest restorable time', () => {
      const snapshot = synthData(
        withRestore({ identifierSuffix: 'r2', snapshotIdentifier: 'platform-prod-db-final' }),
      );
      expect(named(snapshot, 'aws_db_instance', 'database-r2').snapshot_identifier).toBe(
        'platform-prod-db-final',
      );
      const latest = synthData(withRestore({ identifierSuffix: 'r3', pointInTime: { sourceIdentifier: 'platform-prod-db', latest: true } })); // prettier-ignore
      expect(named(latest, 'aws_db_instance', 'database-r3').restore_to_point_in_time).toEqual({
        source_db_instance_identifier: 'platform-prod-db',
        use_latest_restorable_time: true,
      });
    });

    it('outputs an empty restored address when no restore is configured', () => {
      expect(prod.output!.restoredDatabaseAddress.value).toBe('');
      expect(dev.output!.databaseProxyEndpoint.value).toBe('');
      expect(dev.output!.databaseReaderAddress.value).toBe('');
    });
  });
});

/** The bundled environment file's input (before defaults), so a test can change one field. */
function inputOf(name: string): { data: { database: object } } & Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parse } = require('yaml') as typeof import('yaml');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { readFileSync } = require('node:fs') as typeof import('node:fs');
  return parse(readFileSync(`config/environments/${name}.yaml`, 'utf8'));
}
