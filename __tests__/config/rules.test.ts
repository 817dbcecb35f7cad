import * as path from 'node:path';
import { z } from 'zod';
import { ConfigError, ConfigIssue, fromZodIssue } from '../../config/issues';
import { loadEnvironments, validateEnvironmentFile } from '../../config/load';
import { RULES, RuleId } from '../../config/rules';
import type { EnvironmentConfig } from '../../config/schema';
import { buildStacks } from '../../stacks/app';
import { Testing } from 'cdktf';
import {
  baseInput,
  fileFor,
  removeTempDirs,
  tempDir,
  validateData,
  withField,
  withFields,
  yaml,
} from './fixtures';

afterEach(removeTempDirs);

/** What one bad case gives: every issue found and the file the rule's issue must name. */
interface Outcome {
  readonly issues: readonly ConfigIssue[];
  readonly file: string;
}

interface BadCase {
  readonly run: () => Outcome;
  readonly field: string;
  readonly value: unknown;
  /** What the hint must say, beyond being there. */
  readonly hint?: RegExp;
  readonly line?: number;
}

/** One file: the base environment with `changes`, validated as `<name>.yaml`. */
function one(changes: Record<string, unknown>, file?: string): () => Outcome {
  return () => {
    const data = withFields(baseInput(), changes);
    const target = file ?? fileFor(String(data.name));
    return { issues: validateData(data, target).issues, file: target };
  };
}

/** One file given as text. */
function text(file: string, content: string): () => Outcome {
  return () => ({ issues: validateEnvironmentFile(file, content).issues, file });
}

/** An environment of the same account as the base one, with its own domain and network. */
function env(name: string, index: number, changes: Record<string, unknown> = {}): Record<string, unknown> {
  return withFields(baseInput(), {
    name,
    'domain.name': `${name}.example.com`,
    'network.cidr': `10.${10 + index}.0.0/16`,
    ...changes,
  });
}

/** A folder of environment files, loaded together; `target` is the file the issue must name. */
function folder(files: Record<string, string>, target: string): () => Outcome {
  return () => {
    const dir = tempDir(files);
    return { issues: loadIssues(dir), file: path.join(dir, target) };
  };
}

function loadIssues(dir: string): readonly ConfigIssue[] {
  try {
    loadEnvironments(dir);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.issues;
  }
}

