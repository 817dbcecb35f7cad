import { TerraformStack } from 'cdktf';

/*
 * Two pieces of cdktf's synth do work this app never uses, and together they are about half of
 * synth time (help/performance.md has the profile):
 *
 * 1. Token creation stack traces. cdktf captures a full JavaScript stack trace for every token it
 *    creates (every `vpc.id`), only to print it if that token later fails to resolve.
 * 2. The "preparing" resolve pass. Before writing a stack, cdktf resolves every element once just
 *    to find cross-stack references (a resource of one stack used directly in another) and turn
 *    them into outputs and remote state. This app never does that: stacks link only through
 *    their typed contracts (lib/state), and a test proves there is no cross-stack reference and
 *    that the output is byte-identical with and without fast synth.
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

const original = {
  captureStackTrace: stackTraceModule.captureStackTrace,
  prepareStack: TerraformStack.prototype.prepareStack,
};

/** Turns fast synth on for every stack of the process (see the comment at the top of this file). */
export function enableFastSynth(): void {
  stackTraceModule.captureStackTrace = () => [];
  TerraformStack.prototype.prepareStack = function prepareWithoutCrossStackScan(this: TerraformStack) {
    this.ensureBackendExists();
  };
}

/** Restores cdktf's own behaviour (for tests that compare both, and for `DEBUG` runs). */
export function disableFastSynth(): void {
  stackTraceModule.captureStackTrace = original.captureStackTrace;
  TerraformStack.prototype.prepareStack = original.prepareStack;
}
