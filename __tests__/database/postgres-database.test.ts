import { Fn, Token } from 'cdktf';
import { DEFAULT_POSTGRES_MAJOR_VERSION, defaultParameters } from '../../lib/database';
import { list, policyOf, ref, statement } from '../support/synth';
import { all, BASE_PROPS, named, only, primary, synthDatabase } from './synth-database';

describe('PostgresDatabase defaults', () => {
  const { json, database } = synthDatabase();
  const [instanceName, instance] = primary(json);
  const [keyName, key] = only(json, 'aws_kms_key');
  const keyArn = ref('aws_kms_key', keyName, 'arn');
  const [sgName, securityGroup] = named(json, 'aws_security_group', 'db_security-group');
  const sgId = ref('aws_security_group', sgName);

  test('PostgreSQL, the newest major version, on a small Graviton class, named <namePrefix>-db', () => {
    expect(DEFAULT_POSTGRES_MAJOR_VERSION).toBe('18');
    expect(instance).toMatchObject({
      identifier: 'platform-prod-db',
      engine: 'postgres',
      engine_version: '18',
      allow_major_version_upgrade: false,
      auto_minor_version_upgrade: true,
      instance_class: 'db.t4g.micro',
      db_name: 'app',
      username: 'app_admin',
      port: 5432,
      tags: { Name: 'platform-prod-db' },
    });
  });

  test('gp3 storage with autoscaling up to 5 × the allocated size', () => {
    expect(instance).toMatchObject({
      storage_type: 'gp3',
      allocated_storage: 20,
      max_allocated_storage: 100,
    });
  });

  test('storage, Database Insights and the master secret are encrypted with the one rotating CMK', () => {
    expect(instance).toMatchObject({
      storage_encrypted: true,
      kms_key_id: keyArn,
      performance_insights_enabled: true,
      performance_insights_kms_key_id: keyArn,
      performance_insights_retention_period: 7,
      database_insights_mode: 'standard',
      manage_master_user_password: true,
      master_user_secret_kms_key_id: keyArn,
    });
    expect(key.enable_key_rotation).toBe(true);
    expect(key.lifecycle).toBeUndefined();
    expect(only(json, 'aws_kms_alias')[1].name).toBe('alias/platform-prod-db');
  });

  test('RDS manages the master password: no password argument at all', () => {
    for (const attribute of ['password', 'password_wo', 'password_wo_version']) {
      expect(instance).not.toHaveProperty(attribute);
    }
  });

  test('IAM database authentication on, never publicly accessible, current CA', () => {
    expect(instance).toMatchObject({
      iam_database_authentication_enabled: true,
      publicly_accessible: false,
      ca_cert_identifier: 'rds-ca-rsa2048-g1',
    });
  });

  test('backups for 7 days (point-in-time recovery) in windows that do not overlap, kept after deletion', () => {
    expect(instance).toMatchObject({
      backup_retention_period: 7,
      backup_window: '03:00-04:00',
      maintenance_window: 'sun:04:30-sun:05:30',
      copy_tags_to_snapshot: true,
      delete_automated_backups: false,
    });
  });

  test('deletion protection and a deterministic final snapshot; prevent_destroy only on request', () => {
    expect(instance).toMatchObject({
      deletion_protection: true,
      skip_final_snapshot: false,
      final_snapshot_identifier: 'platform-prod-db-final',
      multi_az: false,
      apply_immediately: false,
    });
    expect(instance.lifecycle).toEqual({
      ignore_changes: ['snapshot_identifier', 'restore_to_point_in_time'],
    });
  });

  test('the instance is in the isolated subnets through its own subnet group', () => {
    const [groupName, group] = only(json, 'aws_db_subnet_group');
    expect(group).toMatchObject({ name: 'platform-prod-db', subnet_ids: BASE_PROPS.subnetIds });
    expect(instance.db_subnet_group_name).toBe(ref('aws_db_subnet_group', groupName, 'name'));
  });

  test('its security group has no inline rules, no egress rule, and admits 5432 from the given group only', () => {
    expect(instance.vpc_security_group_ids).toEqual([sgId]);
    expect(securityGroup.vpc_id).toBe(BASE_PROPS.vpcId);
    expect(securityGroup).not.toHaveProperty('ingress');
    expect(securityGroup).not.toHaveProperty('egress');
    expect(all(json, 'aws_vpc_security_group_egress_rule')).toEqual([]);
    const rules = all(json, 'aws_vpc_security_group_ingress_rule').map(([, rule]) => rule);
    expect(rules).toEqual([
      expect.objectContaining({
        security_group_id: sgId,
        referenced_security_group_id: 'sg-0aaaaaaaaaaaaaaa1',
        ip_protocol: 'tcp',
        from_port: 5432,
        to_port: 5432,
      }),
    ]);
    expect(rules[0]).not.toHaveProperty('cidr_ipv4');
  });

  test('the parameter group enforces TLS, preloads pg_stat_statements and logs slow queries and connections', () => {
    const [groupName, group] = only(json, 'aws_db_parameter_group');
    expect(instance.parameter_group_name).toBe(ref('aws_db_parameter_group', groupName, 'name'));
    expect(group).toMatchObject({
      name: 'platform-prod-db-postgres18',
      family: 'postgres18',
      lifecycle: { create_before_destroy: true },
    });
    expect(group.parameter).toEqual([
      { name: 'log_connections', value: 'all', apply_method: 'immediate' },
      { name: 'log_disconnections', value: '1', apply_method: 'immediate' },
      { name: 'log_lock_waits', value: '1', apply_method: 'immediate' },
      { name: 'log_min_duration_statement', value: '500', apply_method: 'immediate' },
      { name: 'log_statement', value: 'ddl', apply_method: 'immediate' },
      { name: 'password_encryption', value: 'scram-sha-256', apply_method: 'immediate' },
      { name: 'rds.force_ssl', value: '1', apply_method: 'immediate' },
      { name: 'shared_preload_libraries', value: 'pg_stat_statements', apply_method: 'pending-reboot' },
      { name: 'track_io_timing', value: '1', apply_method: 'immediate' },
    ]);
    expect(defaultParameters('17', 500).log_connections).toBe('1');
  });

  test('PostgreSQL and upgrade logs go to log groups created first, with retention and the CMK', () => {
    expect(instance.enabled_cloudwatch_logs_exports).toEqual(['postgresql', 'upgrade']);
    const groups = all(json, 'aws_cloudwatch_log_group');
    expect(groups.map(([, g]) => g.name)).toEqual([
      '/aws/rds/instance/platform-prod-db/postgresql',
      '/aws/rds/instance/platform-prod-db/upgrade',
    ]);
    for (const [name, group] of groups) {
      expect(group).toMatchObject({ retention_in_days: 30, kms_key_id: keyArn });
      expect(instance.depends_on).toContain(`aws_cloudwatch_log_group.${name}`);
    }
  });

  test('the key lets CloudWatch Logs use it for exactly those log groups', () => {
    const grant = statement(policyOf(key), 'AllowService0');
    expect(grant.Principal).toEqual({ Service: expect.stringMatching(/^logs\.\$\{data\.aws_region\./) });
    const arns = list(grant.Condition?.ArnEquals['kms:EncryptionContext:aws:logs:arn']);
    expect(arns).toHaveLength(2);
    expect(arns[0]).toMatch(/:log-group:\/aws\/rds\/instance\/platform-prod-db\/postgresql$/);
    expect(arns[1]).toMatch(/:log-group:\/aws\/rds\/instance\/platform-prod-db\/upgrade$/);
    expect(policyOf(key).Statement).toHaveLength(2);
  });

  test('enhanced monitoring every 60 s through a role only RDS monitoring of this account can assume', () => {
    const [roleName, role] = only(json, 'aws_iam_role');
    expect(instance.monitoring_interval).toBe(60);
    expect(instance.monitoring_role_arn).toBe(ref('aws_iam_role', roleName, 'arn'));
    expect(role.name).toBe('platform-prod-db-rds-monitoring');
    const trust = statement(policyOf(role, 'assume_role_policy'), 'RdsEnhancedMonitoringAssumesRole');
    expect(trust.Principal).toEqual({ Service: 'monitoring.rds.amazonaws.com' });
    expect(trust.Condition?.StringEquals['aws:SourceAccount']).toMatch(/^\$\{data\.aws_caller_identity\./);
    const [attachmentName, attachment] = only(json, 'aws_iam_role_policy_attachment');
    expect(attachment.policy_arn).toMatch(/:iam::aws:policy\/service-role\/AmazonRDSEnhancedMonitoringRole$/);
    expect(instance.depends_on).toContain(`aws_iam_role_policy_attachment.${attachmentName}`);
  });

  test('no proxy, replica or backup replication unless asked for', () => {
    for (const type of ['aws_db_proxy', 'aws_db_instance_automated_backups_replication']) {
      expect(all(json, type)).toEqual([]);
    }
    expect(all(json, 'aws_db_instance')).toHaveLength(1);
    expect(database.proxy).toBeUndefined();
    expect(database.replica).toBeUndefined();
  });

  test('four alarms, CPU, free storage, freeable memory and connections, each to the alert topic', () => {
    const alarms = all(json, 'aws_cloudwatch_metric_alarm').map(([, a]) => a);
    expect(alarms.map((a) => a.metric_name).sort()).toEqual(
      ['CPUUtilization', 'DatabaseConnections', 'FreeStorageSpace', 'FreeableMemory'].sort(),
    );
    for (const alarm of alarms) {
      expect(alarm).toMatchObject({
        namespace: 'AWS/RDS',
        dimensions: { DBInstanceIdentifier: 'platform-prod-db' },
        alarm_actions: [BASE_PROPS.alarmTopicArn],
        ok_actions: [BASE_PROPS.alarmTopicArn],
      });
    }
    const byMetric = Object.fromEntries(alarms.map((a) => [a.metric_name, a]));
    expect(byMetric.CPUUtilization).toMatchObject({
      threshold: 80,
      comparison_operator: 'GreaterThanThreshold',
    });
    // 10 % of the 20 GiB allocated.
    expect(byMetric.FreeStorageSpace).toMatchObject({
      threshold: 2 * 1024 ** 3,
      comparison_operator: 'LessThanThreshold',
    });
    // db.t4g.micro has 1 GiB: 10 % of it, and 80 % of a conservative max_connections (75 % of 1 GiB / 9531392 = 84).
    expect(byMetric.FreeableMemory.threshold).toBe(102 * 1024 ** 2);
    expect(byMetric.DatabaseConnections.threshold).toBe(67);
  });

  test('readonly fields reference the instance', () => {
    expect(database.identifier).toBe('platform-prod-db');
    expect(database.port).toBe(5432);
    expect(Token.isUnresolved(database.endpoint)).toBe(true);
    expect(database.connectionHost).toBe(database.address);
    expect(database.clientSecurityGroup).toBe(database.securityGroup);
    expect(database.alarms.all).toHaveLength(4);
    expect(database.monitoringRole).toBeDefined();
    expect(instanceName).toMatch(/^db_instance_/);
  });
});

describe('PostgresDatabase client access', () => {
  test('with no allowed group nothing is admitted, until allowConnectionsFrom adds a rule', () => {
    expect(
      all(synthDatabase({ allowedSecurityGroupIds: [] }).json, 'aws_vpc_security_group_ingress_rule'),
    ).toEqual([]);
    const { json } = synthDatabase({ allowedSecurityGroupIds: [] }, (db) =>
      db.allowConnectionsFrom('api', 'sg-0bbbbbbbbbbbbbbb2'),
    );
    const [sgName] = named(json, 'aws_security_group', 'db_security-group');
    expect(all(json, 'aws_vpc_security_group_ingress_rule').map(([, r]) => r)).toEqual([
      expect.objectContaining({
        security_group_id: ref('aws_security_group', sgName),
        referenced_security_group_id: 'sg-0bbbbbbbbbbbbbbb2',
        from_port: 5432,
        to_port: 5432,
      }),
    ]);
  });

  test('groups in directAccessSecurityGroupIds are admitted too, each once', () => {
    const { json } = synthDatabase({
      directAccessSecurityGroupIds: ['sg-0ccccccccccccccc3', 'sg-0aaaaaaaaaaaaaaa1'],
    });
    const sources = all(json, 'aws_vpc_security_group_ingress_rule').map(
      ([, r]) => r.referenced_security_group_id,
    );
    expect(sources.sort()).toEqual(['sg-0aaaaaaaaaaaaaaa1', 'sg-0ccccccccccccccc3']);
  });

  test('rules are keyed by the admitted group, so reordering the list replaces nothing', () => {
    const a = synthDatabase({ allowedSecurityGroupIds: ['sg-0aaaaaaaaaaaaaaa1', 'sg-0bbbbbbbbbbbbbbb2'] });
    const b = synthDatabase({ allowedSecurityGroupIds: ['sg-0bbbbbbbbbbbbbbb2', 'sg-0aaaaaaaaaaaaaaa1'] });
    const namesOf = (json: typeof a.json) =>
      all(json, 'aws_vpc_security_group_ingress_rule')
        .map(([n]) => n)
        .sort();
    expect(namesOf(a.json)).toEqual(namesOf(b.json));
    expect(namesOf(a.json)).toHaveLength(2);
  });

  test('group ids read from remote state (tokens) get one rule each, by position', () => {
    const { json } = synthDatabase({
      allowedSecurityGroupIds: [Fn.element(['sg-a', 'sg-b'], 0), Fn.element(['sg-a', 'sg-b'], 1)],
      subnetIds: [Token.asString(Fn.element(['subnet-a'], 0))],
    });
    expect(all(json, 'aws_vpc_security_group_ingress_rule').map(([n]) => n)).toEqual([
      expect.stringContaining('ingress-0'),
      expect.stringContaining('ingress-1'),
    ]);
  });
});
