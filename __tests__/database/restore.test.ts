import { primary, synthDatabase } from './synth-database';

const RESTORE_TARGET = { name: 'db-r1', deletionProtection: false, finalSnapshot: false } as const;

describe('PostgresDatabase restored from a backup', () => {
  test('to a point in time: a new instance from the source, at the given UTC moment', () => {
    const [, instance] = primary(
      synthDatabase({
        ...RESTORE_TARGET,
        restore: {
          type: 'pointInTime',
          sourceDbInstanceIdentifier: 'platform-prod-db',
          restoreTime: '2025-11-20T03:00:00Z',
        },
      }).json,
    );
    expect(instance).toMatchObject({
      identifier: 'platform-prod-db-r1',
      restore_to_point_in_time: {
        source_db_instance_identifier: 'platform-prod-db',
        restore_time: '2025-11-20T03:00:00Z',
      },
      deletion_protection: false,
      skip_final_snapshot: true,
    });
    expect(instance.restore_to_point_in_time).not.toHaveProperty('use_latest_restorable_time');
  });

  test('to the latest restorable time', () => {
    const [, instance] = primary(
      synthDatabase({
        ...RESTORE_TARGET,
        restore: {
          type: 'pointInTime',
          sourceDbInstanceIdentifier: 'platform-prod-db',
          useLatestRestorableTime: true,
        },
      }).json,
    );
    expect(instance.restore_to_point_in_time).toEqual({
      source_db_instance_identifier: 'platform-prod-db',
      use_latest_restorable_time: true,
    });
  });

  test('from replicated backups in the DR region, or from a deleted instance by resource id', () => {
    const arn = 'arn:aws:rds:eu-central-1:111111111111:auto-backup:ab-abcdefghijklmnopqrstuvwxyz1234';
    const fromArn = primary(
      synthDatabase({
        ...RESTORE_TARGET,
        restore: { type: 'pointInTime', sourceAutomatedBackupsArn: arn, useLatestRestorableTime: true },
      }).json,
    )[1];
    expect(fromArn.restore_to_point_in_time).toEqual({
      source_db_instance_automated_backups_arn: arn,
      use_latest_restorable_time: true,
    });
    const fromId = primary(
      synthDatabase({
        ...RESTORE_TARGET,
        restore: {
          type: 'pointInTime',
          sourceDbiResourceId: 'db-ABCDEFGHIJKLMNOPQRSTU1234',
          useLatestRestorableTime: true,
        },
      }).json,
    )[1];
    expect(fromId.restore_to_point_in_time).toEqual({
      source_dbi_resource_id: 'db-ABCDEFGHIJKLMNOPQRSTU1234',
      use_latest_restorable_time: true,
    });
  });

  test('from a snapshot', () => {
    const [, instance] = primary(
      synthDatabase({
        ...RESTORE_TARGET,
        restore: { type: 'snapshot', snapshotIdentifier: 'platform-prod-db-final' },
      }).json,
    );
    expect(instance.snapshot_identifier).toBe('platform-prod-db-final');
    expect(instance).not.toHaveProperty('restore_to_point_in_time');
  });

  test.each([
    [
      'point in time',
      { type: 'pointInTime', sourceDbInstanceIdentifier: 'platform-prod-db', useLatestRestorableTime: true },
    ],
    ['snapshot', { type: 'snapshot', snapshotIdentifier: 'rds:platform-prod-db-2025-11-20-03-10' }],
  ] as const)(
    'a %s restore takes database name, master user and storage key from the backup, and keeps the rest of the setup',
    (_, restore) => {
      const [, instance] = primary(synthDatabase({ ...RESTORE_TARGET, restore }).json);
      for (const attribute of ['db_name', 'username', 'kms_key_id', 'password']) {
        expect(instance).not.toHaveProperty(attribute);
      }
      expect(instance).toMatchObject({
        engine: 'postgres',
        storage_encrypted: true,
        manage_master_user_password: true,
        iam_database_authentication_enabled: true,
        publicly_accessible: false,
        backup_retention_period: 7,
        // The restore arguments are create-only: removing them later keeps the restored database.
        lifecycle: { ignore_changes: ['snapshot_identifier', 'restore_to_point_in_time'] },
      });
      expect(instance.performance_insights_kms_key_id).toBeDefined();
      expect(instance.master_user_secret_kms_key_id).toBeDefined();
    },
  );
});
