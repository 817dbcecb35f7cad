import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { LAYERS } from '../../stacks/environment-stack';

/** A resource's arguments in synthesized Terraform JSON. */
export type TfArguments = Record<string, unknown>;

/** The parts of a synthesized stack (cdk.tf.json) the estimate reads. */
export interface StackJson {
  provider?: { aws?: { region?: string; alias?: string }[] };
  resource?: Record<string, Record<string, TfArguments>>;
}

/** One synthesized stack. */
export interface SynthStack {
  /** The stack id, e.g. `prod-network`. */
  readonly name: string;
  /** Its cdk.tf.json. */
  readonly json: StackJson;
}

/** The stacks priced together: an environment's layers, or one account-level stack. */
export interface StackGroup {
  /** The environment (`prod`) or, for an account-level stack, the stack (`bootstrap-prod`). */
  readonly name: string;
  /** Account-level stacks (bootstrap) serve every environment of their account. */
  readonly accountLevel: boolean;
  /** Region of the default AWS provider, which the prices are taken for. */
  readonly region: string;
  /** The stacks, by name. */
  readonly stacks: readonly SynthStack[];
}

/** A problem with the input, reported without a stack trace. */
export class EstimateError extends Error {}

const LAYER_SUFFIX = new RegExp(`^(.+)-(${LAYERS.join('|')})$`);

/** Reads every `stacks/<name>/cdk.tf.json` of a synth output folder, sorted by stack name. */
export function readSynthOutput(outdir: string): SynthStack[] {
  const stacksDir = path.join(outdir, 'stacks');
  if (!existsSync(stacksDir)) {
    throw new EstimateError(
      `${stacksDir} does not exist: synthesize first (npm run synth), or name the synth output folder as the first argument`,
    );
  }
  const names = readdirSync(stacksDir)
    .filter((name) => existsSync(path.join(stacksDir, name, 'cdk.tf.json')))
    .sort();
  if (names.length === 0) throw new EstimateError(`${stacksDir} has no stack (no */cdk.tf.json)`);
  return names.map((name) => {
    const file = path.join(stacksDir, name, 'cdk.tf.json');
    try {
      return { name, json: JSON.parse(readFileSync(file, 'utf8')) as StackJson };
    } catch (error) {
      throw new EstimateError(`${file} is not valid JSON (${(error as Error).message}): synthesize again`);
    }
  });
}

/**
 * Groups stacks by environment (`<env>-<layer>`); any other stack (bootstrap) is a group of its own.
 * Groups come sorted: environments by name, then account-level stacks by name; stacks by name.
 */
export function groupStacks(stacks: readonly SynthStack[]): StackGroup[] {
  const groups = new Map<string, { accountLevel: boolean; stacks: SynthStack[] }>();
  // Sorted by name, so the estimate does not depend on the order the stacks come in.
  for (const stack of [...stacks].sort((a, b) => a.name.localeCompare(b.name, 'en'))) {
    const env = LAYER_SUFFIX.exec(stack.name)?.[1];
    const key = env ?? stack.name;
    const group = groups.get(key) ?? { accountLevel: env === undefined, stacks: [] };
    group.stacks.push(stack);
    groups.set(key, group);
  }
  return [...groups]
    .map(([name, group]) => ({ name, ...group, region: regionOf(name, group.stacks) }))
    .sort((a, b) => Number(a.accountLevel) - Number(b.accountLevel) || a.name.localeCompare(b.name, 'en'));
}

/** The region of the stacks' default (unaliased) AWS provider; all stacks of a group must agree. */
function regionOf(group: string, stacks: readonly SynthStack[]): string {
  const regions = new Set(
    stacks.map((stack) => stack.json.provider?.aws?.find((p) => p.alias === undefined)?.region),
  );
  const [region] = regions;
  if (regions.size !== 1 || region === undefined) {
    throw new EstimateError(
      `${group}: its stacks ${stacks.map((s) => s.name).join(', ')} do not share one AWS provider region (${[...regions].join(', ')}); the estimate prices one region per environment`,
    );
  }
  return region;
}
