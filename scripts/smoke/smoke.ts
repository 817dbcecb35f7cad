/**
 * `npm run --silent smoke -- --url https://<host> [--ws wss://<host>/<path>] [--origin <origin>] [--json]`:
 * after a deploy, says in seconds whether the site is up, secure and answering on WebSockets.
 * Exit 0: no check failed (warnings allowed); 1: a check failed; 2: bad arguments.
 * What each check proves and what to do when it fails: help/smoke.md.
 */
import { HelpRequested, parseSmokeArgs, UsageError, USAGE } from './options';
import { exitCode, formatHuman, formatJson } from './report';
import { runSmoke } from './run';

export { CHECK_IDS } from './checks';
export type { CheckId, CheckResult, CheckStatus } from './checks';
export { parseSmokeArgs, UsageError } from './options';
export type { SmokeOptions } from './options';
export { runSmoke } from './run';
export type { SmokeReport, SmokeSummary } from './run';

/** Runs the command line and resolves with the exit code; output goes to stdout, mistakes to stderr. */
export async function main(argv: readonly string[]): Promise<number> {
  let options;
  try {
    options = parseSmokeArgs(argv);
  } catch (error) {
    if (error instanceof HelpRequested) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`smoke: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  const report = await runSmoke(options);
  process.stdout.write(options.json ? formatJson(report) : formatHuman(report));
  return exitCode(report);
}

/** A deploy pipeline waits on this process: it must end soon after the report, whatever still lingers. */
const EXIT_GRACE_MS = 1000;

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
      setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref();
    },
    (error: unknown) => {
      const detail = process.env.DEBUG ? (error as Error).stack : (error as Error).message;
      process.stderr.write(
        `smoke failed unexpectedly: ${detail}\n${process.env.DEBUG ? '' : '(set DEBUG=1 for the stack trace)\n'}`,
      );
      process.exitCode = 1;
    },
  );
}