const CASES: Record<RuleId, BadCase> = {
  'config-dir': {
    run: () => {
      const missing = path.join(tempDir({}), 'missing');
      return { issues: loadIssues(missing), file: missing };
    },
    field: '',
    value: expect.stringContaining('missing'),
    hint: /INFRA_CONFIG_DIR/,
  },
  'yaml-syntax': {
    run: text(fileFor('dev'), 'name: dev\naccount:\n\tid: x\n'),
    field: '',
    value: 'id: x',
    hint: /spaces, not tabs/,
    line: 3,
  },
  'json-syntax': {
    run: text(fileFor('dev', '.json'), '{\n  "name": "dev",\n}\n'),
    field: '',
    value: '}',
    line: 3,
  },
  'duplicate-key': {
    run: text(fileFor('dev'), `${yaml(baseInput())}name: dev\n`),
    field: '',
    value: 'name',
    line: yaml(baseInput()).split('\n').length,
  },
  'empty-file': { run: text(fileFor('dev'), '# nothing here yet\n'), field: '', value: undefined },
  'not-a-mapping': {
    run: text(fileFor('dev'), '- name: dev\n'),
    field: '',
    value: [{ name: 'dev' }],
    line: 1,
  },
  'unknown-key': {
    run: one({ 'network.natGateway': 'single' }),
    field: 'network.natGateway',
    value: 'single',
    hint: /did you mean 'natGateways'\?/,
  },
  required: { run: one({ region: undefined }), field: 'region', value: undefined, hint: /region/ },
  type: { run: one({ production: 'yes' }), field: 'production', value: 'yes', hint: /true or false/ },
  'one-of': {
    run: one({ 'network.natGateways': 'perAZ' }),
    field: 'network.natGateways',
    value: 'perAZ',
    hint: /did you mean 'perAz'\?/,
  },
  range: {
    // Every bound of the schema names its own rule; this is the fallback for a bound without one.
    run: () => {
      const result = z
        .strictObject({ count: z.number().max(3) })
        .safeParse({ count: 4 }, { reportInput: true });
      const issues = result.error!.issues.flatMap((i) => fromZodIssue('x.yaml', i, { count: 4 }, () => []));
      return { issues, file: 'x.yaml' };
    },
    field: 'count',
    value: 4,
    hint: /at most 3/,
  },
  'environment-name': { run: one({ name: 'Dev' }), field: 'name', value: 'Dev' },
  'file-name': { run: one({}, fileFor('staging')), field: 'name', value: 'dev', hint: /staging/ },
  'project-name': { run: one({ project: 'Platform_X' }), field: 'project', value: 'Platform_X' },
  'account-id': {
    run: one({ 'account.id': 111111111111 }),
    field: 'account.id',
    value: 111111111111,
    hint: /quote/,
  },
  'account-alias': { run: one({ 'account.alias': 'Non-Prod' }), field: 'account.alias', value: 'Non-Prod' },
  'domain-name': { run: one({ 'domain.name': 'Example.com' }), field: 'domain.name', value: 'Example.com' },
  'domain-length': {
    run: one({ 'domain.name': `${'a'.repeat(60)}.example.com` }),
    field: 'domain.name',
    value: `${'a'.repeat(60)}.example.com`,
  },
  'tag-key': { run: one({ tags: { 'aws:team': 'x' } }), field: 'tags.aws:team', value: 'aws:team' },
  'tag-value': { run: one({ tags: { team: 'a#b' } }), field: 'tags.team', value: 'a#b' },
  'reserved-tag': { run: one({ tags: { Owner: 'x' } }), field: 'tags.Owner', value: 'Owner', hint: /owner/ },
  'tag-count': {
    run: one({ tags: Object.fromEntries(Array.from({ length: 41 }, (_, i) => [`tag-${i}`, 'x'])) }),
    field: 'tags',
    value: expect.objectContaining({ 'tag-40': 'x' }),
  },
  'github-repository': {
    run: one({ repository: 'example-org/platform-infra.git' }),
    field: 'repository',
    value: 'example-org/platform-infra.git',
  },
  'git-branch': {
    run: one({ 'ci.deployBranch': 'release..1' }),
    field: 'ci.deployBranch',
    value: 'release..1',
  },
  'github-environment': {
    run: one({ 'ci.githubEnvironment': 'prod env' }),
    field: 'ci.githubEnvironment',
    value: 'prod env',
  },
  'cidr-syntax': {
    run: one({ 'network.cidr': '10.10.0.0/33' }),
    field: 'network.cidr',
    value: '10.10.0.0/33',
  },
  'cidr-network-address': {
    run: one({ 'network.cidr': '10.10.0.1/16' }),
    field: 'network.cidr',
    value: '10.10.0.1/16',
    hint: /10\.10\.0\.0\/16/,
  },
  'vpc-prefix-range': {
    run: one({ 'network.cidr': '10.0.0.0/8' }),
    field: 'network.cidr',
    value: '10.0.0.0/8',
  },
  'private-cidr': {
    run: one({ 'network.cidr': '11.0.0.0/16' }),
    field: 'network.cidr',
    value: '11.0.0.0/16',
  },
  'subnet-prefix-range': {
    run: one({ 'network.subnetPrefixLength': { public: '/24' } }),
    field: 'network.subnetPrefixLength.public',
    value: '/24',
    hint: /without the slash/,
  },
  'subnet-fits-vpc': {
    run: one({ 'network.cidr': '10.10.0.0/22' }),
    field: 'network.subnetPrefixLength',
    value: { cidr: '10.10.0.0/22', public: 24, private: 20, isolated: 24 },
    hint: /private/,
  },
  'availability-zone': {
    run: one({ 'network.availabilityZones': ['eu-west-1a', 'euw1-az2'] }),
    field: 'network.availabilityZones[1]',
    value: 'euw1-az2',
  },
  'az-count': {
    run: one({ 'network.availabilityZones': [] }),
    field: 'network.availabilityZones',
    value: [],
  },
  'az-region': {
    run: one({ 'network.availabilityZones': ['eu-west-1a', 'eu-central-1b'] }),
    field: 'network.availabilityZones[1]',
    value: 'eu-central-1b',
    hint: /eu-west-1a/,
  },
  'az-unique': {
    run: one({ 'network.availabilityZones': ['eu-west-1a', 'eu-west-1a'] }),
    field: 'network.availabilityZones[1]',
    value: 'eu-west-1a',
  },
  'unique-item': {
    run: one({ 'alerts.emails': ['oncall@example.com', 'OnCall@example.com'] }),
    field: 'alerts.emails[1]',
    value: 'OnCall@example.com',
  },
  'production-multi-az': {
    run: one({
      name: 'prod',
      production: true,
      'alerts.emails': ['oncall@example.com'],
      'data.backup.copyRegion': 'eu-central-1',
      'network.availabilityZones': ['eu-west-1a'],
    }),
    field: 'network.availabilityZones',
    value: ['eu-west-1a'],
  },
  'production-flag': { run: one({ name: 'prod' }), field: 'production', value: false },
  'production-alerts': {
    run: one({ name: 'prod', production: true, 'data.backup.copyRegion': 'eu-central-1' }),
    field: 'alerts.emails',
    value: [],
  },
  'daily-window': {
    run: one({ 'data.database.backupWindow': '2:00-2:30' }),
    field: 'data.database.backupWindow',
    value: '2:00-2:30',
  },
  'weekly-window': {
    run: one({ 'data.cache.maintenanceWindow': 'sunday:05:00-sunday:06:00' }),
    field: 'data.cache.maintenanceWindow',
    value: 'sunday:05:00-sunday:06:00',
  },
  'window-length': {
    run: one({ 'data.cache.snapshotWindow': '03:00-03:30' }),
    field: 'data.cache.snapshotWindow',
    value: '03:00-03:30',
    hint: /at least 60 minutes/,
  },
  'window-overlap': {
    run: one({ 'data.database.maintenanceWindow': 'tue:02:15-tue:03:00' }),
    field: 'data.database.maintenanceWindow',
    value: 'tue:02:15-tue:03:00',
    hint: /overlaps data\.database\.backupWindow \(02:00-02:30\)/,
  },
  'instance-class': {
    run: one({ 'data.database.instanceClass': 't4g.micro' }),
    field: 'data.database.instanceClass',
    value: 't4g.micro',
  },
  'backup-retention': {
    run: one({ 'data.database.backupRetentionDays': 36 }),
    field: 'data.database.backupRetentionDays',
    value: 36,
  },
  'storage-ceiling': {
    run: one({ 'data.database.allocatedStorageGib': 100, 'data.database.maxAllocatedStorageGib': 100 }),
    field: 'data.database.maxAllocatedStorageGib',
    value: 100,
    hint: /allocatedStorageGib is 100/,
  },
  'production-deletion-protection': {
    run: one({
      name: 'prod',
      production: true,
      'alerts.emails': ['oncall@example.com'],
      'data.backup.copyRegion': 'eu-central-1',
      'data.database.deletionProtection': false,
    }),
    field: 'data.database.deletionProtection',
    value: false,
  },
  'production-offsite-backup': {
    run: one({ name: 'prod', production: true, 'alerts.emails': ['oncall@example.com'] }),
    field: 'data.backup.copyRegion',
    value: undefined,
  },
  'dr-region': {
    run: one({ 'data.backup.copyRegion': 'eu-west-1' }),
    field: 'data.backup.copyRegion',
    value: 'eu-west-1',
  },
  'cache-multi-az-nodes': {
    run: one({ 'data.cache.multiAz': true, 'data.cache.nodes': 1 }),
    field: 'data.cache.nodes',
    value: 1,
  },
  'restore-suffix': {
    run: one({ 'data.database.restore': { identifierSuffix: 'R-1', snapshotIdentifier: 'snap' } }),
    field: 'data.database.restore.identifierSuffix',
    value: 'R-1',
  },
  'db-identifier': {
    run: one({
      'data.database.restore': {
        identifierSuffix: 'r1',
        pointInTime: { sourceIdentifier: 'Platform_DB', latest: true },
      },
    }),
    field: 'data.database.restore.pointInTime.sourceIdentifier',
    value: 'Platform_DB',
  },
  'restore-time': {
    run: one({
      'data.database.restore': {
        identifierSuffix: 'r1',
        pointInTime: { sourceIdentifier: 'platform-prod-db', time: '20 Nov 2026' },
      },
    }),
    field: 'data.database.restore.pointInTime.time',
    value: '20 Nov 2026',
  },
  'restore-source': {
    run: one({
      'data.database.restore': {
        identifierSuffix: 'r1',
        pointInTime: { sourceIdentifier: 'platform-prod-db', time: '2026-11-20T03:00:00Z', latest: true },
      },
    }),
    field: 'data.database.restore',
    value: {
      identifierSuffix: 'r1',
      pointInTime: { sourceIdentifier: 'platform-prod-db', time: '2026-11-20T03:00:00Z', latest: true },
      cutover: false,
    },
  },
  region: {
    run: one({ region: 'eu-wset-1' }),
    field: 'region',
    value: 'eu-wset-1',
    hint: /did you mean 'eu-west-1'/,
  },
  email: {
    run: one({ 'alerts.emails': ['oncall.example.com'] }),
    field: 'alerts.emails[0]',
    value: 'oncall.example.com',
  },
  's3-bucket-name': {
    run: one({ 'state.bucket': 'Platform_State' }),
    field: 'state.bucket',
    value: 'Platform_State',
    hint: /lower case/,
  },
  'unique-environment': {
    run: folder(
      {
        'dev.yaml': yaml(env('dev', 0)),
        'dev.json': JSON.stringify(
          env('dev', 1, { 'account.id': '222222222222', 'domain.name': 'other.example.com' }),
        ),
      },
      'dev.yaml',
    ),
    field: 'name',
    value: 'dev',
    hint: /dev\.json/,
  },
  'unique-domain': {
    run: folder(
      {
        'dev.yaml': yaml(env('dev', 0)),
        'staging.yaml': yaml(env('staging', 1, { 'domain.name': 'dev.example.com' })),
      },
      'staging.yaml',
    ),
    field: 'domain.name',
    value: 'dev.example.com',
    hint: /dev\.yaml/,
  },
  'account-state-bucket': {
    run: folder(
      {
        'dev.yaml': yaml(env('dev', 0)),
        'staging.yaml': yaml(env('staging', 1, { 'state.region': 'eu-central-1' })),
      },
      'staging.yaml',
    ),
    field: 'state',
    value: { bucket: 'platform-tfstate-111111111111', region: 'eu-central-1' },
    hint: /eu-west-1/,
  },
  'state-bucket-per-account': {
    run: folder(
      {
        'dev.yaml': yaml(env('dev', 0, { 'state.bucket': 'shared-tfstate' })),
        'staging.yaml': yaml(
          env('staging', 1, { 'state.bucket': 'shared-tfstate', 'account.id': '222222222222' }),
        ),
      },
      'staging.yaml',
    ),
    field: 'state.bucket',
    value: 'shared-tfstate',
    hint: /111111111111/,
  },
  'account-alias-consistent': {
    run: folder(
      {
        'dev.yaml': yaml(env('dev', 0, { 'account.alias': 'nonprod' })),
        'staging.yaml': yaml(env('staging', 1, { 'account.alias': 'non-prod' })),
      },
      'staging.yaml',
    ),
    field: 'account.alias',
    value: 'non-prod',
    hint: /nonprod/,
  },
  'account-repository': {
    run: folder(
      {
        'dev.yaml': yaml(env('dev', 0)),
        'staging.yaml': yaml(env('staging', 1, { repository: 'example-org/other' })),
      },
      'staging.yaml',
    ),
    field: 'repository',
    value: 'example-org/other',
    hint: /example-org\/platform-infra/,
  },
  'cloudflare-zone-id': {
    run: one({ 'edge.dns.provider': 'cloudflare' }),
    field: 'edge.dns.cloudflareZoneId',
    value: undefined,
    hint: /zone id/,
  },
  'dns-provider-fields': {
    run: one({ 'edge.dns.cloudflareZoneId': '0123456789abcdef0123456789abcdef' }),
    field: 'edge.dns.cloudflareZoneId',
    value: '0123456789abcdef0123456789abcdef',
  },
  'domain-in-zone': {
    run: one({ 'edge.dns.zoneName': 'example.org' }),
    field: 'edge.dns.zoneName',
    value: 'example.org',
    hint: /dev\.example\.com is not inside example\.org/,
  },
  'dns-label': { run: one({ 'edge.apiSubdomain': 'API_' }), field: 'edge.apiSubdomain', value: 'API_' },
  'url-path': {
    run: one({ 'edge.healthCheckPath': 'health' }),
    field: 'edge.healthCheckPath',
    value: 'health',
  },
  'content-security-policy': {
    run: one({ 'edge.contentSecurityPolicy': "default-src 'self', img-src *" }),
    field: 'edge.contentSecurityPolicy',
    value: "default-src 'self', img-src *",
    hint: /comma/,
  },
  'rate-limit': {
    run: one({ 'edge.rateLimitPer5Minutes': 50 }),
    field: 'edge.rateLimitPer5Minutes',
    value: 50,
  },
  'image-repository': {
    run: one({ 'service.image.repository': 'Registry.example.com/API:1.0' }),
    field: 'service.image.repository',
    value: 'Registry.example.com/API:1.0',
  },
  'image-tag': { run: one({ 'service.image.tag': '-rc1' }), field: 'service.image.tag', value: '-rc1' },
  'image-digest': {
    run: one({ 'service.image': { repository: 'ghcr.io/example-org/api', digest: 'sha256:abc' } }),
    field: 'service.image.digest',
    value: 'sha256:abc',
  },
  'image-reference': {
    run: one({ 'service.image': { repository: 'ghcr.io/example-org/api' } }),
    field: 'service.image',
    value: { repository: 'ghcr.io/example-org/api' },
    hint: /add tag/,
  },
  'image-latest': {
    run: one(
      {
        name: 'prod',
        production: true,
        'alerts.emails': ['oncall@example.com'],
        'data.backup.copyRegion': 'eu-central-1',
        'service.image.tag': 'latest',
      },
      fileFor('prod'),
    ),
    field: 'service.image.tag',
    value: 'latest',
  },
  'fargate-size': {
    run: one({ 'service.cpu': 1024, 'service.memoryMiB': 1024 }),
    field: 'service.memoryMiB',
    value: 1024,
    hint: /with cpu 1024, Fargate accepts memoryMiB 2048, 3072, 4096, 5120, 6144, 7168, 8192$/,
  },
  'task-capacity': {
    run: one({ 'service.minTasks': 4, 'service.maxTasks': 2 }),
    field: 'service.maxTasks',
    value: 2,
    hint: /at least minTasks \(4\)/,
  },
  'env-var-name': {
    run: one({ 'service.environment': { 'log-level': 'info' } }),
    field: 'service.environment.log-level',
    value: 'log-level',
  },
  'env-var-reserved': {
    run: one({ 'service.environment': { DATABASE_HOST: 'db.internal' } }),
    field: 'service.environment.DATABASE_HOST',
    value: 'DATABASE_HOST',
  },
  'env-var-secret': {
    run: one({ 'service.environment': { STRIPE_API_KEY: 'x' } }),
    field: 'service.environment.STRIPE_API_KEY',
    value: 'STRIPE_API_KEY',
    hint: /Secrets Manager/,
  },
  'construct-validation': {
    run: () => {
      // The schema accepts any instance class; the database construct has no alarm figures for this one.
      const file = fileFor('dev');
      const data = withFields(baseInput(), { 'data.database.instanceClass': 'db.x2g.large' });
      const { issues, config } = validateData(data, file);
      if (issues.length > 0) return { issues, file };
      try {
        buildStacks(Testing.app(), [{ file, config: config as EnvironmentConfig }]);
        return { issues: [], file };
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        return { issues: error.issues, file };
      }
    },
    field: '',
    value: undefined,
    hint: /change the setting/,
  },
  'unique-cidr': {
    run: folder(
      {
        'dev.yaml': yaml(env('dev', 0)),
        'staging.yaml': yaml(env('staging', 1, { 'network.cidr': '10.10.128.0/17' })),
      },
      'staging.yaml',
    ),
    field: 'network.cidr',
    value: '10.10.128.0/17',
    hint: /10\.10\.0\.0\/16/,
  },
};

