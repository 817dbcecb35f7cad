import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  accountNameOf,
  defaultTagsOf,
  githubEnvironmentOf,
  namePrefixOf,
  stateBackendOf,
} from '../../config/derived';
import { ConfigError, ConfigIssue, formatIssues } from '../../config/issues';
import { DEFAULT_CONFIG_DIR, loadEnvironments, validateEnvironmentFile } from '../../config/load';
import { baseInput, fileFor, removeTempDirs, tempDir, validateData, withFields, yaml } from './fixtures';

afterEach(removeTempDirs);

const BUNDLED = path.join(__dirname, '..', '..', 'config', 'environments');

function loadIssues(dir: string): readonly ConfigIssue[] {
  try {
    loadEnvironments(dir);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error(`expected ${dir} to be invalid`);
}

describe('the bundled environments', () => {
  it('are read from config/environments by default', () => {
    expect(path.resolve(DEFAULT_CONFIG_DIR)).toBe(path.resolve(BUNDLED));
  });

  it('are all valid: dev, prod and staging, each named after its file', () => {
    const loaded = loadEnvironments(DEFAULT_CONFIG_DIR);
    expect(loaded.map((e) => [path.basename(e.file), e.config.name])).toEqual([
      ['dev.yaml', 'dev'],
      ['prod.yaml', 'prod'],
      ['staging.yaml', 'staging'],
    ]);
  });

  it('are shown relative to the working directory', () => {
    const loaded = loadEnvironments(path.relative(process.cwd(), BUNDLED));
    expect(loaded[0].file).toBe(path.join(path.relative(process.cwd(), BUNDLED), 'dev.yaml'));
  });

  it('get their defaults applied', () => {
    const byName = new Map(loadEnvironments(DEFAULT_CONFIG_DIR).map((e) => [e.config.name, e.config]));
    const dev = byName.get('dev')!;
    expect(dev.project).toBe('platform');
    expect(dev.network.subnetPrefixLength).toEqual({ public: 24, private: 20, isolated: 24 });
    expect(dev.network.flowLogs.trafficType).toBe('ALL');
    expect(dev.network.interfaceEndpoints).toEqual([]);
    expect(dev.ci).toEqual({ deployBranch: 'main' });
    expect(githubEnvironmentOf(dev)).toBe('dev');
    expect(githubEnvironmentOf(byName.get('prod')!)).toBe('production');
  });

  it('keep production safe and share one state backend per account', () => {
    const configs = loadEnvironments(DEFAULT_CONFIG_DIR).map((e) => e.config);
    const prod = configs.find((c) => c.name === 'prod')!;
    expect(prod.production).toBe(true);
    expect(prod.network.availabilityZones.length).toBeGreaterThanOrEqual(2);
    expect(prod.network.natGateways).toBe('perAz');
    const nonprod = configs.filter((c) => c.account.id === '111111111111');
    expect(nonprod.map((c) => c.name).sort()).toEqual(['dev', 'staging']);
    expect(new Set(nonprod.map((c) => JSON.stringify(stateBackendOf(c)))).size).toBe(1);
    expect(stateBackendOf(prod)).toEqual({ bucket: 'platform-tfstate-222222222222', region: 'eu-west-1' });
  });

  it('use example.com domains and placeholder account ids', () => {
    for (const config of loadEnvironments(DEFAULT_CONFIG_DIR).map((e) => e.config)) {
      expect(config.domain.name).toMatch(/(^|\.)example\.com$/);
      expect(config.account.id).toMatch(/^(\d)\1{11}$/);
    }
  });

  it.each(readdirSync(BUNDLED))('%s points editors at the JSON Schema', (file) => {
    const firstLine = readFileSync(path.join(BUNDLED, file), 'utf8').split('\n')[0];
    expect(firstLine).toBe('# yaml-language-server: $schema=../environment.schema.json');
  });
});

describe('derived values', () => {
  const config = validateData(withFields(baseInput(), { 'account.alias': 'nonprod', tags: { team: 'a' } }))
    .config as Parameters<typeof stateBackendOf>[0];

  it('name the default state bucket after the project and account', () => {
    expect(stateBackendOf(config)).toEqual({ bucket: 'platform-tfstate-111111111111', region: 'eu-west-1' });
    expect(namePrefixOf(config)).toBe('platform-dev');
    expect(accountNameOf(config)).toBe('nonprod');
  });

  it('put the stacks own tags over the config tags', () => {
    expect(defaultTagsOf(config)).toEqual({
      team: 'a',
      environment: 'dev',
      owner: 'platform-team',
      'cost-center': 'cc-1001',
      'managed-by': 'cdktf',
      repository: 'example-org/platform-infra',
    });
  });
});

describe('loadEnvironments', () => {
  it('reads .yaml, .yml and .json files and ignores every other file and folder', () => {
    const dir = tempDir({
      'dev.yaml': yaml(baseInput()),
      'staging.yml': yaml(withFields(baseInput(), { name: 'staging', 'domain.name': 'staging.example.com', 'network.cidr': '10.20.0.0/16' })), // prettier-ignore
      'qa.json': JSON.stringify(withFields(baseInput(), { name: 'qa', 'domain.name': 'qa.example.com', 'network.cidr': '10.30.0.0/16' })), // prettier-ignore
      'README.md': '# not config',
      'notes.txt': 'name: nope',
      'nested.yaml/ignored.yaml': 'not: read',
    });
    expect(loadEnvironments(dir).map((e) => e.config.name)).toEqual(['dev', 'qa', 'staging']);
  });

  it('names files outside the working directory by absolute path', () => {
    const dir = tempDir({ 'dev.yaml': yaml(baseInput()) });
    expect(loadEnvironments(dir)[0].file).toBe(path.join(dir, 'dev.yaml'));
  });

  it('rejects a folder without environment files', () => {
    const dir = tempDir({ 'README.md': '# nothing' });
    expect(loadIssues(dir)).toEqual([
      expect.objectContaining({ file: dir, field: '', rule: 'config-dir', value: dir, message: expect.stringMatching(/no environment files/) }), // prettier-ignore
    ]);
  });

  it('rejects a path that is a file, not a folder', () => {
    const dir = tempDir({ 'dev.yaml': yaml(baseInput()) });
    expect(loadIssues(path.join(dir, 'dev.yaml'))).toEqual([expect.objectContaining({ rule: 'config-dir' })]);
  });

  it('reports the problems of every file together, in one error whose message is formatIssues of them', () => {
    const dir = tempDir({
      'dev.yaml': yaml(withFields(baseInput(), { region: 'eu-wset-1' })),
      'staging.yaml': yaml(withFields(baseInput(), { name: 'staging', 'network.cidr': '10.20.0.0/33' })),
    });
    let error: unknown;
    try {
      loadEnvironments(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { issues, message, name } = error as ConfigError;
    expect(name).toBe('ConfigError');
    expect(issues.map((i) => [path.basename(i.file), i.rule])).toEqual([
      ['dev.yaml', 'region'],
      ['staging.yaml', 'cidr-syntax'],
    ]);
    expect(message).toBe(formatIssues(issues));
  });

  it('leaves an invalid file out of the cross-file checks', () => {
    const dir = tempDir({
      'dev.yaml': yaml(baseInput()),
      // Same domain and CIDR as dev, but invalid on its own: only its own problem is reported.
      'staging.yaml': yaml(withFields(baseInput(), { name: 'staging', owner: '' })),
    });
    expect(loadIssues(dir).map((i) => i.rule)).toEqual(['tag-value']);
  });
});

describe('one file', () => {
  it('reports every problem at once, cross-field ones included', () => {
    const data = withFields(baseInput(), {
      owner: 1001,
      netwrok: {},
      'network.cidr': '10.10.0.0/22',
      'network.availabilityZones': ['eu-west-1a', 'us-east-1b'],
    });
    const { issues, config } = validateData(data, fileFor('staging'));
    expect(config).toBeUndefined();
    expect(issues.map((i) => [i.field, i.rule])).toEqual([
      ['name', 'file-name'],
      ['owner', 'type'],
      ['network.subnetPrefixLength', 'subnet-fits-vpc'],
      ['network.availabilityZones[1]', 'az-region'],
      ['netwrok', 'unknown-key'],
    ]);
  });

  it('orders problems by line', () => {
    const { issues } = validateEnvironmentFile(
      fileFor('dev'),
      yaml(withFields(baseInput(), { region: 'x', name: 'Dev' })),
    );
    const lines = issues.map((i) => i.line!);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(issues.map((i) => i.rule)).toEqual(['environment-name', 'region']);
  });

  it('skips a cross-field check when a field it reads is invalid', () => {
    // A bad region: the zones cannot be checked against it.
    expect(validateData(withFields(baseInput(), { region: 'mars-1' })).issues.map((i) => i.rule)).toEqual([
      'region',
    ]);
    // A bad CIDR: no subnet plan.
    expect(validateData(withFields(baseInput(), { 'network.cidr': '10.10.0.0' })).issues.map((i) => i.rule)).toEqual(['cidr-syntax']); // prettier-ignore
    // production is not a boolean: no production rules.
    const prod = withFields(baseInput(), {
      name: 'prod',
      production: 'true',
      'network.availabilityZones': ['eu-west-1a'],
    });
    expect(validateData(prod).issues.map((i) => i.rule)).toEqual(['type']);
    // A missing network: nothing about zones, CIDRs or subnets.
    expect(validateData(withFields(baseInput(), { network: undefined })).issues.map((i) => i.rule)).toEqual(['required']); // prettier-ignore
  });

  it('still checks the rest of a file with a key written twice', () => {
    const text = `${yaml(withFields(baseInput(), { region: 'eu-wset-1' }))}owner: someone\n`;
    const issues = validateEnvironmentFile(fileFor('dev'), text).issues;
    expect(issues.map((i) => i.rule).sort()).toEqual(['duplicate-key', 'region']);
  });

  it('reports keys written twice in JSON, which JSON.parse would let pass', () => {
    const text = JSON.stringify(baseInput(), null, 2).replace(
      '"name": "dev",',
      '"name": "dev",\n  "name": "dev",',
    );
    expect(validateEnvironmentFile(fileFor('dev', '.json'), text).issues).toEqual([
      expect.objectContaining({ rule: 'duplicate-key', value: 'name', line: 3 }),
    ]);
  });

  it('gives JSON problems a line', () => {
    const text = JSON.stringify(withFields(baseInput(), { region: 'eu-wset-1' }), null, 2);
    const [issue] = validateEnvironmentFile(fileFor('dev', '.json'), text).issues;
    expect(issue).toMatchObject({
      rule: 'region',
      line: text.split('\n').findIndex((l) => l.includes('eu-wset-1')) + 1,
    });
  });

  it('accepts JSON with a $schema key', () => {
    const text = JSON.stringify({ $schema: '../environment.schema.json', ...baseInput() });
    expect(validateEnvironmentFile(fileFor('dev', '.json'), text).issues).toEqual([]);
  });

  it('refuses two documents in one file', () => {
    const [issue] = validateEnvironmentFile(
      fileFor('dev'),
      `${yaml(baseInput())}---\n${yaml(baseInput())}`,
    ).issues;
    expect(issue).toMatchObject({
      rule: 'yaml-syntax',
      hint: expect.stringMatching(/one environment per file/),
    });
  });

  it('treats an empty file, in either format, as empty', () => {
    for (const file of [fileFor('dev'), fileFor('dev', '.json')]) {
      expect(validateEnvironmentFile(file, '\n').issues.map((i) => i.rule)).toEqual(['empty-file']);
    }
  });

  it('refuses a scalar at the top level', () => {
    expect(validateEnvironmentFile(fileFor('dev'), 'just text\n').issues).toEqual([
      expect.objectContaining({ rule: 'not-a-mapping', value: 'just text' }),
    ]);
  });

  it('says to quote an account id YAML read as a number (leading zero lost)', () => {
    const text = yaml(baseInput()).replace('id: "111111111111"', 'id: 012345678901');
    expect(text).toContain('id: 012345678901');
    expect(validateEnvironmentFile(fileFor('dev'), text).issues).toEqual([
      expect.objectContaining({ field: 'account.id', rule: 'account-id', value: 12345678901, hint: expect.stringMatching(/quote/) }), // prettier-ignore
    ]);
  });

  it('says an empty field needs a value', () => {
    const [issue] = validateEnvironmentFile(fileFor('dev'), `${yaml(baseInput())}alerts:\n`).issues;
    expect(issue).toMatchObject({ field: 'alerts', rule: 'type', value: null, hint: expect.stringMatching(/give the field a value/) }); // prettier-ignore
  });
});

describe('unknown keys', () => {
  const unknown = (changes: Record<string, unknown>) =>
    validateData(withFields(baseInput(), changes)).issues.filter((i) => i.rule === 'unknown-key');

  it.each([
    ['regoin', 'region'],
    ['costcenter', 'costCenter'],
    ['network.availabilityZone', 'availabilityZones'],
    ['network.subnetPrefixLength.pubic', 'public'],
    ['account.aliass', 'alias'],
    ['ci.deploybranch', 'deployBranch'],
  ])('%s: did you mean %s?', (key, meant) => {
    expect(unknown({ [key]: 'x' })).toEqual([
      expect.objectContaining({ field: key, value: 'x', hint: `did you mean '${meant}'?` }),
    ]);
  });

  it('lists the fields when nothing is close', () => {
    const [issue] = unknown({ 'domain.zzzzzz': 1 });
    expect(issue.hint).toBe('remove it; fields here are: name');
  });

  it('reports each unknown key on its own line', () => {
    const issues = unknown({ foo: 1, bar: 2 });
    expect(issues.map((i) => i.field).sort()).toEqual(['bar', 'foo']);
    expect(new Set(issues.map((i) => i.line)).size).toBe(2);
  });
});
