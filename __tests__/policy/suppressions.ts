import { App } from 'cdktf';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { loadEnvironments } from '../../config/load';
import { buildStacks } from '../../stacks/app';

/** The reviewed suppression file the policy gate (`.ci/checkov`) reads. */
export const SUPPRESSIONS_FILE = '.ci/checkov-suppressions.yaml';

/** One entry of the suppression file, as written (unchecked). */
export interface SuppressionEntry {
  readonly check?: unknown;
  readonly stacks?: unknown;
  readonly resources?: unknown;
  readonly reason?: unknown;
}

/** Reads the entries of a suppression file (`suppressions:` list); `[]` for a file without one. */
export function readSuppressions(file = SUPPRESSIONS_FILE): SuppressionEntry[] {
  const document = parse(readFileSync(file, 'utf8')) as { suppressions?: SuppressionEntry[] } | null;
  return document?.suppressions ?? [];
}

/**
 * Whether a stack name matches a pattern of an entry's `stacks`: `*` matches any characters, the
 * rest literally, the whole name (the same rule as the gate's Python).
 */
export function stackMatches(pattern: string, stack: string): boolean {
  const literal = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${literal.join('.*')}$`).test(stack);
}

/**
 * Synthesizes every stack of every bundled environment into a temporary folder and returns, per
 * stack, the address of each resource the gate prints: `<type>.<construct path inside the stack>`.
 */
export function synthesizedAddresses(): Map<string, Set<string>> {
  const outdir = mkdtempSync(path.join(tmpdir(), 'policy-'));
  try {
    const app = new App({ outdir, stackTraces: false });
    buildStacks(app, loadEnvironments('config/environments'));
    app.synth();
    const stacksDir = path.join(outdir, 'stacks');
    const byStack = new Map<string, Set<string>>();
    for (const stack of readdirSync(stacksDir)) {
      const json = JSON.parse(readFileSync(path.join(stacksDir, stack, 'cdk.tf.json'), 'utf8')) as {
        resource?: Record<string, Record<string, { '//'?: { metadata?: { path?: string } } }>>;
      };
      const addresses = new Set<string>();
      for (const [type, byName] of Object.entries(json.resource ?? {})) {
        for (const [name, body] of Object.entries(byName)) {
          const constructPath = body['//']?.metadata?.path ?? name;
          // The path starts with the stack's name: the address is what follows it.
          addresses.add(`${type}.${constructPath.slice(constructPath.indexOf('/') + 1)}`);
        }
      }
      byStack.set(stack, addresses);
    }
    return byStack;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
