/**
 * Command-line plumbing shared by the review tools: arguments, and turning a result or a problem
 * into stdout, stderr and an exit code. A tool runs in-process (tests) or as a script (CI).
 */
import { parseArgs } from 'node:util';
import { EXIT_UNREADABLE } from './verdict';

/** A problem with the input the user can fix: printed as is, without a stack trace, exit 1. */
export class ReviewInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReviewInputError';
  }
}

/** The parsed command line of a review tool. */
export interface ReviewArgs {
  /** File or folder arguments, in order. */
  readonly positionals: string[];
  /** `--allow-destroy`: report DANGER but exit 0. */
  readonly allowDestroy: boolean;
  /** `--stack <name>`, when the tool accepts it. */
  readonly stack?: string;
  /** `--help` / `-h`. */
  readonly help: boolean;
}

/** What a tool run produced. */
export interface ToolOutput {
  /** The Markdown report (empty when the input could not be read). */
  readonly stdout: string;
  /** Problems, for the person running it. */
  readonly stderr: string;
  /** 0 safe, 1 unreadable input, 2 danger. */
  readonly exitCode: number;
}

/** How a tool describes itself and what its body returns. */
export interface ToolSpec {
  /** Command name, e.g. `plan-summary`. */
  readonly name: string;
  /** Usage text, printed for `--help` and after argument errors. */
  readonly usage: string;
  /** Whether `--stack <name>` is accepted. @default false */
  readonly acceptsStack?: boolean;
  /** Reads the input and renders the report; throws {@link ReviewInputError} for bad input. */
  readonly run: (args: ReviewArgs) => { markdown: string; exitCode: number };
}

function parseReviewArgs(argv: readonly string[], spec: ToolSpec): ReviewArgs {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        'allow-destroy': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        ...(spec.acceptsStack ? { stack: { type: 'string' as const } } : {}),
      },
    });
    const stack = (values as { stack?: string }).stack;
    return {
      positionals,
      allowDestroy: Boolean(values['allow-destroy']),
      help: Boolean(values.help),
      ...(stack === undefined ? {} : { stack }),
    };
  } catch (error) {
    // node:util parseArgs says what is wrong ("Unknown option '--x'"); add how to use the tool.
    throw new ReviewInputError(`${(error as Error).message}\n\n${spec.usage}`);
  }
}

/** Runs a tool on `argv` and collects what it would print; never throws. */
export function runTool(spec: ToolSpec, argv: readonly string[]): ToolOutput {
  try {
    const args = parseReviewArgs(argv, spec);
    if (args.help) return { stdout: `${spec.usage}\n`, stderr: '', exitCode: 0 };
    const { markdown, exitCode } = spec.run(args);
    return { stdout: markdown, stderr: '', exitCode };
  } catch (error) {
    if (error instanceof ReviewInputError) {
      return { stdout: '', stderr: `${spec.name}: ${error.message}\n`, exitCode: EXIT_UNREADABLE };
    }
    // A bug, not a user mistake: still no stack trace unless asked for.
    const detail = process.env.DEBUG ? (error as Error).stack : (error as Error).message;
    const hint = process.env.DEBUG ? '' : ' (set DEBUG=1 for the stack trace)';
    return { stdout: '', stderr: `${spec.name} failed: ${detail}${hint}\n`, exitCode: EXIT_UNREADABLE };
  }
}

/** Prints a run's output and sets the process exit code. */
export function printAndExit(output: ToolOutput): void {
  process.stdout.write(output.stdout);
  process.stderr.write(output.stderr);
  process.exitCode = output.exitCode;
}