/** Rules whose message carries the specific problem after the rule's own words. */
const DETAILED_MESSAGES: readonly RuleId[] = [
  'yaml-syntax',
  'json-syntax',
  'type',
  'range',
  'construct-validation',
];

describe('every rule', () => {
  it('has a bad case here', () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(RULES).sort());
  });

  it.each(Object.keys(CASES) as RuleId[])('%s: reports file, field, rule, value and a hint', (id) => {
    const bad = CASES[id];
    const { issues, file } = bad.run();
    // Exactly the one problem: no second rule fires on the same mistake.
    expect(issues.map((i) => i.rule)).toEqual([id]);
    const [issue] = issues;
    expect(issue).toMatchObject({ file, field: bad.field, rule: id });
    expect(issue.value).toEqual(bad.value);
    expect(issue.hint).toEqual(expect.any(String));
    expect(issue.hint.length).toBeGreaterThan(3);
    if (bad.hint) expect(issue.hint).toMatch(bad.hint);
    if (bad.line !== undefined) expect(issue.line).toBe(bad.line);
    if (DETAILED_MESSAGES.includes(id)) expect(issue.message.length).toBeGreaterThan(0);
    else if (id !== 'config-dir') expect(issue.message).toBe(RULES[id].message);
  });
});

describe('the good case', () => {
  it('accepts the base environment and applies the defaults', () => {
    const { issues, config } = validateData(baseInput());
    expect(issues).toEqual([]);
    expect(config).toMatchObject({
      production: false,
      project: 'platform',
      tags: {},
      network: {
        subnetPrefixLength: { public: 24, private: 20, isolated: 24 },
        natGateways: 'single',
        flowLogs: { destination: 'cloudwatch', retentionDays: 90, trafficType: 'ALL' },
        interfaceEndpoints: [],
      },
      alerts: { emails: [] },
      state: {},
      ci: { deployBranch: 'main' },
    });
  });

  it('accepts a production environment with 2 zones, an alert email and an offsite backup copy', () => {
    const prod = withFields(baseInput(), {
      name: 'prod',
      production: true,
      'alerts.emails': ['oncall@example.com'],
      'data.backup.copyRegion': 'eu-central-1',
    });
    expect(validateData(prod).issues).toEqual([]);
  });

  it('accepts other accounts using the same CIDR (only one account must not overlap)', () => {
    const dir = tempDir({
      'dev.yaml': yaml(env('dev', 0)),
      'staging.yaml': yaml(env('staging', 0, { 'account.id': '222222222222' })),
    });
    expect(loadEnvironments(dir).map((e) => e.config.name)).toEqual(['dev', 'staging']);
  });
});

