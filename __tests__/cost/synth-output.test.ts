import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { groupStacks, readSynthOutput } from '../../scripts/cost/synth-output';
import { stack } from './fixtures';

describe('reading a synth output folder', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cost-synth-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string) => {
    mkdirSync(path.join(dir, 'stacks', name), { recursive: true });
    writeFileSync(path.join(dir, 'stacks', name, 'cdk.tf.json'), text);
  };

  it('reads every stacks/<name>/cdk.tf.json, sorted by name', () => {
    write('prod-network', '{"resource":{"aws_vpc":{"v":{}}}}');
    write('dev-network', '{}');
    mkdirSync(path.join(dir, 'stacks', 'not-a-stack'));
    expect(readSynthOutput(dir)).toEqual([
      { name: 'dev-network', json: {} },
      { name: 'prod-network', json: { resource: { aws_vpc: { v: {} } } } },
    ]);
  });

  it('says when there is nothing to read', () => {
    expect(() => readSynthOutput(dir)).toThrow(/stacks does not exist: synthesize first \(npm run synth\)/);
    mkdirSync(path.join(dir, 'stacks'));
    expect(() => readSynthOutput(dir)).toThrow(/stacks has no stack \(no \*\/cdk\.tf\.json\)/);
  });

  it('says which file is not JSON', () => {
    write('dev-network', '{');
    expect(() => readSynthOutput(dir)).toThrow(
      /dev-network\/cdk\.tf\.json is not valid JSON \(.*\): synthesize again/,
    );
  });
});

describe('grouping stacks', () => {
  it('groups <env>-<layer> stacks by environment and keeps other stacks apart', () => {
    const groups = groupStacks([
      stack('staging-edge', {}),
      stack('bootstrap-nonprod', {}),
      stack('staging-network', {}),
      stack('dev-network', {}, 'eu-central-1'),
    ]);
    expect(groups.map((g) => [g.name, g.accountLevel, g.region, g.stacks.map((s) => s.name)])).toEqual([
      ['dev', false, 'eu-central-1', ['dev-network']],
      ['staging', false, 'eu-west-1', ['staging-edge', 'staging-network']],
      ['bootstrap-nonprod', true, 'eu-west-1', ['bootstrap-nonprod']],
    ]);
  });

  it('refuses an environment whose stacks disagree on the region', () => {
    expect(() => groupStacks([stack('dev-network', {}), stack('dev-data', {}, 'us-east-1')])).toThrow(
      /dev: its stacks dev-data, dev-network do not share one AWS provider region \(us-east-1, eu-west-1\)/,
    );
  });

  it('reads the region of the default provider, not of an aliased one', () => {
    const withAlias = stack('dev-edge', {});
    withAlias.json.provider = { aws: [{ region: 'us-east-1', alias: 'global' }, { region: 'eu-west-1' }] };
    expect(groupStacks([withAlias])[0].region).toBe('eu-west-1');
  });
});
