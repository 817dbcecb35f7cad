import { all, only, primary, synthDatabase } from './synth-database';

describe('PostgresDatabase options', () => {
  test('engine version, class, storage, Multi-AZ, backups and windows pass through', () => {
    const { json } = synthDatabase({
      engineVersion: '16',
      allowMajorVersionUpgrade: true,
      instanceClass: 'db.m7g.large',
      allocatedStorageGib: 100,
      maxAllocatedStorageGib: 1000,
      multiAz: true,
      backupRetentionDays: 35,
      backupWindow: '22:00-23:00',
      maintenanceWindow: 'Sat:23:30-Sun:00:30',
      applyImmediately: true,
    });
    const [, instance] = primary(json);
    expect(instance).toMatchObject({
      engine_version: '16',
      allow_major_version_upgrade: true,
      instance_class: 'db.m7g.large',
      allocated_storage: 100,
      max_allocated_storage: 1000,
      multi_az: true,
      backup_retention_period: 35,
      backup_window: '22:00-23:00',
      // Lowercased as the provider stores it, so the plan shows no perpetual diff.
      maintenance_window: 'sat:23:30-sun:00:30',
      apply_immediately: true,
    });
    const [, group] = only(json, 'aws_db_parameter_group');
    expect(group).toMatchObject({ family: 'postgres16', name: 'platform-prod-db-postgres16' });
    // Before PostgreSQL 18 log_connections is a boolean.
    expect(group.parameter).toContainEqual({
      name: 'log_connections',
      value: '1',
      apply_method: 'immediate',
    });
  });

  test('the default storage ceiling follows the allocated size, up to the gp3 maximum', () => {
    expect(primary(synthDatabase({ allocatedStorageGib: 50 }).json)[1].max_allocated_storage).toBe(250);
    expect(primary(synthDatabase({ allocatedStorageGib: 60000 }).json)[1].max_allocated_storage).toBe(65536);
  });

  test('deletion protection and the final snapshot can be turned off (development)', () => {
    const [, instance] = primary(synthDatabase({ deletionProtection: false, finalSnapshot: false }).json);
    expect(instance).toMatchObject({ deletion_protection: false, skip_final_snapshot: true });
    expect(instance).not.toHaveProperty('final_snapshot_identifier');
  });

  test('preventDestroy protects the instance, its key and its log groups', () => {
    const { json } = synthDatabase({ preventDestroy: true });
    expect(primary(json)[1].lifecycle).toEqual({
      prevent_destroy: true,
      ignore_changes: ['snapshot_identifier', 'restore_to_point_in_time'],
    });
    expect(only(json, 'aws_kms_key')[1].lifecycle).toEqual({ prevent_destroy: true });
    for (const [, group] of all(json, 'aws_cloudwatch_log_group')) {
      expect(group.lifecycle).toEqual({ prevent_destroy: true });
    }
  });

  test("databaseInsights 'advanced' keeps 465 days of history", () => {
    const [, instance] = primary(synthDatabase({ databaseInsights: 'advanced' }).json);
    expect(instance).toMatchObject({
      database_insights_mode: 'advanced',
      performance_insights_enabled: true,
      performance_insights_retention_period: 465,
    });
  });

  test('monitoringIntervalSeconds 0 turns enhanced monitoring off, and with it the role', () => {
    const { json, database } = synthDatabase({ monitoringIntervalSeconds: 0 });
    const [, instance] = primary(json);
    expect(instance.monitoring_interval).toBe(0);
    expect(instance).not.toHaveProperty('monitoring_role_arn');
    expect(all(json, 'aws_iam_role')).toEqual([]);
    expect(database.monitoringRole).toBeUndefined();
  });

  test('a shorter monitoring interval passes through', () => {
    expect(primary(synthDatabase({ monitoringIntervalSeconds: 15 }).json)[1].monitoring_interval).toBe(15);
  });

  test('name, database name, master user and log retention', () => {
    const { json } = synthDatabase({
      name: 'orders',
      databaseName: 'orders',
      masterUsername: 'orders_admin',
      logRetentionDays: 365,
    });
    const [, instance] = primary(json);
    expect(instance).toMatchObject({
      identifier: 'platform-prod-orders',
      db_name: 'orders',
      username: 'orders_admin',
    });
    for (const [, group] of all(json, 'aws_cloudwatch_log_group')) {
      expect(group.retention_in_days).toBe(365);
      expect(group.name).toMatch(/^\/aws\/rds\/instance\/platform-prod-orders\//);
    }
  });

  test('parameters: the slow-query threshold, overrides, static parameters after a reboot, preloads added', () => {
    const { json } = synthDatabase({
      slowQueryThresholdMs: 250,
      parameters: {
        log_statement: 'mod',
        max_connections: '200',
        shared_preload_libraries: 'pg_cron, pg_stat_statements',
        'cron.database_name': 'app',
        idle_in_transaction_session_timeout: { value: '600000', applyMethod: 'pending-reboot' },
      },
    });
    const parameters = only(json, 'aws_db_parameter_group')[1].parameter as { name: string }[];
    const byName = Object.fromEntries(parameters.map((p) => [p.name, p]));
    expect(byName.log_min_duration_statement).toEqual(expect.objectContaining({ value: '250' }));
    expect(byName.log_statement).toEqual(
      expect.objectContaining({ value: 'mod', apply_method: 'immediate' }),
    );
    expect(byName.max_connections).toEqual(
      expect.objectContaining({ value: '200', apply_method: 'pending-reboot' }),
    );
    expect(byName.shared_preload_libraries).toEqual(
      expect.objectContaining({ value: 'pg_stat_statements,pg_cron', apply_method: 'pending-reboot' }),
    );
    expect(byName['cron.database_name']).toEqual(expect.objectContaining({ apply_method: 'pending-reboot' }));
    expect(byName.idle_in_transaction_session_timeout).toEqual(
      expect.objectContaining({ value: '600000', apply_method: 'pending-reboot' }),
    );
    expect(byName['rds.force_ssl']).toEqual(expect.objectContaining({ value: '1' }));
    // Sorted by name: a stable plan.
    expect(parameters.map((p) => p.name)).toEqual(parameters.map((p) => p.name).sort());
  });

  test('alarm thresholds pass through', () => {
    const { json } = synthDatabase({
      alarms: { cpuPercent: 90, freeStorageGib: 5, freeableMemoryMib: 256, connections: 400 },
    });
    const byMetric = Object.fromEntries(
      all(json, 'aws_cloudwatch_metric_alarm').map(([, a]) => [a.metric_name as string, a.threshold]),
    );
    expect(byMetric).toEqual({
      CPUUtilization: 90,
      FreeStorageSpace: 5 * 1024 ** 3,
      FreeableMemory: 256 * 1024 ** 2,
      DatabaseConnections: 400,
    });
  });

  test('alarm defaults scale with the instance class and storage', () => {
    const { json } = synthDatabase({ instanceClass: 'db.r7g.xlarge', allocatedStorageGib: 500 });
    const byMetric = Object.fromEntries(
      all(json, 'aws_cloudwatch_metric_alarm').map(([, a]) => [a.metric_name as string, a.threshold]),
    );
    // 32 GiB: 10 % is 3277 MiB; 75 % of 32 GiB / 9531392 = 2703 connections, 80 % of that 2162.
    expect(byMetric.FreeableMemory).toBe(3277 * 1024 ** 2);
    expect(byMetric.DatabaseConnections).toBe(2162);
    expect(byMetric.FreeStorageSpace).toBe(50 * 1024 ** 3);
  });
});

describe('instanceTags', () => {
  it('adds the given tags to the instance, keeping its Name', () => {
    const { json } = synthDatabase({
      instanceTags: { 'backup-plan': 'platform-prod-backup', Name: 'ignored' },
    });
    expect(primary(json)[1].tags).toEqual({
      'backup-plan': 'platform-prod-backup',
      Name: 'platform-prod-db',
    });
  });
});

describe('timeouts', () => {
  it('gives creates, updates and deletes hours, and restores longer', () => {
    expect(primary(synthDatabase().json)[1].timeouts).toEqual({ create: '2h', update: '4h', delete: '2h' });
    const restored = synthDatabase({
      name: 'db-r1',
      deletionProtection: false,
      finalSnapshot: false,
      restore: { type: 'snapshot', snapshotIdentifier: 'platform-prod-db-final' },
    });
    expect(primary(restored.json)[1].timeouts).toEqual({
      create: '6h',
      update: '4h',
      delete: '2h',
    });
  });
});
