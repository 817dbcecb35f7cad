import { App } from 'cdktf';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LoadedEnvironment, loadEnvironments } from '../../../config/load';
import { buildStacks } from '../../../stacks/app';

/** Every stack of every bundled environment, synthesized once for all the whole-app checks. */
export interface BundledSynth {
  /** The cdktf output folder (`stacks/<stack>/cdk.tf.json`, `manifest.json`). */
  readonly outdir: string;
  /** Its `stacks` folder. */
  readonly stacksDir: string;
  /** The stack names. */
  readonly stacks: readonly string[];
  /** The validated environments the stacks were built from. */
  readonly environments: readonly LoadedEnvironment[];
  /** A stack's synthesized JSON. */
  read(stack: string): Record<string, unknown>;
  /** Deletes the output folder. */
  remove(): void;
}

let synthesized: BundledSynth | undefined;

/** The bundled environments' synth output, made on first call (one synth instead of one per check). */
export function bundledSynth(): BundledSynth {
  if (synthesized) return synthesized;
  const outdir = mkdtempSync(path.join(tmpdir(), 'whole-app-'));
  const environments = loadEnvironments('config/environments');
  const app = new App({ outdir, stackTraces: false });
  buildStacks(app, environments);
  app.synth();
  const stacksDir = path.join(outdir, 'stacks');
  synthesized = {
    outdir,
    stacksDir,
    stacks: readdirSync(stacksDir).sort(),
    environments,
    read: (stack) => JSON.parse(readFileSync(path.join(stacksDir, stack, 'cdk.tf.json'), 'utf8')),
    remove: () => rmSync(outdir, { recursive: true, force: true }),
  };
  return synthesized;
}
