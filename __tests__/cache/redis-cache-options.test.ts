import { TerraformVariable } from 'cdktf';
import { NAME_RULES } from '../../lib/naming';
import { parameterGroupFamily } from '../../lib/cache';
import { onlyResource, ref, resources, TfResource } from '../support/synth';
import { all, nameWhere, replicationGroupOf, synthCache } from './synth-cache';

/** The node an alarm watches. */
const nodeOf = (alarm: TfResource): string => (alarm.dimensions as Record<string, string>).CacheClusterId;

describe('RedisCache engine', () => {
  test('Redis OSS defaults to 7.1 with the redis7 parameter family', () => {
    const { json } = synthCache({ engine: 'redis' });
    expect(replicationGroupOf(json)).toMatchObject({
      engine: 'redis',
      engine_version: '7.1',
      description: 'Redis OSS 7.1 for platform-prod-cache',
    });
    expect(onlyResource(json, 'aws_elasticache_parameter_group')).toMatchObject({
      name: 'platform-prod-cache-redis7',
      family: 'redis7',
    });
  });

  test.each([
    ['valkey', '7.2', 'valkey7'],
    ['valkey', '8.0', 'valkey8'],
    ['valkey', '9.0', 'valkey9'],
    ['redis', '7.0', 'redis7'],
  ] as const)('%s %s uses the %s family', (engine, engineVersion, family) => {
    const { json } = synthCache({ engine, engineVersion });
    expect(replicationGroupOf(json)).toMatchObject({ engine, engine_version: engineVersion });
    expect(onlyResource(json, 'aws_elasticache_parameter_group').family).toBe(family);
    expect(parameterGroupFamily(engine, engineVersion)).toBe(family);
  });
});

describe('RedisCache size and availability', () => {
  test('node type', () => {
    const { json } = synthCache({ nodeType: 'cache.r7g.large' });
    expect(replicationGroupOf(json).node_type).toBe('cache.r7g.large');
  });

  test('multiAz: false gives one node, without failover, and alarms for that node only', () => {
    const { json, cache } = synthCache({ multiAz: false });
    expect(replicationGroupOf(json)).toMatchObject({
      num_cache_clusters: 1,
      automatic_failover_enabled: false,
      multi_az_enabled: false,
    });
    expect(cache.nodeIds).toEqual(['platform-prod-cache-001']);
    expect(all(json, 'aws_cloudwatch_metric_alarm')).toHaveLength(5);
  });

  test('multiAz: false also accepts a single subnet', () => {
    const { json } = synthCache({ multiAz: false, subnetIds: ['subnet-0123456789abcdef0'] });
    expect(onlyResource(json, 'aws_elasticache_subnet_group').subnet_ids).toEqual([
      'subnet-0123456789abcdef0',
    ]);
  });

  test('a replica without Multi-AZ still fails over automatically', () => {
    const { json } = synthCache({ multiAz: false, nodeCount: 2 });
    expect(replicationGroupOf(json)).toMatchObject({
      num_cache_clusters: 2,
      automatic_failover_enabled: true,
      multi_az_enabled: false,
    });
  });

  test('nodeCount: 3 adds a node, its id and its five alarms', () => {
    const { json, cache } = synthCache({ nodeCount: 3 });
    expect(replicationGroupOf(json).num_cache_clusters).toBe(3);
    expect(cache.nodeIds[2]).toBe('platform-prod-cache-003');
    const alarms = all(json, 'aws_cloudwatch_metric_alarm');
    expect(alarms).toHaveLength(15);
    expect(alarms.filter((a) => nodeOf(a) === 'platform-prod-cache-003')).toHaveLength(5);
  });
});

