/**
 * `npm run --silent synth-diff -- [--allow-destroy] <base cdktf.out> <head cdktf.out>`
 *
 * Compares two cdktf synth outputs without credentials (so it runs on fork PRs): per stack the
 * resources added, removed and changed, with DANGER first for anything that would destroy or
 * replace a stateful resource. Exit 0 safe (or allowed), 1 unreadable input, 2 danger.
 * Reviewer guide: help/review.md.
 */
import {
  exitCodeFor,
  printAndExit,
  ReviewInputError,
  runTool,
  type ReviewArgs,
  type ToolOutput,
} from './shared';
import { diffSynthOutputs } from './synth/diff-stacks';
import { readSynthOutput } from './synth/read-synth-output';
import { renderSynthDiff } from './synth/render-synth-diff';

const USAGE = `usage: npm run --silent synth-diff -- [--allow-destroy] <base cdktf.out> <head cdktf.out>

  <base cdktf.out>  synth output of the base branch (a folder holding stacks/<stack>/cdk.tf.json)
  <head cdktf.out>  synth output of the pull request
  --allow-destroy   still print DANGER, but exit 0 (the PR's allow-destroy label)

exit: 0 safe, 1 unreadable input, 2 a stateful resource would be destroyed or replaced`;

function compare(args: ReviewArgs): { markdown: string; exitCode: number } {
  if (args.positionals.length !== 2) {
    throw new ReviewInputError(
      `expected 2 folders (base and head), got ${args.positionals.length}\n\n${USAGE}`,
    );
  }
  const [baseDir, headDir] = args.positionals;
  const diff = diffSynthOutputs(readSynthOutput(baseDir, 'base'), readSynthOutput(headDir, 'head'));
  return {
    markdown: renderSynthDiff(diff, baseDir, headDir, args.allowDestroy),
    exitCode: exitCodeFor(diff.dangers, args.allowDestroy),
  };
}

/** Runs the synth diff on command-line arguments; returns what it prints and its exit code. */
export function synthDiff(argv: readonly string[]): ToolOutput {
  return runTool({ name: 'synth-diff', usage: USAGE, run: compare }, argv);
}

if (require.main === module) printAndExit(synthDiff(process.argv.slice(2)));
