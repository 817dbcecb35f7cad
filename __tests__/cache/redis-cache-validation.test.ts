import { TerraformVariable } from 'cdktf';
import { RedisCacheProps } from '../../lib/cache';
import { errorFor } from './synth-cache';

// Casts for values the TypeScript types already refuse: a JavaScript caller or a bad cast can pass them.
const untyped = <T>(value: unknown): T => value as T;

describe('RedisCache props validation', () => {
  test.each<[string, Partial<RedisCacheProps>, RegExp]>([
    [
      'namePrefix with upper case',
      { namePrefix: 'Platform-prod' },
      /namePrefix: 'Platform-prod' must be lowercase/,
    ],
    ['name starting with a digit', { name: '1cache' }, /name: '1cache' must be lowercase letters/],
    ['unknown engine', { engine: untyped('memcached') }, /engine: 'memcached' is not one of valkey, redis/],
    [
      'Redis OSS 6',
      { engine: 'redis', engineVersion: '6.2' },
      /engineVersion: '6\.2' is not a supported redis version; use one of 7\.0, 7\.1/,
    ],
    [
      'a Valkey version given for Redis OSS',
      { engine: 'redis', engineVersion: '8.0' },
      /engineVersion: '8\.0' is not a supported redis version/,
    ],
    [
      'a Redis version given for Valkey',
      { engineVersion: '7.1' },
      /engineVersion: '7\.1' is not a supported valkey version; use one of 7\.2, 8\.0, 8\.1, 8\.2, 9\.0/,
    ],
    [
      'a patch version',
      { engineVersion: '8.0.1' },
      /engineVersion: '8\.0\.1' is not a supported valkey version/,
    ],
    [
      'node type without cache.',
      { nodeType: 't4g.micro' },
      /nodeType: 't4g\.micro' is not an ElastiCache node type/,
    ],
    [
      'data-tiering node',
      { nodeType: 'cache.r6gd.xlarge' },
      /nodeType: 'cache\.r6gd\.xlarge' is a data-tiering node/,
    ],
    [
      'Multi-AZ with one node',
      { nodeCount: 1 },
      /multiAz: needs a replica to fail over to, so nodeCount must be at least 2, got 1/,
    ],
    ['no node', { multiAz: false, nodeCount: 0 }, /nodeCount: must be an integer 1-6 .*got 0/],
    ['seven nodes', { nodeCount: 7 }, /nodeCount: must be an integer 1-6 .*got 7/],
    ['fractional node count', { nodeCount: 2.5 }, /nodeCount: must be an integer 1-6 .*got 2\.5/],
    ['no subnet', { multiAz: false, subnetIds: [] }, /subnetIds: list at least one subnet/],
    [
      'Multi-AZ in one subnet',
      { subnetIds: ['subnet-0123456789abcdef0'] },
      /subnetIds: multiAz needs subnets in at least 2 AZs, got 1 subnet/,
    ],
    [
      'a subnet listed twice',
      { subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef0'] },
      /subnetIds\[1\]: 'subnet-0123456789abcdef0' is listed twice/,
    ],
    [
      'a security group name instead of an id',
      { allowedSecurityGroupIds: ['app'] },
      /allowedSecurityGroupIds\[0\]: 'app' is not a security group id/,
    ],
    [
      'a security group listed twice',
      { allowedSecurityGroupIds: ['sg-0aaaaaaaaaaaaaaaa', 'sg-0aaaaaaaaaaaaaaaa'] },
      /allowedSecurityGroupIds\[1\]: 'sg-0aaaaaaaaaaaaaaaa' is listed twice/,
    ],
    ['empty VPC id', { vpcId: '' }, /vpcId: is required/],
    ['empty topic', { alarmTopicArn: '' }, /alarmTopicArn: is required/],
    ['port 0', { port: 0 }, /port: must be an integer 1-65535, got 0/],
    ['port 70000', { port: 70000 }, /port: must be an integer 1-65535, got 70000/],
    [
      'unknown eviction policy',
      { maxmemoryPolicy: untyped('lru') },
      /maxmemoryPolicy: 'lru' is not one of volatile-lru/,
    ],
    [
      'maxmemory-policy among the parameters',
      { parameters: { 'maxmemory-policy': 'allkeys-lru' } },
      /parameters\.maxmemory-policy: not allowed here; set it with maxmemoryPolicy/,
    ],
    [
      'cluster mode among the parameters',
      { parameters: { 'cluster-enabled': 'yes' } },
      /parameters\.cluster-enabled: not allowed here; RedisCache is a single-shard/,
    ],
    [
      'a bad parameter name',
      { parameters: { 'Slowlog Max': '10' } },
      /parameters: 'Slowlog Max' is not an engine parameter name/,
    ],
    [
      'an empty parameter value',
      { parameters: { 'slowlog-max-len': '' } },
      /parameters\.slowlog-max-len: the value must be a non-empty string/,
    ],
    [
      'retention 36',
      { snapshotRetentionDays: 36 },
      /snapshotRetentionDays: must be an integer 0-35 .*got 36/,
    ],
    [
      'negative retention',
      { snapshotRetentionDays: -1 },
      /snapshotRetentionDays: must be an integer 0-35 .*got -1/,
    ],
    [
      'snapshot window format',
      { snapshotWindow: '3:00-4:00' },
      /snapshotWindow: '3:00-4:00' is not a daily UTC window hh24:mi-hh24:mi/,
    ],
    [
      'snapshot window of 30 minutes',
      { snapshotWindow: '03:00-03:30' },
      /snapshotWindow: '03:00-03:30' lasts 30 minutes; ElastiCache needs at least 60/,
    ],
    [
      'maintenance window without days',
      { maintenanceWindow: '05:00-06:00' },
      /maintenanceWindow: '05:00-06:00' is not a weekly UTC window ddd:hh24:mi-ddd:hh24:mi/,
    ],
    [
      'maintenance window in upper case',
      { maintenanceWindow: 'Sun:05:00-Sun:06:00' },
      /maintenanceWindow: 'Sun:05:00-Sun:06:00' is not a weekly UTC window .* in lower case/,
    ],
    [
      'maintenance window of 30 minutes',
      { maintenanceWindow: 'sun:05:00-sun:05:30' },
      /maintenanceWindow: 'sun:05:00-sun:05:30' lasts 30 minutes; ElastiCache needs 60 minutes to 24 hours/,
    ],
    [
      'maintenance window over a day',
      { maintenanceWindow: 'sat:05:00-sun:06:00' },
      /maintenanceWindow: 'sat:05:00-sun:06:00' lasts 1500 minutes/,
    ],
    [
      'overlapping windows',
      { snapshotWindow: '05:30-06:30', maintenanceWindow: 'sun:05:00-sun:06:00' },
      /snapshotWindow: '05:30-06:30' overlaps maintenanceWindow 'sun:05:00-sun:06:00'; move one of them/,
    ],
    [
      'a snapshot ARN instead of a name',
      { restoreFromSnapshot: 'arn:aws:elasticache:eu-west-1:222222222222:snapshot:nightly' },
      /restoreFromSnapshot: 'arn:aws:elasticache:.*' is not a snapshot name/,
    ],
    [
      'log retention 45 days',
      { logRetentionDays: 45 },
      /logRetentionDays: 45 is not a CloudWatch Logs retention; use one of 1, 3, 5/,
    ],
    [
      'token generation 0',
      { authTokenGeneration: 0 },
      /authTokenGeneration: must be a positive integer, got 0/,
    ],
    [
      'DELETE strategy',
      { authTokenUpdateStrategy: untyped('DELETE') },
      /authTokenUpdateStrategy: 'DELETE' is not one of ROTATE, SET/,
    ],
    [
      'secret recovery 3 days',
      { secretRecoveryWindowDays: 3 },
      /secretRecoveryWindowDays: must be 0 or 7-30, got 3/,
    ],
    [
      'secret recovery 31 days',
      { secretRecoveryWindowDays: 31 },
      /secretRecoveryWindowDays: must be 0 or 7-30, got 31/,
    ],
    [
      'CPU above 100 %',
      { alarms: { cpuPercent: 120 } },
      /alarms\.cpuPercent: must be a percentage above 0 and at most 100, got 120/,
    ],
    ['engine CPU 0 %', { alarms: { engineCpuPercent: 0 } }, /alarms\.engineCpuPercent: must be a percentage/],
    [
      'memory not a number',
      { alarms: { memoryPercent: untyped('80') } },
      /alarms\.memoryPercent: must be a percentage/,
    ],
    [
      'negative evictions',
      { alarms: { evictions: -1 } },
      /alarms\.evictions: must be an integer of at least 0, got -1/,
    ],
    [
      'zero connections',
      { alarms: { connections: 0 } },
      /alarms\.connections: must be a positive integer, got 0/,
    ],
  ])('%s', (_, overrides, message) => {
    expect(errorFor(overrides)).toMatch(message);
  });

  test('the error names the cache and lists every problem, one per line', () => {
    const message = errorFor({ nodeCount: 1, snapshotRetentionDays: 40, port: 0 });
    expect(message.split('\n')).toEqual([
      "RedisCache 'platform-prod-cache': invalid props:",
      expect.stringMatching(/^ {2}- multiAz: /),
      expect.stringMatching(/^ {2}- port: /),
      expect.stringMatching(/^ {2}- snapshotRetentionDays: /),
    ]);
  });

  test('allowed groups as a single list token are refused: each group needs its own rule', () => {
    const message = errorFor((scope) => ({
      allowedSecurityGroupIds: new TerraformVariable(scope, 'groups', { type: 'list(string)' }).listValue,
    }));
    expect(message).toMatch(
      /allowedSecurityGroupIds: must be a literal list \(its elements may be references\)/,
    );
  });

  test('a window crossing midnight is checked against the maintenance window of the next day', () => {
    expect(errorFor({ snapshotWindow: '23:30-00:30', maintenanceWindow: 'mon:00:00-mon:01:00' })).toMatch(
      /snapshotWindow: '23:30-00:30' overlaps maintenanceWindow 'mon:00:00-mon:01:00'/,
    );
  });
});
