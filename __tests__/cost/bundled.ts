import { Testing, TerraformStack } from 'cdktf';
import { DEFAULT_CONFIG_DIR, loadEnvironments } from '../../config/load';
import { StackJson, SynthStack } from '../../scripts/cost/synth-output';
import { buildStacks } from '../../stacks/app';
import { disableFastSynth, enableFastSynth } from '../../stacks/fast-synth';

/**
 * Every stack of the bundled environments, synthesized in-process the way `npm run synth` writes
 * them (with the app's fast synth, whose output is byte-identical), in about a second.
 */
export function synthBundledStacks(): SynthStack[] {
  enableFastSynth();
  try {
    const app = Testing.app();
    buildStacks(app, loadEnvironments(DEFAULT_CONFIG_DIR));
    return app.node.children
      .filter((child): child is TerraformStack => child instanceof TerraformStack)
      .map((stack) => ({ name: stack.node.id, json: JSON.parse(Testing.synth(stack)) as StackJson }));
  } finally {
    disableFastSynth();
  }
}
