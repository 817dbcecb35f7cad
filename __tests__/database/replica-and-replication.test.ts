import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { list, policyOf, ref, statement } from '../support/synth';
import { all, BASE_PROPS, named, only, primary, synthDatabase } from './synth-database';

const DR_KEY = 'arn:aws:kms:eu-central-1:111111111111:key/0f3c6a2e-1111-4222-8333-944455566677';

describe('PostgresDatabase with a read replica', () => {
  const { json, database } = synthDatabase({ readReplica: {}, preventDestroy: true });
  const [primaryName] = primary(json);
  const [, replica] = named(json, 'aws_db_instance', 'replica_instance');
  const [keyName, key] = only(json, 'aws_kms_key');
  const keyArn = ref('aws_kms_key', keyName, 'arn');

  test('replicates the primary with its class, security group, parameters, key and monitoring', () => {
    const [primaryInstance] = [primary(json)[1]];
    expect(replica).toMatchObject({
      identifier: 'platform-prod-db-replica',
      replicate_source_db: ref('aws_db_instance', primaryName, 'identifier'),
      instance_class: 'db.t4g.micro',
      multi_az: false,
      storage_type: 'gp3',
      storage_encrypted: true,
      kms_key_id: keyArn,
      max_allocated_storage: 100,
      parameter_group_name: primaryInstance.parameter_group_name,
      vpc_security_group_ids: primaryInstance.vpc_security_group_ids,
      monitoring_role_arn: primaryInstance.monitoring_role_arn,
      monitoring_interval: 60,
      publicly_accessible: false,
      iam_database_authentication_enabled: true,
      ca_cert_identifier: 'rds-ca-rsa2048-g1',
      performance_insights_enabled: true,
      performance_insights_kms_key_id: keyArn,
      enabled_cloudwatch_logs_exports: ['postgresql', 'upgrade'],
      deletion_protection: true,
      // RDS takes no final snapshot of a replica.
      skip_final_snapshot: true,
      lifecycle: { prevent_destroy: true },
    });
  });

  test('engine, user, database name and password come from the source', () => {
    for (const attribute of [
      'engine',
      'engine_version',
      'username',
      'db_name',
      'manage_master_user_password',
      'password',
    ]) {
      expect(replica).not.toHaveProperty(attribute);
    }
  });

  test('its logs go to its own log groups, created first, which the key also admits', () => {
    const names = all(json, 'aws_cloudwatch_log_group')
      .filter(([, g]) => String(g.name).includes('db-replica'))
      .map(([name, g]) => {
        expect(replica.depends_on).toContain(`aws_cloudwatch_log_group.${name}`);
        return g.name;
      });
    expect(names).toEqual([
      '/aws/rds/instance/platform-prod-db-replica/postgresql',
      '/aws/rds/instance/platform-prod-db-replica/upgrade',
    ]);
    const arns = list(
      statement(policyOf(key), 'AllowService0').Condition?.ArnEquals['kms:EncryptionContext:aws:logs:arn'],
    );
    expect(arns).toHaveLength(4);
    expect(arns.filter((arn) => arn.includes('/platform-prod-db-replica/'))).toHaveLength(2);
  });

  test('a replica lag alarm watches the replica and notifies the alert topic', () => {
    const lag = all(json, 'aws_cloudwatch_metric_alarm').filter(([, a]) => a.metric_name === 'ReplicaLag');
    expect(lag.map(([, a]) => a)).toEqual([
      expect.objectContaining({
        alarm_name: 'platform-prod-db-replica-lag',
        dimensions: { DBInstanceIdentifier: 'platform-prod-db-replica' },
        threshold: 300,
        comparison_operator: 'GreaterThanThreshold',
        alarm_actions: [BASE_PROPS.alarmTopicArn],
      }),
    ]);
    expect(database.alarms.replicaLag).toBeDefined();
    expect(database.replica?.instance).toBeDefined();
  });

  test('class, Multi-AZ and the lag threshold are configurable', () => {
    const other = synthDatabase({
      readReplica: { instanceClass: 'db.r7g.large', multiAz: true },
      alarms: { replicaLagSeconds: 60 },
    }).json;
    expect(named(other, 'aws_db_instance', 'replica_instance')[1]).toMatchObject({
      instance_class: 'db.r7g.large',
      multi_az: true,
    });
    const lag = all(other, 'aws_cloudwatch_metric_alarm').find(([, a]) => a.metric_name === 'ReplicaLag');
    expect(lag?.[1].threshold).toBe(60);
  });

  test('enabled: false means no replica and no replica lag alarm', () => {
    const { json: without, database: db } = synthDatabase({ readReplica: { enabled: false } });
    expect(all(without, 'aws_db_instance')).toHaveLength(1);
    expect(all(without, 'aws_cloudwatch_metric_alarm').map(([, a]) => a.metric_name)).not.toContain(
      'ReplicaLag',
    );
    expect(db.alarms.replicaLag).toBeUndefined();
  });
});

