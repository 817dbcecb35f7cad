import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { Construct } from 'constructs';
import { resourceName } from '../naming';
import { DatabaseParameter, ParameterApplyMethod, PostgresMajorVersion } from './postgres-database-props';

/** Props of {@link PostgresParameterGroup}. */
export interface PostgresParameterGroupProps {
  /** Identifier of the database the group belongs to, e.g. `platform-prod-db`. */
  readonly identifier: string;
  /** PostgreSQL major version: the group's family is `postgres<major>`. */
  readonly engineVersion: PostgresMajorVersion;
  /** Statements slower than this many milliseconds are logged; -1 turns it off. */
  readonly slowQueryThresholdMs: number;
  /** Extra or overriding parameters. @default none */
  readonly parameters?: Readonly<Record<string, string | DatabaseParameter>>;
}

/**
 * Parameters PostgreSQL reads only at server start: RDS refuses `immediate` for them, so they are
 * applied `pending-reboot` (at the next reboot or maintenance) unless a caller says otherwise.
 */
export const STATIC_PARAMETERS: ReadonlySet<string> = new Set([
  'shared_preload_libraries',
  'max_connections',
  'shared_buffers',
  'max_worker_processes',
  'max_wal_senders',
  'max_replication_slots',
  'max_prepared_transactions',
  'max_locks_per_transaction',
  'max_logical_replication_workers',
  'track_activity_query_size',
  'wal_buffers',
  'huge_pages',
  'pg_stat_statements.max',
  'rds.logical_replication',
  'cron.database_name',
]);

/** Libraries every database preloads; configured extras are added after them. */
const PRELOADED = ['pg_stat_statements'];

/** The parameters this construct sets, before the caller's; exported for tests and help/database.md. */
export function defaultParameters(
  engineVersion: PostgresMajorVersion,
  slowQueryThresholdMs: number,
): Record<string, string> {
  return {
    // TLS only: a client without it is refused, whatever its sslmode.
    'rds.force_ssl': '1',
    // SCRAM, not MD5: RDS Proxy and current drivers speak it, and MD5 hashes are replayable.
    password_encryption: 'scram-sha-256',
    shared_preload_libraries: PRELOADED.join(','),
    // Lets pg_stat_statements and EXPLAIN show time spent waiting for I/O.
    track_io_timing: '1',
    log_min_duration_statement: String(slowQueryThresholdMs),
    // PostgreSQL 18 turned log_connections into a list of stages; 'all' also logs setup durations.
    log_connections: Number(engineVersion) >= 18 ? 'all' : '1',
    log_disconnections: '1',
    log_lock_waits: '1',
    // Schema changes leave a trace: who ran which migration, when.
    log_statement: 'ddl',
  };
}

/**
 * The DB parameter group of one database (shared with its read replica): TLS enforced,
 * pg_stat_statements preloaded, slow-query, connection, lock-wait and DDL logging.
 *
 * Its name carries the family (`<identifier>-postgres18`) and it is created before the old one is
 * destroyed, so a major version upgrade creates the new family's group, switches the instance to it
 * in the same modification, and only then removes the old group.
 */
export class PostgresParameterGroup extends Construct {
  /** The parameter group. */
  readonly parameterGroup: DbParameterGroup;
  /** The parameters as synthesized, by name. */
  readonly parameters: Readonly<Record<string, { value: string; applyMethod: ParameterApplyMethod }>>;

  constructor(scope: Construct, id: string, props: PostgresParameterGroupProps) {
    super(scope, id);
    const family = `postgres${props.engineVersion}`;
    const merged: Record<string, { value: string; applyMethod: ParameterApplyMethod }> = {};
    const set = (name: string, parameter: string | DatabaseParameter): void => {
      const value = typeof parameter === 'string' ? parameter : parameter.value;
      const given = typeof parameter === 'string' ? undefined : parameter.applyMethod;
      merged[name] = {
        value,
        applyMethod: given ?? (STATIC_PARAMETERS.has(name) ? 'pending-reboot' : 'immediate'),
      };
    };
    for (const [name, value] of Object.entries(
      defaultParameters(props.engineVersion, props.slowQueryThresholdMs),
    )) {
      set(name, value);
    }
    for (const [name, parameter] of Object.entries(props.parameters ?? {})) {
      if (name === 'shared_preload_libraries') {
        const value = typeof parameter === 'string' ? parameter : parameter.value;
        const extra = value
          .split(',')
          .map((lib) => lib.trim())
          .filter((lib) => lib && !PRELOADED.includes(lib));
        set(name, {
          ...(typeof parameter === 'string' ? {} : parameter),
          value: [...PRELOADED, ...extra].join(','),
        });
      } else {
        set(name, parameter);
      }
    }
    this.parameters = merged;

    const name = resourceName('rdsGroup', props.identifier, family);
    this.parameterGroup = new DbParameterGroup(this, 'parameter-group', {
      name,
      family,
      description: `PostgreSQL ${props.engineVersion} parameters of ${props.identifier}`,
      // Sorted: the plan lists parameters in a stable order, so a diff shows only real changes.
      parameter: Object.keys(merged)
        .sort()
        .map((parameterName) => ({
          name: parameterName,
          value: merged[parameterName].value,
          applyMethod: merged[parameterName].applyMethod,
        })),
      tags: { Name: name },
      lifecycle: { createBeforeDestroy: true },
    });
  }
}