const smallSubnets = () => ({ 'network.subnetPrefixLength': { public: 28, private: 28, isolated: 28 } });

/**
 * Values at the edge of each single-field rule: each of the first list passes, each of the second
 * fails with the rule. `setup` adjusts the other fields a value needs to be valid on its own.
 */
const BOUNDARIES: [field: string, rule: RuleId, good: unknown[], bad: unknown[], setup?: (value: unknown) => Record<string, unknown>][] = [
  ['name', 'environment-name', ['ab', 'a1', 'eu-1', 'x'.repeat(16)], ['a', 'x'.repeat(17), '1a', 'a-', 'a--b', 'a_b']],
  ['project', 'project-name', ['pl', 'x'.repeat(20)], ['p', 'x'.repeat(21), 'Platform', '-p']],
  ['account.id', 'account-id', ['012345678901'], ['12345678901', '1234567890123', '12345678901a']],
  ['account.alias', 'account-alias', ['prod', 'non-prod'], ['p', 'Prod', 'x'.repeat(21)]],
  ['domain.name', 'domain-name', ['example.com', 'a.b.example.co', 'x1.example.com'], ['example', 'example.com.', '-a.example.com', 'a_b.example.com', 'example.1com']],
  ['domain.name', 'domain-length', [`${'a'.repeat(52)}.example.com`], [`${'a'.repeat(53)}.example.com`]],
  ['repository', 'github-repository', ['a/b', 'example-org/platform.infra', 'A1/b_c-d'], ['a', 'a/b/c', '-a/b', 'a--b/c', 'a/..', 'https://github.com/a/b']],
  ['ci.deployBranch', 'git-branch', ['main', 'release/v2', 'feature_x.1'], ['-x', '/x', 'x/', 'x.lock', 'a//b', 'a/.b', 'with space']],
  ['ci.githubEnvironment', 'github-environment', ['production', 'prod.eu-1'], ['', 'a b', 'x'.repeat(256)]],
  ['network.cidr', 'cidr-syntax', ['10.0.0.0/16', '192.168.0.0/24', '172.16.0.0/16'], ['10.0.0/16', '10.0.0.0', '256.0.0.0/16', '010.0.0.0/16', '10.0.0.0/033'], smallSubnets],
  ['network.cidr', 'vpc-prefix-range', ['10.0.0.0/16', '10.0.0.0/24'], ['10.0.0.0/15', '10.0.0.0/25'], smallSubnets],
  ['network.cidr', 'private-cidr', ['172.31.0.0/16', '192.168.0.0/16'], ['172.32.0.0/16', '192.169.0.0/16', '8.8.0.0/16']],
  ['network.subnetPrefixLength.isolated', 'subnet-prefix-range', [20, 28], [15, 29, 24.5, '24']],
  ['network.availabilityZones', 'az-count', [['eu-west-1a'], ['eu-west-1a', 'eu-west-1b', 'eu-west-1c']], [[], ['eu-west-1a', 'eu-west-1b', 'eu-west-1c', 'eu-west-1d']]],
  ['state.bucket', 's3-bucket-name', ['abc', 'x'.repeat(63), 'platform-tfstate-1'], ['ab', 'x'.repeat(64), 'a--b', '-ab', 'ab-', 'a.b', 'sthree-x', 'amzn-s3-demo-x', 'x-s3alias']],
  ['region', 'region', ['us-east-1', 'ap-southeast-7'], ['EU-WEST-1', 'eu-west', 'us-gov-west-1'], (region) => ({ 'network.availabilityZones': [`${String(region)}a`] })],
  ['owner', 'tag-value', ['a', 'Platform Team @ Example: +=/._-', 'équipe'], ['', 'a#b', 'x'.repeat(257)]],
]; // prettier-ignore

describe.each(BOUNDARIES)('%s (%s)', (field, id, good, bad, setup) => {
  const input = (value: unknown) => withField(withFields(baseInput(), setup?.(value) ?? {}), field, value);

  it.each(good.map((v) => [v]))('accepts %j', (value) => {
    expect(validateData(input(value)).issues).toEqual([]);
  });

  it.each(bad.map((v) => [v]))('rejects %j', (value) => {
    const { issues } = validateData(input(value));
    const at = issues.filter((i) => i.rule === id);
    expect(at).toEqual([expect.objectContaining({ value })]);
    expect(at[0].field.startsWith(field)).toBe(true);
  });
});