describe('PostgresDatabase with cross-region backup replication', () => {
  test('through an AWS provider aliased to the DR region', () => {
    const { json } = synthDatabase((scope) => ({
      backupReplication: {
        provider: new AwsProvider(scope, 'dr', { region: 'eu-central-1', alias: 'dr' }),
        kmsKeyArn: DR_KEY,
      },
    }));
    const [instanceName] = primary(json);
    expect(only(json, 'aws_db_instance_automated_backups_replication')[1]).toEqual({
      provider: 'aws.dr',
      source_db_instance_arn: ref('aws_db_instance', instanceName, 'arn'),
      kms_key_id: DR_KEY,
      retention_period: 7,
    });
  });

  test("through the resource's own region, with its own retention", () => {
    const { json, database } = synthDatabase({
      backupRetentionDays: 14,
      backupReplication: { region: 'eu-central-1', kmsKeyArn: DR_KEY, retentionDays: 3 },
    });
    const replication = only(json, 'aws_db_instance_automated_backups_replication')[1];
    expect(replication).toMatchObject({ region: 'eu-central-1', kms_key_id: DR_KEY, retention_period: 3 });
    expect(replication).not.toHaveProperty('provider');
    expect(database.backupReplication).toBeDefined();
  });

  test('without a key ARN, a rotating key is made in the destination region, through the same provider', () => {
    const { json, database } = synthDatabase((scope) => ({
      preventDestroy: true,
      backupReplication: { provider: new AwsProvider(scope, 'dr', { region: 'eu-central-1', alias: 'dr' }) },
    }));
    const [drKeyName, drKey] = named(json, 'aws_kms_key', 'backup-replication_key');
    expect(drKey).toMatchObject({
      provider: 'aws.dr',
      enable_key_rotation: true,
      deletion_window_in_days: 30,
      lifecycle: { prevent_destroy: true },
    });
    expect(statement(policyOf(drKey), 'AccountAdministersKeyThroughIam').Action).toBe('kms:*');
    expect(named(json, 'aws_kms_alias', 'backup-replication_alias')[1]).toMatchObject({
      provider: 'aws.dr',
      name: 'alias/platform-prod-db-backup-replica',
    });
    expect(only(json, 'aws_db_instance_automated_backups_replication')[1].kms_key_id).toBe(
      ref('aws_kms_key', drKeyName, 'arn'),
    );
    expect(database.backupReplication?.key).toBeDefined();

    const byRegion = synthDatabase({ backupReplication: { region: 'eu-central-1' } }).json;
    expect(named(byRegion, 'aws_kms_key', 'backup-replication_key')[1].region).toBe('eu-central-1');
    expect(named(byRegion, 'aws_kms_alias', 'backup-replication_alias')[1].region).toBe('eu-central-1');
  });

  test('retention defaults to the source instance retention; enabled: false replicates nothing', () => {
    const { json } = synthDatabase({
      backupRetentionDays: 21,
      backupReplication: { region: 'eu-central-1', kmsKeyArn: DR_KEY },
    });
    expect(only(json, 'aws_db_instance_automated_backups_replication')[1].retention_period).toBe(21);
    const off = synthDatabase({
      backupReplication: { enabled: false, region: 'eu-central-1', kmsKeyArn: DR_KEY },
    });
    expect(all(off.json, 'aws_db_instance_automated_backups_replication')).toEqual([]);
  });
});
