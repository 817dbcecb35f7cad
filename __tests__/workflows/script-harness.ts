import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** The repository root. */
export const ROOT = path.resolve(__dirname, '..', '..');

/** The command-line tools the workflow scripts call; each is replaced by a fake in {@link runScript}. */
export const FAKED_TOOLS = ['terraform', 'aws', 'gh', 'npm'] as const;

/** Options of {@link runScript}. */
export interface ScriptRun {
  /** Arguments after the script. */
  readonly args: string[];
  /**
   * Bash bodies of the fake tools, by name, run with the tool's arguments in `$@`. `$FAKE_DIR` is a
   * scratch folder for state between calls. A tool without a body fails the run if called (exit 99).
   */
  readonly fakes?: Partial<Record<(typeof FAKED_TOOLS)[number], string>>;
  /** Stacks to synthesize in the scratch checkout, as cdktf.out/stacks/<stack>/cdk.tf.json. @default none */
  readonly stacks?: string[];
  /** Files to write in the scratch checkout, by relative path. @default none */
  readonly files?: Record<string, string>;
  /** Extra environment variables. @default none */
  readonly env?: Record<string, string>;
  /** Files of the scratch checkout to read back after the run, by relative path. @default none */
  readonly collect?: string[];
}

/** What a script run did. */
export interface ScriptResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Every fake tool call, as `<tool> <arguments joined by spaces>`, in order. */
  readonly calls: string[];
  /** The step outputs it wrote to `$GITHUB_OUTPUT`. */
  readonly outputs: Record<string, string>;
  /** What it wrote to `$GITHUB_STEP_SUMMARY`. */
  readonly summary: string;
  /** The collected files that exist after the run, by relative path. */
  readonly files: Record<string, string>;
}

/**
 * Runs `.github/scripts/<script>` with bash in a scratch checkout, with fake terraform, aws, gh
 * and npm first on PATH, so nothing reaches a cloud, GitHub or a registry.
 */
export function runScript(script: string, run: ScriptRun): ScriptResult {
  const scratch = mkdtempSync(path.join(tmpdir(), 'workflow-script-'));
  try {
    const bin = path.join(scratch, 'bin');
    const cwd = path.join(scratch, 'checkout');
    const fakeDir = path.join(scratch, 'state');
    for (const dir of [bin, cwd, fakeDir]) mkdirSync(dir, { recursive: true });
    const callsFile = path.join(scratch, 'calls');
    const outputFile = path.join(scratch, 'output');
    const summaryFile = path.join(scratch, 'summary');
    for (const file of [callsFile, outputFile, summaryFile]) writeFileSync(file, '');

    for (const tool of FAKED_TOOLS) {
      const body = run.fakes?.[tool] ?? `echo "unexpected call: ${tool} $*" >&2; exit 99`;
      const fake = path.join(bin, tool);
      writeFileSync(fake, `#!/usr/bin/env bash\nprintf '%s\\n' "${tool} $*" >>"$FAKE_CALLS"\n${body}\n`);
      chmodSync(fake, 0o755);
    }
    for (const stack of run.stacks ?? []) {
      writeFile(cwd, `cdktf.out/stacks/${stack}/cdk.tf.json`, '{}');
    }
    for (const [file, text] of Object.entries(run.files ?? {})) writeFile(cwd, file, text);

    const result = spawnSync('bash', [path.join(ROOT, '.github', 'scripts', script), ...run.args], {
      cwd,
      encoding: 'utf8',
      timeout: 20_000,
      env: {
        PATH: `${bin}:/usr/local/bin:/usr/bin:/bin`,
        HOME: scratch,
        FAKE_DIR: fakeDir,
        FAKE_CALLS: callsFile,
        GITHUB_OUTPUT: outputFile,
        GITHUB_STEP_SUMMARY: summaryFile,
        GITHUB_REPOSITORY: 'example-org/platform-infra',
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_RUN_ID: '1234',
        RUNNER_TEMP: path.join(scratch, 'runner-temp'),
        ...run.env,
      },
    });
    return {
      status: result.status,
      stdout: result.stdout,
      stderr: result.stderr,
      calls: readLines(callsFile),
      outputs: Object.fromEntries(
        readLines(outputFile).map((line) => [
          line.slice(0, line.indexOf('=')),
          line.slice(line.indexOf('=') + 1),
        ]),
      ),
      summary: readFileSync(summaryFile, 'utf8'),
      files: Object.fromEntries(
        (run.collect ?? [])
          .filter((file) => existsSync(path.join(cwd, file)))
          .map((file) => [file, readFileSync(path.join(cwd, file), 'utf8')]),
      ),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** A fake body that answers each call with the first matching `[pattern, bash]` case of its arguments, else fails. */
export function answers(cases: [pattern: string, bash: string][]): string {
  const arms = cases.map(([pattern, bash]) => `  ${pattern}) ${bash} ;;`).join('\n');
  return `case "$*" in\n${arms}\n  *) echo "unexpected call: $*" >&2; exit 99 ;;\nesac`;
}

/** Bash that prints its arguments one per call in turn (the last one again once they run out). */
export function inTurn(name: string, replies: string[]): string {
  const file = `"$FAKE_DIR/${name}"`;
  const arms = replies.map((reply, i) => `${i}) echo '${reply}' ;;`).join(' ');
  return `n=$(cat ${file} 2>/dev/null || echo 0); echo $((n + 1)) >${file}; case $n in ${arms} *) echo '${replies[replies.length - 1]}' ;; esac`;
}

function writeFile(root: string, relative: string, text: string): void {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function readLines(file: string): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0);
}