describe('RedisCache network', () => {
  test('port: the group listens on it and every rule uses it', () => {
    const { json, cache } = synthCache({ port: 6380, allowedSecurityGroupIds: ['sg-0aaaaaaaaaaaaaaaa'] });
    expect(replicationGroupOf(json).port).toBe(6380);
    expect(cache.port).toBe(6380);
    const rules = [
      ...all(json, 'aws_vpc_security_group_ingress_rule'),
      ...all(json, 'aws_vpc_security_group_egress_rule'),
    ];
    expect(rules).toHaveLength(3);
    for (const rule of rules) expect(rule).toMatchObject({ from_port: 6380, to_port: 6380 });
    const value = String(onlyResource(json, 'aws_secretsmanager_secret_version').secret_string);
    expect(value).toContain('"port" = 6380');
    expect(value).toMatch(/:6380"\}\)\}$/);
  });

  test('without allowed groups, only the client group is admitted', () => {
    const { json } = synthCache();
    const clients = nameWhere(json, 'aws_security_group', 'name', 'platform-prod-cache-clients');
    expect(onlyResource(json, 'aws_vpc_security_group_ingress_rule').referenced_security_group_id).toBe(
      ref('aws_security_group', clients),
    );
  });

  test('allowed groups given as references get one rule each', () => {
    const { json } = synthCache((scope) => ({
      allowedSecurityGroupIds: ['app', 'worker'].map(
        (name) => new TerraformVariable(scope, name, { type: 'string' }).stringValue,
      ),
    }));
    const referenced = all(json, 'aws_vpc_security_group_ingress_rule').map(
      (r) => r.referenced_security_group_id,
    );
    expect(referenced).toHaveLength(3);
    expect(referenced).toEqual(expect.arrayContaining(['${var.app}', '${var.worker}']));
  });

  test('a rule for a literal group keeps its Terraform name when the list is reordered', () => {
    const ruleNames = (ids: string[]) =>
      Object.keys(
        resources(synthCache({ allowedSecurityGroupIds: ids }).json, 'aws_vpc_security_group_ingress_rule'),
      ).sort();
    const a = 'sg-0aaaaaaaaaaaaaaaa';
    const b = 'sg-0bbbbbbbbbbbbbbbb';
    expect(ruleNames([a, b])).toEqual(ruleNames([b, a]));
  });

  test('subnets read from upstream state (a list token) pass through; their count is checked at plan time', () => {
    const { json } = synthCache((scope) => ({
      subnetIds: new TerraformVariable(scope, 'subnets', { type: 'list(string)' }).listValue,
    }));
    expect(onlyResource(json, 'aws_elasticache_subnet_group').subnet_ids).toBe('${var.subnets}');
  });
});

describe('RedisCache engine parameters', () => {
  test('maxmemoryPolicy and extra parameters', () => {
    const { json } = synthCache({
      maxmemoryPolicy: 'noeviction',
      parameters: { 'slowlog-log-slower-than': '5000', 'notify-keyspace-events': 'Ex' },
    });
    expect(onlyResource(json, 'aws_elasticache_parameter_group').parameter).toEqual([
      { name: 'maxmemory-policy', value: 'noeviction' },
      { name: 'slowlog-log-slower-than', value: '5000' },
      { name: 'notify-keyspace-events', value: 'Ex' },
    ]);
  });
});

describe('RedisCache snapshots and maintenance', () => {
  test('retention and windows', () => {
    const { json } = synthCache({
      snapshotRetentionDays: 35,
      snapshotWindow: '23:30-00:30',
      maintenanceWindow: 'tue:02:00-tue:03:30',
    });
    expect(replicationGroupOf(json)).toMatchObject({
      snapshot_retention_limit: 35,
      snapshot_window: '23:30-00:30',
      maintenance_window: 'tue:02:00-tue:03:30',
    });
  });

  test('snapshotRetentionDays: 0 turns automatic snapshots off', () => {
    expect(replicationGroupOf(synthCache({ snapshotRetentionDays: 0 }).json).snapshot_retention_limit).toBe(
      0,
    );
  });

  test('finalSnapshot: false deletes without a final snapshot', () => {
    expect(replicationGroupOf(synthCache({ finalSnapshot: false }).json)).not.toHaveProperty(
      'final_snapshot_identifier',
    );
  });

  test('restoreFromSnapshot seeds the cache from a snapshot', () => {
    const snapshot = 'automatic.platform-prod-cache-001-2026-01-31-03-00';
    expect(replicationGroupOf(synthCache({ restoreFromSnapshot: snapshot }).json).snapshot_name).toBe(
      snapshot,
    );
  });

  test('autoMinorVersionUpgrade and applyImmediately', () => {
    expect(
      replicationGroupOf(synthCache({ autoMinorVersionUpgrade: false, applyImmediately: true }).json),
    ).toMatchObject({
      auto_minor_version_upgrade: 'false',
      apply_immediately: true,
    });
  });
});

describe('RedisCache logs, token and secret', () => {
  test('logRetentionDays applies to both log groups', () => {
    const groups = all(synthCache({ logRetentionDays: 365 }).json, 'aws_cloudwatch_log_group');
    expect(groups.map((g) => g.retention_in_days)).toEqual([365, 365]);
  });

  test('authTokenGeneration changes the keeper (a new token); authTokenUpdateStrategy SET drops the old one', () => {
    const { json } = synthCache({ authTokenGeneration: 2, authTokenUpdateStrategy: 'SET' });
    expect(onlyResource(json, 'random_password').keepers).toEqual({ generation: '2' });
    expect(replicationGroupOf(json).auth_token_update_strategy).toBe('SET');
  });

  test.each([0, 30])('secretRecoveryWindowDays: %d', (days) => {
    const secret = onlyResource(
      synthCache({ secretRecoveryWindowDays: days }).json,
      'aws_secretsmanager_secret',
    );
    expect(secret.recovery_window_in_days).toBe(days);
  });
});

describe('RedisCache protection', () => {
  test('preventDestroy protects the group, its key and its secret, not the disposable log groups', () => {
    const { json } = synthCache({ preventDestroy: true });
    const guarded = { prevent_destroy: true };
    expect(replicationGroupOf(json).lifecycle).toEqual(guarded);
    expect(onlyResource(json, 'aws_kms_key').lifecycle).toEqual(guarded);
    expect(onlyResource(json, 'aws_secretsmanager_secret').lifecycle).toEqual(guarded);
    for (const group of all(json, 'aws_cloudwatch_log_group')) expect(group).not.toHaveProperty('lifecycle');
    expect(onlyResource(json, 'aws_elasticache_parameter_group').lifecycle).toEqual({
      create_before_destroy: true,
    });
  });
});

describe('RedisCache alarm thresholds', () => {
  test('given thresholds replace the defaults; undefined keeps the default', () => {
    const { json } = synthCache({
      multiAz: false,
      alarms: {
        cpuPercent: 75,
        engineCpuPercent: undefined,
        memoryPercent: 70,
        evictions: 500,
        connections: 200,
      },
    });
    const thresholds = Object.fromEntries(
      all(json, 'aws_cloudwatch_metric_alarm').map((a) => [a.metric_name, a.threshold]),
    );
    expect(thresholds).toEqual({
      CPUUtilization: 75,
      EngineCPUUtilization: 80,
      DatabaseMemoryUsagePercentage: 70,
      Evictions: 500,
      CurrConnections: 200,
    });
  });
});

describe('RedisCache names', () => {
  test('name replaces "cache" in every name', () => {
    const { json, cache } = synthCache({ name: 'sessions' });
    expect(cache.replicationGroupId).toBe('platform-prod-sessions');
    expect(replicationGroupOf(json).final_snapshot_identifier).toBe('platform-prod-sessions-final');
    expect(onlyResource(json, 'aws_elasticache_subnet_group').name).toBe('platform-prod-sessions');
    expect(onlyResource(json, 'aws_elasticache_parameter_group').name).toBe('platform-prod-sessions-valkey8');
    expect(onlyResource(json, 'aws_secretsmanager_secret').name).toBe('platform-prod/sessions/connection');
    expect(onlyResource(json, 'aws_kms_alias').name).toBe('alias/platform-prod-sessions');
    expect(
      all(json, 'aws_security_group')
        .map((g) => g.name)
        .sort(),
    ).toEqual(['platform-prod-sessions', 'platform-prod-sessions-clients']);
    expect(
      all(json, 'aws_cloudwatch_log_group')
        .map((g) => g.name)
        .sort(),
    ).toEqual(['/platform-prod/sessions/engine-log', '/platform-prod/sessions/slow-log']);
  });

  test('an id over 40 characters is shortened with a hash, and the node ids and alarms follow it', () => {
    const { json, cache } = synthCache({
      namePrefix: 'platform-production-eu',
      name: 'checkout-sessions-store',
    });
    const id = cache.replicationGroupId;
    expect(id).toHaveLength(NAME_RULES.elasticacheReplicationGroup.maxLength);
    expect(id).toMatch(/^platform-production-eu-checkout-s-[0-9a-f]{6}$/);
    expect(replicationGroupOf(json).replication_group_id).toBe(id);
    expect(cache.nodeIds).toEqual([`${id}-001`, `${id}-002`]);
    const dimensions = all(json, 'aws_cloudwatch_metric_alarm').map(nodeOf);
    expect(new Set(dimensions)).toEqual(new Set(cache.nodeIds));
  });
});
