/**
 * `npm run --silent plan-summary -- [--allow-destroy] [--stack <name>] <plan.json>...`
 *
 * Summarizes `terraform show -json` plan files as one Markdown PR comment: DANGER first (a stateful
 * resource destroyed or replaced), counts per stack, then the resources by action.
 * Exit 0 safe (or allowed), 1 unreadable input, 2 danger. Reviewer guide: help/review.md.
 */
import {
  exitCodeFor,
  printAndExit,
  ReviewInputError,
  runTool,
  type ReviewArgs,
  type ToolOutput,
} from './shared';
import { readPlanFile, stackNameFromFile } from './plan/read-plan';
import { renderPlanSummary } from './plan/render-plan-summary';
import { summarizePlan, type StackPlanSummary } from './plan/summarize-plan';

const USAGE = `usage: npm run --silent plan-summary -- [--allow-destroy] [--stack <name>] <plan.json>...

  <plan.json>      output of \`terraform show -json plan.bin\`; the stack is the file name
                   without .json / .plan.json (prod-data.json -> prod-data)
  --stack <name>   the stack name, for a single file named otherwise
  --allow-destroy  still print DANGER, but exit 0 (the PR's allow-destroy label)

exit: 0 safe, 1 unreadable input, 2 a stateful resource would be destroyed or replaced`;

function summarizeFiles(args: ReviewArgs): { markdown: string; exitCode: number } {
  const files = args.positionals;
  if (files.length === 0) throw new ReviewInputError(`no plan file given\n\n${USAGE}`);
  if (args.stack !== undefined && files.length > 1) {
    throw new ReviewInputError(
      `--stack names one stack, but ${files.length} files were given; name the files <stack>.json instead`,
    );
  }
  const summaries: StackPlanSummary[] = [];
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    try {
      const stack = args.stack ?? stackNameFromFile(file);
      const earlier = seen.get(stack);
      if (earlier !== undefined) {
        throw new ReviewInputError(`${file}: a second plan for stack ${stack} (the first is ${earlier})`);
      }
      seen.set(stack, file);
      summaries.push(summarizePlan(stack, file, readPlanFile(file)));
    } catch (error) {
      if (!(error instanceof ReviewInputError)) throw error;
      problems.push(error.message);
    }
  }
  // No summary at all when any file is unreadable: a partial one could read as "safe".
  if (problems.length > 0) throw new ReviewInputError(problems.join('\n'));
  const dangers = summaries.flatMap((s) => s.dangers);
  return {
    markdown: renderPlanSummary(summaries, args.allowDestroy),
    exitCode: exitCodeFor(dangers, args.allowDestroy),
  };
}

/** Runs the plan summary on command-line arguments; returns what it prints and its exit code. */
export function planSummary(argv: readonly string[]): ToolOutput {
  return runTool({ name: 'plan-summary', usage: USAGE, acceptsStack: true, run: summarizeFiles }, argv);
}

if (require.main === module) printAndExit(planSummary(process.argv.slice(2)));
