import * as z from 'zod';
import {
  parseDailyWindow,
  parseWeeklyWindow,
  rangeMinutes,
  windowsOverlap,
} from '../lib/database/maintenance-windows';
import { POSTGRES_MAJOR_VERSIONS } from '../lib/database/postgres-database-props';
import { AWS_REGIONS, rule } from './rules';

/* The `data` section: PostgreSQL, Redis/Valkey, backups and application secrets. */

const HH_MM = '(?:[01]\\d|2[0-3]):[0-5]\\d';
const DAY = '(?:mon|tue|wed|thu|fri|sat|sun)';
/** A daily window in UTC, `hh24:mi-hh24:mi`, e.g. `02:00-02:30`. */
export const DAILY_WINDOW = new RegExp(`^${HH_MM}-${HH_MM}$`);
/** A weekly window in UTC, `ddd:hh24:mi-ddd:hh24:mi`, e.g. `sun:03:00-sun:04:00`. */
export const WEEKLY_WINDOW = new RegExp(`^${DAY}:${HH_MM}-${DAY}:${HH_MM}$`);

const dailyWindow = (description: string, fallback: string) =>
  z.string().regex(DAILY_WINDOW, rule('daily-window')).default(fallback).describe(description);
const weeklyWindow = (description: string, fallback: string) =>
  z.string().regex(WEEKLY_WINDOW, rule('weekly-window')).default(fallback).describe(description);

const restoreSchema = z
  .strictObject({
    identifierSuffix: z
      .string()
      .regex(/^[a-z][a-z0-9]{0,9}$/, rule('restore-suffix'))
      .describe(
        'Suffix of the restored instance, e.g. r1: it becomes <project>-<env>-db-r1, a new instance beside the live one.',
      ),
    pointInTime: z
      .strictObject({
        sourceIdentifier: z
          .string()
          .regex(/^[a-z][a-z0-9-]{0,62}$/, rule('db-identifier'))
          .describe(
            'Identifier of the DB instance whose automated backups are restored, e.g. platform-prod-db.',
          ),
        time: z.iso
          .datetime({ offset: false, message: 'restore-time' })
          .optional()
          .describe(
            'The moment to restore, UTC ISO 8601, e.g. 2026-11-20T03:00:00Z. Omit with latest: true.',
          ),
        latest: z
          .boolean()
          .optional()
          .describe('Restore the latest restorable time instead of a fixed time.'),
      })
      .optional()
      .describe('Restore to a point in time (PITR) from the source instance automated backups.'),
    snapshotIdentifier: z
      .string()
      .min(1, rule('db-identifier'))
      .max(255, rule('db-identifier'))
      .optional()
      .describe('Restore from this DB snapshot (identifier or ARN) instead of a point in time.'),
    cutover: z
      .boolean()
      .default(false)
      .describe(
        'Point the service at the restored instance (after checking its data): it then takes the writes, and gets the protections of a live database (help/rollback.md).',
      ),
  })
  .describe(
    'Restore as config: create a new instance from a backup, reviewed like any change (help/database.md).',
  );

const databaseSchema = z
  .strictObject({
    engineVersion: z
      .enum(POSTGRES_MAJOR_VERSIONS, rule('one-of'))
      .default('18')
      .describe(
        'PostgreSQL major version. Upgrading a major version is a planned change: see help/database.md.',
      ),
    instanceClass: z
      .string()
      .regex(/^db\.[a-z0-9-]+\.[a-z0-9]+$/, rule('instance-class'))
      .default('db.t4g.micro')
      .describe('RDS instance class, e.g. db.t4g.micro (dev), db.m7g.large (production).'),
    allocatedStorageGib: z
      .number()
      .int(rule('range'))
      .min(20, rule('range'))
      .max(65536, rule('range'))
      .default(20)
      .describe('Initial gp3 storage, GiB (20-65536).'),
    maxAllocatedStorageGib: z
      .number()
      .int(rule('range'))
      .min(21, rule('range'))
      .max(65536, rule('range'))
      .default(100)
      .describe('Storage autoscaling ceiling, GiB; must exceed allocatedStorageGib.'),
    multiAz: z
      .boolean()
      .optional()
      .describe('A standby in a second zone with automatic failover. @default production'),
    backupRetentionDays: z
      .number()
      .int(rule('backup-retention'))
      .min(1, rule('backup-retention'))
      .max(35, rule('backup-retention'))
      .default(7)
      .describe('Days of automated backups, and so how far back point-in-time recovery reaches (1-35).'),
    backupWindow: dailyWindow(
      'Daily backup window, UTC, hh24:mi-hh24:mi, at least 30 minutes.',
      '02:00-02:30',
    ),
    maintenanceWindow: weeklyWindow(
      'Weekly maintenance window, UTC, ddd:hh24:mi-ddd:hh24:mi, at least 30 minutes, not overlapping the backup window.',
      'sun:03:00-sun:04:00',
    ),
    deletionProtection: z
      .boolean()
      .optional()
      .describe('Refuse to delete the instance (production must keep it on). @default production'),
    insights: z
      .enum(['standard', 'advanced'])
      .default('standard')
      .describe(
        'CloudWatch Database Insights: standard (7 days of history, free) or advanced (465 days, billed per vCPU).',
      ),
    proxy: z
      .boolean()
      .optional()
      .describe(
        'Put an RDS Proxy (connection pooling, TLS required) in front of the database. @default production',
      ),
    readReplica: z.boolean().default(false).describe('Add a read replica of the same instance class.'),
    backupReplicationRegion: z
      .enum(AWS_REGIONS, rule('region'))
      .optional()
      .describe(
        'Copy automated backups to this region, for recovery from the loss of a region. @default none',
      ),
    restore: restoreSchema.optional(),
  })
  .describe('The PostgreSQL database (RDS).');

