import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing, TerraformOutput, TerraformStack } from 'cdktf';
import { RedisCache } from '../../lib/cache';
import { onlyResource, onlyResourceId, policyOf, ref, resources, TerraformJson } from '../support/synth';
import { all, BASE_PROPS, nameWhere, replicationGroupOf, synthCache } from './synth-cache';

/** The Terraform expressions awsContext resolves to in a synthesized stack. */
function context(json: TerraformJson) {
  const data = json.data ?? {};
  const [caller] = Object.keys(data.aws_caller_identity);
  const [partition] = Object.keys(data.aws_partition);
  const [region] = Object.keys(data.aws_region);
  return {
    accountId: `\${data.aws_caller_identity.${caller}.account_id}`,
    partition: `\${data.aws_partition.${partition}.partition}`,
    dnsSuffix: `\${data.aws_partition.${partition}.dns_suffix}`,
    region: `\${data.aws_region.${region}.region}`,
  };
}

describe('RedisCache defaults', () => {
  const { json, cache } = synthCache({ allowedSecurityGroupIds: ['sg-0aaaaaaaaaaaaaaaa'] });
  const group = replicationGroupOf(json);
  const keyName = onlyResourceId(json, 'aws_kms_key');
  const keyArn = ref('aws_kms_key', keyName, 'arn');
  const tokenName = onlyResourceId(json, 'random_password');
  const tokenRef = ref('random_password', tokenName, 'result');
  const cacheSgName = nameWhere(json, 'aws_security_group', 'name', 'platform-prod-cache');
  const clientSgName = nameWhere(json, 'aws_security_group', 'name', 'platform-prod-cache-clients');

  test('a Valkey 8.2 group of two cache.t4g.micro nodes, Multi-AZ with automatic failover, one shard', () => {
    expect(group).toMatchObject({
      replication_group_id: 'platform-prod-cache',
      description: 'Valkey 8.2 for platform-prod-cache',
      engine: 'valkey',
      engine_version: '8.2',
      node_type: 'cache.t4g.micro',
      cluster_mode: 'disabled',
      num_cache_clusters: 2,
      automatic_failover_enabled: true,
      multi_az_enabled: true,
      port: 6379,
      auto_minor_version_upgrade: 'true',
      apply_immediately: false,
      tags: { Name: 'platform-prod-cache' },
    });
    expect(group).not.toHaveProperty('num_node_groups');
    expect(group).not.toHaveProperty('replicas_per_node_group');
    expect(group).not.toHaveProperty('lifecycle');
  });

  test('TLS is required in transit, and data at rest is encrypted with the cache key', () => {
    expect(group).toMatchObject({
      transit_encryption_enabled: true,
      transit_encryption_mode: 'required',
      at_rest_encryption_enabled: 'true',
      kms_key_id: keyArn,
    });
  });

  test('clients authenticate with the generated token, rotated (old token kept) when it changes', () => {
    expect(group.auth_token).toBe(tokenRef);
    expect(group.auth_token_update_strategy).toBe('ROTATE');
    expect(group).not.toHaveProperty('user_group_ids');
  });

  test('the token is 64 letters and digits, with a generation keeper', () => {
    expect(onlyResource(json, 'random_password')).toEqual({
      length: 64,
      special: false,
      min_upper: 1,
      min_lower: 1,
      min_numeric: 1,
      keepers: { generation: '1' },
    });
  });

  test('daily snapshots kept 7 days at 03:00-04:00 UTC, maintenance on Sunday 05:00-06:00, a final snapshot', () => {
    expect(group).toMatchObject({
      snapshot_retention_limit: 7,
      snapshot_window: '03:00-04:00',
      maintenance_window: 'sun:05:00-sun:06:00',
      final_snapshot_identifier: 'platform-prod-cache-final',
    });
    // An empty cache, not one seeded from a snapshot.
    expect(group).not.toHaveProperty('snapshot_name');
    expect(group).not.toHaveProperty('snapshot_arns');
  });

  test('the nodes sit in the given subnets through the subnet group', () => {
    const subnetGroupName = onlyResourceId(json, 'aws_elasticache_subnet_group');
    expect(onlyResource(json, 'aws_elasticache_subnet_group')).toMatchObject({
      name: 'platform-prod-cache',
      subnet_ids: BASE_PROPS.subnetIds,
    });
    expect(group.subnet_group_name).toBe(ref('aws_elasticache_subnet_group', subnetGroupName, 'name'));
  });

  test('a valkey8 parameter group, named after its family, created before the old one is destroyed', () => {
    const name = onlyResourceId(json, 'aws_elasticache_parameter_group');
    expect(onlyResource(json, 'aws_elasticache_parameter_group')).toMatchObject({
      name: 'platform-prod-cache-valkey8',
      family: 'valkey8',
      parameter: [{ name: 'maxmemory-policy', value: 'volatile-lru' }],
      lifecycle: { create_before_destroy: true },
    });
    expect(group.parameter_group_name).toBe(ref('aws_elasticache_parameter_group', name, 'name'));
  });

  test('the nodes carry only the cache security group', () => {
    expect(group.security_group_ids).toEqual([ref('aws_security_group', cacheSgName)]);
    for (const sg of all(json, 'aws_security_group')) {
      expect(sg.vpc_id).toBe(BASE_PROPS.vpcId);
      // Inline rules would fight the separate rule resources.
      expect(sg).not.toHaveProperty('ingress');
      expect(sg).not.toHaveProperty('egress');
    }
  });

  test('the cache admits TCP 6379 from the client group and the allowed groups, nothing else, and has no egress', () => {
    const ingress = all(json, 'aws_vpc_security_group_ingress_rule');
    expect(ingress).toHaveLength(2);
    for (const rule of ingress) {
      expect(rule).toMatchObject({
        security_group_id: ref('aws_security_group', cacheSgName),
        ip_protocol: 'tcp',
        from_port: 6379,
        to_port: 6379,
      });
      expect(rule).not.toHaveProperty('cidr_ipv4');
      expect(rule).not.toHaveProperty('cidr_ipv6');
      expect(rule).not.toHaveProperty('prefix_list_id');
    }
    expect(ingress.map((r) => r.referenced_security_group_id).sort()).toEqual(
      [ref('aws_security_group', clientSgName), 'sg-0aaaaaaaaaaaaaaaa'].sort(),
    );
    const egress = all(json, 'aws_vpc_security_group_egress_rule');
    expect(egress.filter((r) => r.security_group_id === ref('aws_security_group', cacheSgName))).toHaveLength(
      0,
    );
  });

  test('the client group may reach the cache on TCP 6379 only', () => {
    expect(onlyResource(json, 'aws_vpc_security_group_egress_rule')).toMatchObject({
      security_group_id: ref('aws_security_group', clientSgName),
      referenced_security_group_id: ref('aws_security_group', cacheSgName),
      ip_protocol: 'tcp',
      from_port: 6379,
      to_port: 6379,
    });
  });

  test('the key rotates, has an alias, and serves CloudWatch Logs for the two cache log groups only', () => {
    const aws = context(json);
    const key = onlyResource(json, 'aws_kms_key');
    expect(key.enable_key_rotation).toBe(true);
    expect(key).not.toHaveProperty('lifecycle');
    expect(onlyResource(json, 'aws_kms_alias').name).toBe('alias/platform-prod-cache');
    const grants = policyOf(key).Statement.filter(
      (s) => typeof s.Principal === 'object' && 'Service' in s.Principal,
    );
    expect(grants).toHaveLength(1);
    expect(grants[0].Principal).toEqual({ Service: `logs.${aws.region}.${aws.dnsSuffix}` });
    const groupArn = (name: string) =>
      `arn:${aws.partition}:logs:${aws.region}:${aws.accountId}:log-group:${name}`;
    expect(grants[0].Condition).toEqual({
      ArnEquals: {
        'kms:EncryptionContext:aws:logs:arn': [
          groupArn('/platform-prod/cache/slow-log'),
          groupArn('/platform-prod/cache/engine-log'),
        ],
      },
    });
  });

  test('slow log and engine log go, as JSON, to encrypted log groups kept 30 days', () => {
    const slow = nameWhere(json, 'aws_cloudwatch_log_group', 'name', '/platform-prod/cache/slow-log');
    const engine = nameWhere(json, 'aws_cloudwatch_log_group', 'name', '/platform-prod/cache/engine-log');
    for (const logGroup of all(json, 'aws_cloudwatch_log_group')) {
      expect(logGroup).toMatchObject({ retention_in_days: 30, kms_key_id: keyArn });
      expect(logGroup).not.toHaveProperty('lifecycle');
    }
    expect(group.log_delivery_configuration).toEqual([
      {
        destination_type: 'cloudwatch-logs',
        destination: ref('aws_cloudwatch_log_group', slow, 'name'),
        log_format: 'json',
        log_type: 'slow-log',
      },
      {
        destination_type: 'cloudwatch-logs',
        destination: ref('aws_cloudwatch_log_group', engine, 'name'),
        log_format: 'json',
        log_type: 'engine-log',
      },
    ]);
  });

  test('the connection secret is encrypted with the cache key and restorable for 7 days', () => {
    expect(onlyResource(json, 'aws_secretsmanager_secret')).toMatchObject({
      name: 'platform-prod/cache/connection',
      kms_key_id: keyArn,
      recovery_window_in_days: 7,
    });
    const secretName = onlyResourceId(json, 'aws_secretsmanager_secret');
    expect(onlyResource(json, 'aws_secretsmanager_secret_version').secret_id).toBe(
      ref('aws_secretsmanager_secret', secretName),
    );
  });

  test('the secret value is JSON built by Terraform from references: host, reader, port, tls, token, rediss URL', () => {
    const groupName = onlyResourceId(json, 'aws_elasticache_replication_group');
    const primary = `aws_elasticache_replication_group.${groupName}.primary_endpoint_address`;
    const reader = `aws_elasticache_replication_group.${groupName}.reader_endpoint_address`;
    const token = `random_password.${tokenName}.result`;
    const value = onlyResource(json, 'aws_secretsmanager_secret_version').secret_string;
    expect(value).toBe(
      `\${jsonencode({"host" = ${primary}, "reader_host" = ${reader}, "port" = 6379, "tls" = true, ` +
        `"auth_token" = ${token}, "url" = "rediss://:\${${token}}@\${${primary}}:6379"})}`,
    );
  });

  test('no literal secret anywhere in the synthesized JSON', () => {
    const strings: string[] = [];
    const walk = (value: unknown): void => {
      if (typeof value === 'string') strings.push(value);
      else if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') Object.values(value).forEach(walk);
    };
    walk(json);
    // A generated token is 64 letters and digits in a row; nothing synthesized looks like one.
    expect(strings.filter((s) => /[A-Za-z0-9]{32,}/.test(s))).toEqual([]);
    expect(resources(json, 'random_password')[tokenName]).not.toHaveProperty('result');
    // The token reaches AWS through exactly two arguments, both references.
    const uses = Object.values(json.resource ?? {})
      .flatMap((byName) => Object.values(byName))
      .flatMap((r) => Object.entries(r))
      .filter(([, v]) => JSON.stringify(v).includes(`random_password.${tokenName}.result`))
      .map(([k]) => k);
    expect(uses.sort()).toEqual(['auth_token', 'secret_string']);
  });

  test('five alarms per node on AWS/ElastiCache, each notifying the topic on ALARM and OK', () => {
    const alarms = all(json, 'aws_cloudwatch_metric_alarm');
    expect(alarms).toHaveLength(10);
    for (const alarm of alarms) {
      expect(alarm).toMatchObject({
        namespace: 'AWS/ElastiCache',
        comparison_operator: 'GreaterThanThreshold',
        period: 300,
        alarm_actions: [BASE_PROPS.alarmTopicArn],
        ok_actions: [BASE_PROPS.alarmTopicArn],
      });
      expect(alarm.alarm_description).toMatch(/help\/cache\.md#alarms/);
    }
    const byName = Object.fromEntries(alarms.map((a) => [a.alarm_name, a]));
    expect(Object.keys(byName).sort()).toEqual(
      ['001', '002']
        .flatMap((node) =>
          ['cpu', 'engine-cpu', 'memory', 'evictions', 'connections'].map(
            (metric) => `platform-prod-cache-${node}-${metric}`,
          ),
        )
        .sort(),
    );
    expect(byName['platform-prod-cache-002-cpu'].dimensions).toEqual({
      CacheClusterId: 'platform-prod-cache-002',
    });
    const expected: Record<string, [string, string, number, number]> = {
      cpu: ['CPUUtilization', 'Average', 90, 3],
      'engine-cpu': ['EngineCPUUtilization', 'Average', 80, 3],
      memory: ['DatabaseMemoryUsagePercentage', 'Average', 80, 3],
      evictions: ['Evictions', 'Sum', 0, 1],
      connections: ['CurrConnections', 'Maximum', 1000, 3],
    };
    for (const [metric, [metricName, statistic, threshold, periods]] of Object.entries(expected)) {
      expect(byName[`platform-prod-cache-001-${metric}`]).toMatchObject({
        metric_name: metricName,
        statistic,
        threshold,
        evaluation_periods: periods,
        dimensions: { CacheClusterId: 'platform-prod-cache-001' },
      });
    }
  });

  test('exposes the ids, the node ids and the port', () => {
    expect(cache.replicationGroupId).toBe('platform-prod-cache');
    expect(cache.nodeIds).toEqual(['platform-prod-cache-001', 'platform-prod-cache-002']);
    expect(cache.port).toBe(6379);
    expect(cache.alarms).toHaveLength(10);
    expect(cache.securityGroup).toBe(cache.securityGroups.securityGroup);
    expect(cache.clientSecurityGroup).toBe(cache.securityGroups.clientSecurityGroup);
  });
});

describe('RedisCache exposed references', () => {
  test('endpoints, client group and secret resolve to the resources a stack outputs', () => {
    const { json } = synthCache({}, (scope, cache) => {
      new TerraformOutput(scope, 'primary', { value: cache.primaryEndpoint });
      new TerraformOutput(scope, 'reader', { value: cache.readerEndpoint });
      new TerraformOutput(scope, 'client-sg', { value: cache.clientSecurityGroup.id });
      new TerraformOutput(scope, 'secret', { value: cache.authSecret.secret.arn });
      new TerraformOutput(scope, 'key', { value: cache.key.keyArn });
    });
    const group = onlyResourceId(json, 'aws_elasticache_replication_group');
    const clients = nameWhere(json, 'aws_security_group', 'name', 'platform-prod-cache-clients');
    const values = Object.fromEntries(Object.entries(json.output ?? {}).map(([k, v]) => [k, v.value]));
    expect(values).toEqual({
      primary: ref('aws_elasticache_replication_group', group, 'primary_endpoint_address'),
      reader: ref('aws_elasticache_replication_group', group, 'reader_endpoint_address'),
      'client-sg': ref('aws_security_group', clients),
      secret: ref('aws_secretsmanager_secret', onlyResourceId(json, 'aws_secretsmanager_secret'), 'arn'),
      key: ref('aws_kms_key', onlyResourceId(json, 'aws_kms_key'), 'arn'),
    });
  });
});

describe('RedisCache and the random provider', () => {
  function stackWith(random: boolean): TerraformStack {
    const stack = new TerraformStack(Testing.app(), 'data');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    if (random) new RandomProvider(stack, 'random');
    new RedisCache(stack, 'cache', BASE_PROPS);
    return stack;
  }

  test('the stack must declare a RandomProvider: cdktf refuses to synthesize without it', () => {
    expect(() => Testing.synth(stackWith(false), true)).toThrow(/random/);
  });

  test('with it, the stack passes cdktf validation and requires hashicorp/random', () => {
    const json = JSON.parse(Testing.synth(stackWith(true), true)) as TerraformJson & {
      terraform: { required_providers: Record<string, { source: string }> };
    };
    expect(json.terraform.required_providers.random.source).toBe('hashicorp/random');
    expect(Object.keys(json.resource ?? {})).toContain('random_password');
  });
});
