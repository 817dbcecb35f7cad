import { TerraformStack, Tokenization } from 'cdktf';
import { fastResolve, ResolveOptions } from './fast-resolve';

/*
 * Five pieces of cdktf's synth do work this app never uses, or repeats needlessly; together they
 * were most of synth time (help/performance.md has the profile):
 *
 * 1. Token creation stack traces. cdktf captures a full JavaScript stack trace for every token it
 *    creates (every `vpc.id`), only to print it if that token later fails to resolve.
 * 2. The "preparing" resolve pass. Before writing a stack, cdktf resolves every element once just
 *    to find cross-stack references (a resource of one stack used directly in another) and turn
 *    them into outputs and remote state. This app never does that: stacks link only through
 *    their typed contracts (lib/state), and a test proves there is no cross-stack reference and
 *    that the output is byte-identical with and without fast synth.
 * 3. The final resolve of the whole stack document. cdktf resolves each element, merges the
 *    results, then resolves the merged document again, which only matters for stack-level raw
 *    overrides (`stack.addOverride`); stacks that have some keep cdktf's full path.
 * 4. Per-value bookkeeping in cdktf's token resolver (a path string, a path copy, a context with
 *    closures for every key, string and number it visits): stacks/fast-resolve.ts resolves the
 *    same way without it.
 * 5. Snake-casing the same few meta-argument keys (`dependsOn`, `lifecycle`, ...) of every element
 *    with three regular expressions each time: `keysToSnakeCaseMemoized` remembers each key's result.
 *
 * cdktf 0.21 is its last release, so what is replaced here is frozen and cannot drift.
 * Only the app (main.ts) turns this on; the construct library never does.
 */

/** The private cdktf module whose `captureStackTrace` every token calls (a mutable CommonJS export). */
interface StackTraceModule {
  captureStackTrace: () => string[];
}
// A CommonJS require, not an import: an import's namespace object would be a read-only copy.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const stackTraceModule = require('cdktf/lib/tokens/private/stack-trace') as StackTraceModule;

/** The private cdktf module whose `resolve` the stack calls on each element and on the whole document. */
interface TokensModule {
  resolve: (scope: unknown, obj: unknown, preparing?: boolean) => unknown;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tokensModule = require('cdktf/lib/_tokens') as TokensModule;

/** The private cdktf module whose `resolve` every resolution goes through (`Tokenization.resolve` calls it). */
interface ResolveModule {
  resolve: (obj: unknown, options: ResolveOptions) => unknown;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const resolveModule = require('cdktf/lib/tokens/private/resolve') as ResolveModule;

/** The private cdktf module whose `keysToSnakeCase` every element's `toTerraform` calls. */
interface UtilModule {
  keysToSnakeCase: (object: unknown) => unknown;
  snakeCase: (str: string) => string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const utilModule = require('cdktf/lib/util') as UtilModule;

const original = {
  keysToSnakeCase: utilModule.keysToSnakeCase,
  captureStackTrace: stackTraceModule.captureStackTrace,
  resolve: resolveModule.resolve,
  prepareStack: TerraformStack.prototype.prepareStack,
  toTerraform: TerraformStack.prototype.toTerraform,
};

const snakeCases = new Map<string, string>();
/** cdktf's `snakeCase`, remembered: a pure function of the key, and elements share a few keys. */
function snakeCaseMemoized(key: string): string {
  let snake = snakeCases.get(key);
  if (snake === undefined) snakeCases.set(key, (snake = utilModule.snakeCase(key)));
  return snake;
}

/** cdktf's `keysToSnakeCase` (cdktf/lib/util.js), line for line, with `snakeCaseMemoized`. */
function keysToSnakeCaseMemoized(object: unknown): unknown {
  if (Tokenization.isResolvable(object)) return object;
  if (Array.isArray(object))
    return object.map((e) => (typeof e === 'object' ? keysToSnakeCaseMemoized(e) : e));
  const record = object as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    if (key === 'tags' || key === 'environment') {
      result[key] = record[key];
      continue;
    }
    let value = record[key];
    if (typeof value === 'object') value = keysToSnakeCaseMemoized(value);
    if (Array.isArray(value))
      value = value.map((e) => (typeof e === 'object' ? keysToSnakeCaseMemoized(e) : e));
    result[snakeCaseMemoized(key)] = value;
  }
  return result;
}

/** `toTerraform` without the final whole-document resolve, when the stack has no raw overrides. */
function toTerraformResolvingElementsOnly(this: TerraformStack): unknown {
  const overrides = (this as unknown as { rawOverrides: object }).rawOverrides;
  if (Object.keys(overrides).length > 0) return original.toTerraform.call(this);
  const resolve = tokensModule.resolve;
  // The stack document is the only object resolved here with a top-level "//" (its metadata).
  tokensModule.resolve = (scope, obj, preparing) =>
    obj !== null && typeof obj === 'object' && '//' in obj ? obj : resolve(scope, obj, preparing);
  try {
    return original.toTerraform.call(this);
  } finally {
    tokensModule.resolve = resolve;
  }
}

/** Turns fast synth on for every stack of the process (see the comment at the top of this file). */
export function enableFastSynth(): void {
  stackTraceModule.captureStackTrace = () => [];
  resolveModule.resolve = fastResolve;
  utilModule.keysToSnakeCase = keysToSnakeCaseMemoized;
  TerraformStack.prototype.prepareStack = function prepareWithoutCrossStackScan(this: TerraformStack) {
    this.ensureBackendExists();
  };
  TerraformStack.prototype.toTerraform = toTerraformResolvingElementsOnly;
}

/** Restores cdktf's own behaviour (for tests that compare both, and for `DEBUG` runs). */
export function disableFastSynth(): void {
  stackTraceModule.captureStackTrace = original.captureStackTrace;
  resolveModule.resolve = original.resolve;
  utilModule.keysToSnakeCase = original.keysToSnakeCase;
  TerraformStack.prototype.prepareStack = original.prepareStack;
  TerraformStack.prototype.toTerraform = original.toTerraform;
}