const cacheSchema = z
  .strictObject({
    engine: z
      .enum(['valkey', 'redis'])
      .default('valkey')
      .describe('valkey (the open-source successor, cheaper on ElastiCache) or redis (Redis OSS 7).'),
    nodeType: z
      .string()
      .regex(/^cache\.[a-z0-9-]+\.[a-z0-9]+$/, rule('instance-class'))
      .default('cache.t4g.micro')
      .describe('ElastiCache node type, e.g. cache.t4g.micro.'),
    nodes: z
      .number()
      .int(rule('range'))
      .min(1, rule('range'))
      .max(6, rule('range'))
      .optional()
      .describe('Nodes: one primary and replicas (1-6). @default 2 in production, else 1'),
    multiAz: z
      .boolean()
      .optional()
      .describe(
        'Replicas in other zones with automatic failover; needs at least 2 nodes. @default production',
      ),
    snapshotRetentionDays: z
      .number()
      .int(rule('range'))
      .min(0, rule('range'))
      .max(35, rule('range'))
      .default(7)
      .describe('Days of daily snapshots (0 turns them off).'),
    snapshotWindow: dailyWindow(
      'Daily snapshot window, UTC, hh24:mi-hh24:mi, at least 60 minutes.',
      '03:00-04:00',
    ),
    maintenanceWindow: weeklyWindow(
      'Weekly maintenance window, UTC, at least 60 minutes, not overlapping the snapshot window.',
      'sun:05:00-sun:06:00',
    ),
  })
  .describe('The Redis-compatible cache (ElastiCache).');

const backupSchema = z
  .strictObject({
    copyRegion: z
      .enum(AWS_REGIONS, rule('region'))
      .optional()
      .describe('Copy every backup to a vault in this region (offsite). Production needs one. @default none'),
    dailyRetentionDays: z
      .number()
      .int(rule('range'))
      .min(1, rule('range'))
      .max(35, rule('range'))
      .default(7)
      .describe('Days daily backups are kept.'),
    weeklyRetentionWeeks: z
      .number()
      .int(rule('range'))
      .min(1, rule('range'))
      .max(52, rule('range'))
      .default(4)
      .describe('Weeks weekly backups are kept.'),
    monthlyRetentionMonths: z
      .number()
      .int(rule('range'))
      .min(1, rule('range'))
      .max(120, rule('range'))
      .default(3)
      .describe('Months monthly backups are kept.'),
    vaultLock: z
      .boolean()
      .default(false)
      .describe(
        'Lock the vault (compliance mode): after 3 days nobody, root included, can delete backups early. Irreversible.',
      ),
  }) // prettier-ignore
  .describe(
    'AWS Backup: daily, weekly and monthly recovery points of the database (the cache keeps its own snapshots).',
  );

const secretsSchema = z
  .strictObject({
    recoveryWindowDays: z
      .number()
      .int(rule('range'))
      .min(7, rule('range'))
      .max(30, rule('range'))
      .default(30)
      .describe('Days a deleted secret can still be restored (7-30).'),
  })
  .describe('Application secrets in Secrets Manager (JWT_SECRET, WEBHOOK_SECRET, GITHUB_CLIENT_ID/SECRET).');

