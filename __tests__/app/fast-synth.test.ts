import { App, TerraformStack } from 'cdktf';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadEnvironments } from '../../config/load';
import { buildStacks } from '../../stacks/app';
import { disableFastSynth, enableFastSynth } from '../../stacks/fast-synth';

const environments = loadEnvironments('config/environments');

/** Synthesizes every bundled stack into a fresh folder; returns stack name -> cdk.tf.json text. */
function synthAll(fast: boolean): Map<string, string> {
  const outdir = mkdtempSync(path.join(tmpdir(), 'fast-synth-'));
  try {
    if (fast) enableFastSynth();
    const app = new App({ outdir, stackTraces: false });
    buildStacks(app, environments);
    app.synth();
    const stacksDir = path.join(outdir, 'stacks');
    return new Map(
      readdirSync(stacksDir).map((stack) => [
        stack,
        readFileSync(path.join(stacksDir, stack, 'cdk.tf.json'), 'utf8'),
      ]),
    );
  } finally {
    disableFastSynth();
    rmSync(outdir, { recursive: true, force: true });
  }
}

describe('fast synth', () => {
  afterAll(disableFastSynth);

  const normal = synthAll(false);
  const fast = synthAll(true);

  it('writes byte-identical Terraform for every bundled stack', () => {
    expect([...fast.keys()].sort()).toEqual([...normal.keys()].sort());
    for (const [stack, json] of normal) expect(fast.get(stack)).toBe(json);
  });

  it('is safe because no stack references another stack directly (cdktf would add cross-stack outputs)', () => {
    for (const [stack, json] of normal) {
      const doc = JSON.parse(json) as { output?: object; data?: { terraform_remote_state?: object } };
      const outputs = Object.keys(doc.output ?? {});
      const remoteStates = Object.keys(doc.data?.terraform_remote_state ?? {});
      expect({
        stack,
        crossStack: [...outputs, ...remoteStates].filter((n) => n.startsWith('cross-stack')),
      }).toEqual({
        stack,
        crossStack: [],
      });
    }
  });

  it('skips the cross-stack scan, the token stack traces and the final resolve, and can be undone', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const traces = require('cdktf/lib/tokens/private/stack-trace') as { captureStackTrace: () => string[] };
    const cdktfPrepare = TerraformStack.prototype.prepareStack;
    const cdktfToTerraform = TerraformStack.prototype.toTerraform;
    enableFastSynth();
    expect(traces.captureStackTrace()).toEqual([]);
    expect(TerraformStack.prototype.prepareStack).not.toBe(cdktfPrepare);
    expect(TerraformStack.prototype.toTerraform).not.toBe(cdktfToTerraform);
    disableFastSynth();
    expect(traces.captureStackTrace().length).toBeGreaterThan(0);
    expect(TerraformStack.prototype.prepareStack).toBe(cdktfPrepare);
    expect(TerraformStack.prototype.toTerraform).toBe(cdktfToTerraform);
  });
});
