import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { CHECK_IDS } from '../../scripts/smoke/smoke';
import { makeTestCertificates, TestCertificates } from './support/certificates';
import { argsFor, startTestSite, TestSite } from './support/test-site';

const REPO = path.resolve(__dirname, '../..');

interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the CLI in a child process, asynchronously: the test's servers answer it from this process.
 * `npm` goes through package.json's script as an operator would (npm's own start-up, then the
 * types stripped by scripts/ts-register.cjs); `bundle` runs the same sources bundled by esbuild.
 */
function cli(args: string[], via: 'bundle' | 'npm'): Promise<Outcome> {
  const [command, prefix] =
    via === 'npm' ? ['npm', ['run', '--silent', 'smoke', '--']] : [process.execPath, [bundle]];
  return new Promise((resolve) => {
    execFile(command, [...prefix, ...args], { cwd: REPO, timeout: 15_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

/** npm may print its own config warnings on stderr; what is left is the CLI's. */
const withoutNpmNoise = (stderr: string): string =>
  stderr
    .split('\n')
    .filter((line) => !line.startsWith('npm warn'))
    .join('\n');

let buildFolder: string;
let bundle: string;
let certificates: TestCertificates;
let correct: TestSite;
let broken: TestSite;
// The three runs start together, so the suite waits for the slowest only.
let human: Outcome;
let json: Outcome;
let badArguments: Outcome;

beforeAll(async () => {
  buildFolder = mkdtempSync(path.join(tmpdir(), 'smoke-cli-'));
  bundle = path.join(buildFolder, 'smoke.js');
  buildSync({
    entryPoints: [path.join(REPO, 'scripts/smoke/smoke.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    outfile: bundle,
    logLevel: 'warning',
  });
  certificates = await makeTestCertificates();
  [correct, broken] = await Promise.all([
    startTestSite({ certificate: certificates.valid }),
    startTestSite({
      certificate: certificates.valid,
      headers: { 'strict-transport-security': 'max-age=31536000; includeSubDomains' },
    }),
  ]);
  [human, json, badArguments] = await Promise.all([
    cli(argsFor(correct, certificates.caFile), 'bundle'),
    cli([...argsFor(broken, certificates.caFile), '--json'], 'bundle'),
    cli(['--url', 'http://example.com'], 'npm'),
  ]);
}, 20_000);
afterAll(async () => {
  await Promise.all([correct.close(), broken.close()]);
  certificates.cleanup();
  rmSync(buildFolder, { recursive: true, force: true });
});

test('a correct site: one PASS line per check, a summary, exit 0', () => {
  const lines = human.stdout.trimEnd().split('\n');
  expect(lines.slice(0, CHECK_IDS.length).map((line) => line.split(/\s+/).slice(0, 2))).toEqual(
    CHECK_IDS.map((id) => ['PASS', id]),
  );
  expect(lines.at(-1)).toMatch(
    new RegExp(
      `^smoke ${correct.url.replace(/\./g, '\\.')}: ${CHECK_IDS.length} passed, 0 warned, 0 failed in `,
    ),
  );
  expect(human.stderr).toBe('');
  expect(human.code).toBe(0);
});

test('a broken site with --json: {checks, summary} naming the failing check, exit 1', () => {
  const report = JSON.parse(json.stdout) as {
    checks: { id: string; status: string; detail: string }[];
    summary: Record<string, unknown>;
  };
  expect(report.checks.map((check) => check.id)).toEqual([...CHECK_IDS]);
  expect(report.checks.filter((check) => check.status !== 'pass')).toEqual([
    { id: 'hsts', status: 'fail', detail: "no preload in 'max-age=31536000; includeSubDomains'" },
  ]);
  expect(report.summary).toMatchObject({ url: broken.url, ok: false, pass: 12, warn: 0, fail: 1, skip: 0 });
  expect(json.code).toBe(1);
});

test('bad arguments through npm run: exit 2, what is wrong and the usage on stderr, no stack trace', () => {
  const message = withoutNpmNoise(badArguments.stderr);
  expect(message).toMatch(/^smoke: --url: 'http:\/\/example\.com' must start with https:\/\/\. Hint: /);
  expect(message).toContain('Usage: npm run --silent smoke -- --url https://<host>');
  expect(message).not.toMatch(/^\s+at /m);
  expect(badArguments.stdout).toBe('');
  expect(badArguments.code).toBe(2);
});