/** The `data` section of an environment file. */
export const dataSchema = z
  .strictObject({
    database: databaseSchema.default(databaseSchema.parse({})),
    cache: cacheSchema.default(cacheSchema.parse({})),
    backup: backupSchema.default(backupSchema.parse({})),
    secrets: secretsSchema.default(secretsSchema.parse({})),
  })
  .describe('The data layer: database, cache, backups and application secrets.');

/** The validated `data` section, defaults applied. */
export type DataConfig = z.output<typeof dataSchema>;

/* Cross-field checks of the data section, called by the environment schema's own. */

type Report = (path: (string | number)[], id: DataRuleId, value: unknown, hint?: string) => void;
type Usable = (...paths: (string | number)[][]) => boolean;

/** Rule ids the data checks report. */
export type DataRuleId =
  | 'production-deletion-protection'
  | 'production-offsite-backup'
  | 'storage-ceiling'
  | 'window-length'
  | 'window-overlap'
  | 'restore-source'
  | 'cache-multi-az-nodes'
  | 'dr-region';

/** Checks of the data section that read more than one field. */
export function checkData(
  env: { production: boolean; region: string; data: DataConfig },
  usable: Usable,
  report: Report,
): void {
  const db = ['data', 'database'];
  const { database, cache, backup } = env.data;
  if (usable(['production'], db) && env.production && database.deletionProtection === false) {
    report([...db, 'deletionProtection'], 'production-deletion-protection', false);
  }
  if (usable(['production'], ['data', 'backup']) && env.production && backup.copyRegion === undefined) {
    report(['data', 'backup', 'copyRegion'], 'production-offsite-backup', undefined);
  }
  if (usable([...db, 'allocatedStorageGib'], [...db, 'maxAllocatedStorageGib'])) {
    if (database.maxAllocatedStorageGib <= database.allocatedStorageGib) {
      report([...db, 'maxAllocatedStorageGib'], 'storage-ceiling', database.maxAllocatedStorageGib, `allocatedStorageGib is ${database.allocatedStorageGib}`); // prettier-ignore
    }
  }
  const windows: [string[], string[], number][] = [
    [[...db, 'backupWindow'], [...db, 'maintenanceWindow'], 30],
    [['data', 'cache', 'snapshotWindow'], ['data', 'cache', 'maintenanceWindow'], 60],
  ];
  for (const [daily, weekly, minimum] of windows) {
    if (!usable(daily, weekly)) continue;
    const [a, b] = [valueOf(env, daily), valueOf(env, weekly)];
    // The field checks guarantee both parse; the database construct's parser serves the cache windows too.
    const dailyRanges = parseDailyWindow(a)!;
    const weeklyRange = parseWeeklyWindow(b)!;
    for (const [path, window, minutes] of [
      [daily, a, rangeMinutes(dailyRanges[0])],
      [weekly, b, rangeMinutes(weeklyRange)],
    ] as const) {
      if (minutes < minimum)
        report([...path], 'window-length', window, `make it at least ${minimum} minutes`);
    }
    if (windowsOverlap(dailyRanges, weeklyRange))
      report([...weekly], 'window-overlap', b, `it overlaps ${daily.join('.')} (${a})`);
  }
  if (usable([...db, 'restore']) && database.restore) {
    const { pointInTime, snapshotIdentifier } = database.restore;
    const sources = [pointInTime, snapshotIdentifier].filter((s) => s !== undefined).length;
    const times = pointInTime
      ? [pointInTime.time, pointInTime.latest ? true : undefined].filter(Boolean).length
      : 1;
    if (sources !== 1 || times !== 1) report([...db, 'restore'], 'restore-source', database.restore);
  }
  const nodesAt = ['data', 'cache', 'nodes'];
  if (usable(['production'], ['data', 'cache'])) {
    const multiAz = cache.multiAz ?? env.production;
    const nodes = cache.nodes ?? (env.production ? 2 : 1);
    if (multiAz && nodes < 2) report(nodesAt, 'cache-multi-az-nodes', nodes);
  }
  const drRegions: [string[], string | undefined][] = [
    [[...db, 'backupReplicationRegion'], database.backupReplicationRegion],
    [['data', 'backup', 'copyRegion'], backup.copyRegion],
  ];
  for (const [path, region] of drRegions) {
    if (region !== undefined && usable(['region'], path) && region === env.region)
      report(path, 'dr-region', region);
  }
}

function valueOf(env: object, path: string[]): string {
  return path.reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], env) as string;
}
