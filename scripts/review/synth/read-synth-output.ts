/**
 * Reads a cdktf synth output folder (`<dir>/stacks/<stack>/cdk.tf.json`) into what the synth diff
 * compares: per stack its resources by address, its `moved` and `removed` blocks and its backend.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { ReviewInputError } from '../shared';
import { METADATA_KEY } from './value-diff';

/** One resource block of a synthesized stack. */
export interface SynthResource {
  /** `type.name`, the Terraform address. */
  readonly address: string;
  /** Resource type, e.g. `aws_db_instance`. */
  readonly type: string;
  /** The arguments (with cdktf metadata still under `//`). */
  readonly body: Readonly<Record<string, unknown>>;
  /** The construct path cdktf recorded, e.g. `prod-data/database/instance`, when present. */
  readonly constructPath?: string;
}

/** A `moved` block: Terraform treats `from` as now living at `to`. */
export interface MovedBlock {
  /** Old address. */
  readonly from: string;
  /** New address. */
  readonly to: string;
}

/** One synthesized stack. */
export interface SynthStack {
  /** Stack name (its folder). */
  readonly name: string;
  /** Resources by address. */
  readonly resources: ReadonlyMap<string, SynthResource>;
  /** `moved` blocks. */
  readonly moved: readonly MovedBlock[];
  /** Addresses of `removed` blocks with `lifecycle { destroy = false }`: forgotten, not destroyed. */
  readonly forgotten: ReadonlySet<string>;
  /** The `terraform.backend` block, where the state lives. */
  readonly backend: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Terraform JSON allows a block to be one object or a list of them. */
function asList(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}

function constructPathOf(body: Record<string, unknown>): string | undefined {
  const metadata = body[METADATA_KEY];
  const inner = isObject(metadata) ? metadata.metadata : undefined;
  return isObject(inner) && typeof inner.path === 'string' ? inner.path : undefined;
}

function readStackJson(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ReviewInputError(`${file}: cannot read: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ReviewInputError(
      `${file}: not JSON (${(error as Error).message})\n  hint: synthesize again with \`npm run synth\``,
    );
  }
  if (!isObject(json))
    throw new ReviewInputError(`${file}: not a synthesized stack (the top level is not an object)`);
  return json;
}

function parseStack(name: string, file: string): SynthStack {
  const json = readStackJson(file);
  const resources = new Map<string, SynthResource>();
  const byType = json.resource === undefined ? {} : json.resource;
  if (!isObject(byType)) throw new ReviewInputError(`${file}: "resource" is not an object`);
  for (const [type, byName] of Object.entries(byType)) {
    if (!isObject(byName)) throw new ReviewInputError(`${file}: resource.${type} is not an object`);
    for (const [resourceName, body] of Object.entries(byName)) {
      if (!isObject(body))
        throw new ReviewInputError(`${file}: resource.${type}.${resourceName} is not an object`);
      const address = `${type}.${resourceName}`;
      const constructPath = constructPathOf(body);
      resources.set(address, { address, type, body, ...(constructPath ? { constructPath } : {}) });
    }
  }
  const moved = asList(json.moved)
    .filter((block) => typeof block.from === 'string' && typeof block.to === 'string')
    .map((block) => ({ from: block.from as string, to: block.to as string }));
  const forgotten = new Set(
    asList(json.removed)
      .filter(
        (block) => typeof block.from === 'string' && asList(block.lifecycle).some((l) => l.destroy === false),
      )
      .map((block) => block.from as string),
  );
  const terraform = isObject(json.terraform) ? json.terraform : {};
  return { name, resources, moved, forgotten, backend: terraform.backend };
}

/**
 * Reads every stack of a synth output folder. `role` (`base` or `head`) names the argument in
 * messages. Throws {@link ReviewInputError} when the folder is not a synth output.
 */
export function readSynthOutput(dir: string, role: string): Map<string, SynthStack> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new ReviewInputError(
      `${role} ${dir}: no such folder\n  hint: pass a cdktf output folder, e.g. cdktf.out`,
    );
  }
  const stacksDir = path.join(dir, 'stacks');
  if (!existsSync(stacksDir)) {
    const inside =
      path.basename(dir) === 'stacks' ? ' (this looks like its stacks/ folder: pass its parent)' : '';
    throw new ReviewInputError(
      `${role} ${dir}: no stacks/ folder, so not a cdktf output${inside}\n  hint: run \`npm run synth\` (or \`CDKTF_OUTDIR=<dir> npx ts-node --transpile-only main.ts\`) first`,
    );
  }
  const stacks = new Map<string, SynthStack>();
  for (const entry of readdirSync(stacksDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const file = path.join(stacksDir, entry.name, 'cdk.tf.json');
    if (!existsSync(file)) {
      throw new ReviewInputError(
        `${role} ${file}: missing; the stack folder ${entry.name} has no cdk.tf.json`,
      );
    }
    stacks.set(entry.name, parseStack(entry.name, file));
  }
  return stacks;
}
