import { PostgresDatabaseProps } from '../../lib/database';
import { errorFor, Overrides } from './synth-database';

// For values the TypeScript types already refuse: a JavaScript caller or a bad cast can pass them.
const untyped = <T>(value: unknown): T => value as T;

const DR_KEY = 'arn:aws:kms:eu-central-1:111111111111:key/0f3c6a2e-1111-4222-8333-944455566677';
const LONG_PREFIX = 'platform-very-long-project-name-production-eu'; // 45 characters
const PITR = { type: 'pointInTime', sourceDbInstanceIdentifier: 'platform-prod-db' } as const;

describe('PostgresDatabase props validation', () => {
  test.each<[string, Overrides, RegExp]>([
    // Backups.
    ['retention 0', { backupRetentionDays: 0 }, /backupRetentionDays: 0 is outside 1-35/],
    ['retention 36', { backupRetentionDays: 36 }, /backupRetentionDays: 36 is outside 1-35/],
    ['retention not whole', { backupRetentionDays: 7.5 }, /backupRetentionDays: 7\.5 is outside 1-35/],
    // Names and identifier lengths (RDS: 63; refused rather than cut and hashed).
    ['prefix upper case', { namePrefix: 'Platform-Prod' }, /namePrefix: 'Platform-Prod' must be lowercase/],
    ['name with underscore', { name: 'db_1' }, /name: 'db_1' must be lowercase letters/],
    [
      'identifier over 63',
      { namePrefix: LONG_PREFIX, name: 'orders-database-main' },
      /name: the identifier '.+' is 66 characters; RDS allows 63 \(shorten namePrefix or name\)/,
    ],
    [
      'replica identifier over 63',
      { namePrefix: LONG_PREFIX, name: 'orders-main', readReplica: {} },
      /readReplica: the identifier '.+-orders-main-replica' is 65 characters; RDS allows 63/,
    ],
    [
      'proxy name over 63',
      { namePrefix: LONG_PREFIX, name: 'orders-database', proxy: {} },
      /proxy: the identifier '.+-orders-database-proxy' is 67 characters; RDS allows 63/,
    ],
    // Network.
    ['VPC id', { vpcId: 'my-vpc' }, /vpcId: 'my-vpc' is not a VPC id/],
    [
      'one subnet',
      { subnetIds: ['subnet-0123456789abcdef0'] },
      /subnetIds: RDS needs subnets in at least two availability zones/,
    ],
    ['no subnet', { subnetIds: [] }, /subnetIds: list the isolated subnets/],
    [
      'subnet id',
      { subnetIds: ['subnet-1', 'subnet-0123456789abcdef0'] },
      /subnetIds\[0\]: 'subnet-1' is not a subnet id/,
    ],
    [
      'security group id',
      { allowedSecurityGroupIds: ['default'] },
      /allowedSecurityGroupIds\[0\]: 'default' is not a security group id/,
    ],
    [
      'security group twice',
      { allowedSecurityGroupIds: ['sg-0aaaaaaaaaaaaaaa1', 'sg-0aaaaaaaaaaaaaaa1'] },
      /allowedSecurityGroupIds\[1\]: 'sg-0aaaaaaaaaaaaaaa1' is listed twice/,
    ],
    [
      'direct access group id',
      { directAccessSecurityGroupIds: ['sg-x'] },
      /directAccessSecurityGroupIds\[0\]: 'sg-x'/,
    ],
    ['no alarm topic', { alarmTopicArn: '' }, /alarmTopicArn: give the ARN of the alert topic/],
    // Engine and class.
    [
      'minor version',
      { engineVersion: '17.4' },
      /engineVersion: '17\.4' is a minor version; give the major only \(e\.g\. '17'\)/,
    ],
    [
      'unsupported major',
      { engineVersion: '12' },
      /engineVersion: '12' is not one of 13, 14, 15, 16, 17, 18/,
    ],
    [
      'instance class',
      { instanceClass: 'm7g.large' },
      /instanceClass: 'm7g\.large' is not an RDS instance class/,
    ],
    // Storage.
    [
      'storage below gp3 minimum',
      { allocatedStorageGib: 10 },
      /allocatedStorageGib: 10 must be a whole number of GiB, 20-65536/,
    ],
    [
      'storage above maximum',
      { allocatedStorageGib: 70000, maxAllocatedStorageGib: 65536 },
      /allocatedStorageGib: 70000/,
    ],
    [
      'ceiling not above allocated',
      { allocatedStorageGib: 100, maxAllocatedStorageGib: 100 },
      /maxAllocatedStorageGib: 100 must exceed allocatedStorageGib \(100\)/,
    ],
    [
      'ceiling above maximum',
      { maxAllocatedStorageGib: 70000 },
      /maxAllocatedStorageGib: 70000 must be a whole number of GiB, 21-65536/,
    ],
    // Windows.
    [
      'backup window format',
      { backupWindow: '3:00-4:00' },
      /backupWindow: '3:00-4:00' is not a daily window hh24:mi-hh24:mi/,
    ],
    [
      'backup window too short',
      { backupWindow: '03:00-03:15' },
      /backupWindow: '03:00-03:15' is 15 minutes; RDS needs at least 30/,
    ],
    [
      'maintenance window format',
      { maintenanceWindow: 'sunday:04:00-sunday:05:00' },
      /maintenanceWindow: 'sunday:04:00-sunday:05:00' is not a weekly window/,
    ],
    [
      'maintenance window too short',
      { maintenanceWindow: 'sun:06:00-sun:06:20' },
      /maintenanceWindow: 'sun:06:00-sun:06:20' is 20 minutes; RDS needs at least 30/,
    ],
    [
      'windows overlap',
      { backupWindow: '04:00-05:00', maintenanceWindow: 'sun:04:30-sun:05:30' },
      /maintenanceWindow: 'sun:04:30-sun:05:30' overlaps backupWindow '04:00-05:00'/,
    ],
    [
      'windows overlap across midnight',
      { backupWindow: '23:30-00:30', maintenanceWindow: 'mon:00:00-mon:01:00' },
      /overlaps backupWindow '23:30-00:30'/,
    ],
    [
      'windows overlap across the week boundary',
      { backupWindow: '00:00-00:30', maintenanceWindow: 'sun:23:00-mon:00:15' },
      /overlaps backupWindow '00:00-00:30'/,
    ],
    // Monitoring and insights.
    [
      'monitoring interval',
      { monitoringIntervalSeconds: 2 },
      /monitoringIntervalSeconds: 2 is not one of 0, 1, 5, 10, 15, 30, 60/,
    ],
    [
      'insights mode',
      { databaseInsights: untyped('premium') },
      /databaseInsights: 'premium' is not 'standard'/,
    ],
    ['log retention', { logRetentionDays: 10 }, /logRetentionDays: 10 is not a CloudWatch Logs retention/],
    [
      'slow query threshold',
      { slowQueryThresholdMs: -2 },
      /slowQueryThresholdMs: -2 must be a whole number of milliseconds/,
    ],
    // Names inside PostgreSQL.
    ['master user postgres', { masterUsername: 'postgres' }, /masterUsername: 'postgres' is reserved/],
    [
      'master user rds prefix',
      { masterUsername: 'rds_owner' },
      /masterUsername: 'rds_owner' starts with pg_ or rds/,
    ],
    [
      'master user format',
      { masterUsername: '1admin' },
      /masterUsername: '1admin' must be 1-63 letters, digits and underscores/,
    ],
    ['database template1', { databaseName: 'template1' }, /databaseName: 'template1' is reserved/],
    ['database name with hyphen', { databaseName: 'my-app' }, /databaseName: 'my-app' must be 1-63 letters/],
    // Parameters.
    [
      'TLS off',
      { parameters: { 'rds.force_ssl': '0' } },
      /parameters\.rds\.force_ssl: '0' would allow unencrypted connections; it stays 1/,
    ],
    [
      'parameter name',
      { parameters: { 'Work Mem': '64MB' } },
      /parameters\.Work Mem: not a PostgreSQL parameter name/,
    ],
    [
      'apply method',
      { parameters: { work_mem: { value: '64MB', applyMethod: untyped('later') } } },
      /parameters\.work_mem\.applyMethod: 'later' is not immediate or pending-reboot/,
    ],
    // Proxy.
    [
      'proxy idle timeout',
      { proxy: { idleClientTimeoutSeconds: 0 } },
      /proxy\.idleClientTimeoutSeconds: 0 must be a whole number, 1-28800/,
    ],
    [
      'proxy idle above max',
      { proxy: { maxConnectionsPercent: 40, maxIdleConnectionsPercent: 50 } },
      /proxy\.maxIdleConnectionsPercent: 50 must be a whole number, 0-40/,
    ],
    ['proxy max connections', { proxy: { maxConnectionsPercent: 101 } }, /proxy\.maxConnectionsPercent: 101/],
    [
      'proxy borrow timeout',
      { proxy: { connectionBorrowTimeoutSeconds: 4000 } },
      /proxy\.connectionBorrowTimeoutSeconds: 4000/,
    ],
    // Read replica.
    [
      'replica class',
      { readReplica: { instanceClass: 'large' } },
      /readReplica\.instanceClass: 'large' is not an RDS instance class/,
    ],
    // Backup replication.
    [
      'replication without destination',
      { backupReplication: { kmsKeyArn: DR_KEY } },
      /backupReplication: give exactly one of provider \(an AWS provider aliased to the DR region\) or region/,
    ],
    [
      'replication key in another region',
      { backupReplication: { region: 'us-east-1', kmsKeyArn: DR_KEY } },
      /backupReplication\.kmsKeyArn: the key is in eu-central-1, not in the destination region us-east-1/,
    ],
    [
      'replication key alias',
      { backupReplication: { region: 'eu-central-1', kmsKeyArn: 'alias/dr' } },
      /backupReplication\.kmsKeyArn: 'alias\/dr' is not a KMS key ARN/,
    ],
    [
      'replication region',
      { backupReplication: { region: 'Frankfurt', kmsKeyArn: DR_KEY } },
      /backupReplication\.region: 'Frankfurt' is not an AWS region/,
    ],
    [
      'replication retention',
      { backupReplication: { region: 'eu-central-1', kmsKeyArn: DR_KEY, retentionDays: 36 } },
      /backupReplication\.retentionDays: 36 is outside 1-35/,
    ],
    // Restore.
    [
      'restore with time and latest',
      {
        name: 'db-r1',
        restore: { ...PITR, restoreTime: '2025-11-20T03:00:00Z', useLatestRestorableTime: true },
      },
      /restore: give either restoreTime or useLatestRestorableTime: true, not both and not neither/,
    ],
    [
      'restore with no moment',
      { name: 'db-r1', restore: PITR },
      /restore: give either restoreTime or useLatestRestorableTime/,
    ],
    [
      'restore with two sources',
      {
        name: 'db-r1',
        restore: { ...PITR, sourceDbiResourceId: 'db-ABCDEFGHIJ', useLatestRestorableTime: true },
      },
      /restore: give exactly one of sourceDbInstanceIdentifier, sourceDbiResourceId or sourceAutomatedBackupsArn, got 2/,
    ],
    [
      'restore with no source',
      { name: 'db-r1', restore: { type: 'pointInTime', useLatestRestorableTime: true } },
      /got 0/,
    ],
    [
      'restore onto the live database',
      { restore: { ...PITR, useLatestRestorableTime: true } },
      /restore\.sourceDbInstanceIdentifier: 'platform-prod-db' is this database itself; restore into a new database with its own name/,
    ],
    [
      'restore time without zone',
      { name: 'db-r1', restore: { ...PITR, restoreTime: '2025-11-20T03:00:00' } },
      /restore\.restoreTime: '2025-11-20T03:00:00' is not an ISO 8601 UTC time/,
    ],
    [
      'restore time impossible date',
      { name: 'db-r1', restore: { ...PITR, restoreTime: '2025-02-30T03:00:00Z' } },
      /restore\.restoreTime: '2025-02-30T03:00:00Z' is not an ISO 8601 UTC time/,
    ],
    [
      'restore time in the future',
      { name: 'db-r1', restore: { ...PITR, restoreTime: '2999-01-01T00:00:00Z' } },
      /restore\.restoreTime: '2999-01-01T00:00:00Z' is in the future/,
    ],
    [
      'restore source identifier',
      {
        name: 'db-r1',
        restore: {
          type: 'pointInTime',
          sourceDbInstanceIdentifier: 'Prod_DB',
          useLatestRestorableTime: true,
        },
      },
      /restore\.sourceDbInstanceIdentifier: 'Prod_DB' must be lower case/,
    ],
    [
      'restore resource id',
      {
        name: 'db-r1',
        restore: { type: 'pointInTime', sourceDbiResourceId: 'abc', useLatestRestorableTime: true },
      },
      /restore\.sourceDbiResourceId: 'abc' is not a resource id/,
    ],
    [
      'restore backups ARN',
      {
        name: 'db-r1',
        restore: { type: 'pointInTime', sourceAutomatedBackupsArn: 'arn:x', useLatestRestorableTime: true },
      },
      /restore\.sourceAutomatedBackupsArn: 'arn:x' is not an automated backups ARN/,
    ],
    [
      'snapshot identifier',
      { name: 'db-r1', restore: { type: 'snapshot', snapshotIdentifier: '' } },
      /restore\.snapshotIdentifier: '' is not a DB snapshot identifier/,
    ],
    [
      'restore type',
      { name: 'db-r1', restore: untyped({ type: 'clone' }) },
      /restore\.type: 'clone' is not pointInTime or snapshot/,
    ],
    // Alarms.
    [
      'unknown class without thresholds',
      { instanceClass: 'db.x2g.large' },
      /alarms: the memory of db\.x2g\.large is not known here; set alarms\.connections and alarms\.freeableMemoryMib/,
    ],
    [
      'CPU threshold',
      { alarms: { cpuPercent: 150 } },
      /alarms\.cpuPercent: 150 must be above 0 and at most 100/,
    ],
    [
      'free storage threshold',
      { alarms: { freeStorageGib: 20 } },
      /alarms\.freeStorageGib: 20 must be above 0 and below allocatedStorageGib \(20\)/,
    ],
    [
      'connections threshold',
      { alarms: { connections: 0 } },
      /alarms\.connections: 0 must be a whole number above 0/,
    ],
    [
      'memory threshold',
      { alarms: { freeableMemoryMib: -1 } },
      /alarms\.freeableMemoryMib: -1 must be above 0/,
    ],
    [
      'replica lag threshold',
      { alarms: { replicaLagSeconds: 0 } },
      /alarms\.replicaLagSeconds: 0 must be above 0/,
    ],
  ])('%s', (_, overrides, expected) => {
    const message = errorFor(overrides);
    expect(message).toMatch(/^PostgresDatabase '[^']+': invalid props:\n/);
    expect(message).toMatch(expected);
  });

  test('an identifier of exactly 63 characters is accepted as written', () => {
    const name = 'orders-database-x';
    expect(`${LONG_PREFIX}-${name}`).toHaveLength(63);
    expect(() => errorFor({ namePrefix: LONG_PREFIX, name })).toThrow(/accepted/);
  });

  test('an unknown instance class is fine once both class-derived thresholds are given', () => {
    expect(() =>
      errorFor({ instanceClass: 'db.x2g.large', alarms: { connections: 1000, freeableMemoryMib: 2048 } }),
    ).toThrow(/accepted/);
  });

  test('every problem is listed in one error, one line each', () => {
    const message = errorFor({
      backupRetentionDays: 0,
      engineVersion: '11',
      masterUsername: 'postgres',
    } satisfies Partial<PostgresDatabaseProps>);
    expect(message.split('\n').filter((line) => line.startsWith('  - '))).toHaveLength(3);
  });
});
