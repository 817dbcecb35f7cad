import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { COST_DOC, GENERATED_END, GENERATED_START, spliceGenerated } from '../../scripts/cost/cost-doc';
import { estimateStacks } from '../../scripts/cost/estimate-groups';
import { renderEstimates } from '../../scripts/cost/render';
import { SynthStack } from '../../scripts/cost/synth-output';
import { synthBundledStacks } from './bundled';

const ROOT = path.resolve(__dirname, '..', '..');

/** Runs the estimator as `npm run cost` does (transpile-only). */
function runEstimate(args: string[]) {
  return spawnSync(
    process.execPath,
    ['-r', './scripts/ts-register.cjs', 'scripts/cost/estimate.ts', ...args],
    {
      cwd: ROOT,
      env: { ...process.env, CDKTF_OUTDIR: '' },
      encoding: 'utf8',
    },
  );
}

/** Writes stacks as a synth output folder: <dir>/stacks/<name>/cdk.tf.json. */
function writeSynthOutput(dir: string, stacks: readonly SynthStack[]): void {
  for (const stack of stacks) {
    mkdirSync(path.join(dir, 'stacks', stack.name), { recursive: true });
    writeFileSync(path.join(dir, 'stacks', stack.name, 'cdk.tf.json'), JSON.stringify(stack.json, null, 2));
  }
}

describe('help/cost.md', () => {
  const stacks = synthBundledStacks();
  const committed = readFileSync(COST_DOC, 'utf8');

  it('is up to date with the bundled environments', () => {
    const generated = spliceGenerated(committed, renderEstimates(estimateStacks(stacks)));
    if (generated !== committed) {
      throw new Error(
        'help/cost.md is stale: run `npm run synth && npm run --silent cost` and commit the result',
      );
    }
  });

  it('comes out the same on every run, whatever the order of the stacks', () => {
    const once = renderEstimates(estimateStacks(stacks));
    expect(renderEstimates(estimateStacks([...stacks].reverse()))).toBe(once);
  });

  it('keeps the hand-written text around the generated part', () => {
    const [before, rest] = committed.split(GENERATED_START);
    const after = rest.split(GENERATED_END)[1];
    expect(before).toContain('## How the estimate is made');
    expect(after).toContain('## Budget alerts');
    expect(spliceGenerated(committed, 'X')).toBe(
      `${before}${GENERATED_START}\n\nX\n\n${GENERATED_END}${after}`,
    );
  });

  it('has a section for each environment and account', () => {
    const names = [...new Set(stacks.map((s) => s.name.replace(/-(network|data|edge|service)$/, '')))];
    for (const name of names) expect(committed).toMatch(new RegExp(`^### ${name}[ ,]`, 'm'));
  });

  it('refuses a document without the generated markers', () => {
    expect(() => spliceGenerated('# Cost\n', 'X', 'help/cost.md')).toThrow(
      /help\/cost\.md has no generated part: it needs the lines\n<!-- prettier-ignore-start -->\n<!-- generated:start/,
    );
  });

  describe('estimate.ts', () => {
    let work: string;
    beforeAll(() => {
      work = mkdtempSync(path.join(tmpdir(), 'cost-test-'));
    });
    afterAll(() => rmSync(work, { recursive: true, force: true }));

    it('checks a synth output folder against help/cost.md without writing it', () => {
      writeSynthOutput(path.join(work, 'out'), stacks);
      const result = runEstimate([path.join(work, 'out'), '--check']);
      expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
      expect(result.stdout).toMatch(/^help\/cost\.md is up to date \(dev \$[\d,.]+, prod \$/);
      expect(readFileSync(COST_DOC, 'utf8')).toBe(committed);
    }, 30_000);

    it('says what is missing, with no stack trace, and exits 1', () => {
      const result = runEstimate([path.join(work, 'nowhere')]);
      expect(result.status).toBe(1);
      expect(result.stderr).toBe(
        `cost estimate: ${path.join(work, 'nowhere', 'stacks')} does not exist: synthesize first (npm run synth), or name the synth output folder as the first argument\n`,
      );
      expect(result.stdout).toBe('');
    }, 30_000);
  });
});
