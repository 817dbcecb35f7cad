import { answers, runScript } from './script-harness';

const REPORT = '<!-- plan-summary -->\n## Plan summary\n\n**DANGER**: aws_db_instance.primary is replaced\n';
const COMMENTS = 'repos/example-org/platform-infra/issues/42/comments';

/** gh answering the label and comment lookups; `labels` and `existing` (a comment id, or '') vary. */
function gh(labels: string[], existing: string): string {
  return answers([
    [
      '"api repos/example-org/platform-infra/pulls/42 "*',
      `printf '%s\\n' ${labels.map((l) => `'${l}'`).join(' ')}`,
    ],
    [`"api --paginate ${COMMENTS}?per_page=100 "*`, existing ? `echo ${existing}` : ':'],
    ['"api --method "*', 'echo https://github.com/example-org/platform-infra/pull/42#issuecomment-1'],
  ]);
}

/** npm printing the report and exiting `code`. */
const npm = (code: number) => `cat <<'REPORT'\n${REPORT}REPORT\nexit ${code}`;

function review(code: number, labels: string[], existing = '', env: Record<string, string> = {}) {
  return runScript('review.sh', {
    args: ['plan-summary', 'plans/dev-data.json', 'plans/dev-network.json'],
    fakes: { gh: gh(labels, existing), npm: npm(code) },
    env: { PR_NUMBER: '42', ...env },
  });
}

describe('review.sh', () => {
  it('passes a safe report, posting it once as a new comment and in the job summary', () => {
    const run = review(0, []);

    expect(run.status).toBe(0);
    expect(run.calls).toContain(
      'npm run --silent plan-summary -- plans/dev-data.json plans/dev-network.json',
    );
    expect(run.calls.filter((call) => call.startsWith('gh api --method'))).toEqual([
      expect.stringMatching(new RegExp(`^gh api --method POST ${COMMENTS} -F body=@`)),
    ]);
    expect(run.summary).toBe(REPORT);
  });

  it('updates the comment it posted before instead of adding one', () => {
    const run = review(0, [], '987654');

    expect(run.calls.filter((call) => call.startsWith('gh api --method'))).toEqual([
      expect.stringMatching(
        /^gh api --method PATCH repos\/example-org\/platform-infra\/issues\/comments\/987654 -F body=@/,
      ),
    ]);
  });

  it('finds the comment by its marker, among those of the workflow bot only', () => {
    const run = review(0, []);
    const lookup = run.calls.find((call) => call.startsWith('gh api --paginate'));

    expect(lookup).toContain(
      'select(.user.login == "github-actions[bot]" and (.body | startswith("<!-- plan-summary -->")))',
    );
  });

  it('fails on DANGER without the allow-destroy label, after posting the report', () => {
    const run = review(2, ['infra']);

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('plan-summary found DANGER');
    expect(run.stderr).toContain('add the allow-destroy label');
    expect(run.calls.some((call) => call.startsWith('gh api --method POST'))).toBe(true);
  });

  it('passes --allow-destroy when the pull request has the label, read when the job runs', () => {
    const run = review(0, ['infra', 'allow-destroy']);

    expect(run.status).toBe(0);
    expect(run.calls).toContain(
      'npm run --silent plan-summary -- plans/dev-data.json plans/dev-network.json --allow-destroy',
    );
  });

  it('for a fork, writes the report to the job summary only', () => {
    const run = review(0, [], '', { PR_IS_FORK: 'true' });

    expect(run.status).toBe(0);
    expect(run.summary).toBe(REPORT);
    expect(
      run.calls.some((call) => call.startsWith('gh api --method') || call.startsWith('gh api --paginate')),
    ).toBe(false);
    expect(run.stdout).toContain('Pull request from a fork');
  });

  it('fails on unreadable input (exit 1) without commenting', () => {
    const run = review(1, []);

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('plan-summary could not read its input (exit 1)');
    expect(run.calls.some((call) => call.startsWith('gh api --method'))).toBe(false);
  });

  it('refuses another tool', () => {
    const run = runScript('review.sh', {
      args: ['smoke', '--url', 'https://example.com'],
      env: { PR_NUMBER: '42' },
    });

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('usage: review.sh plan-summary|synth-diff');
  });
});

describe('pr-comment.sh', () => {
  it('refuses a report without a marker line', () => {
    const run = runScript('pr-comment.sh', {
      args: ['report.md'],
      files: { 'report.md': '## Plan summary\n' },
      env: { PR_NUMBER: '42' },
    });

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('is not a marker like <!-- plan-summary -->');
    expect(run.calls).toEqual([]);
  });

  it('cuts a report longer than a GitHub comment, linking the run', () => {
    const long = `<!-- synth-diff -->\n${'x'.repeat(70_000)}\n`;
    const fakeGh = answers([
      ['"api --paginate "*', ':'],
      [
        '"api --method POST "*',
        'wc -c <"${6#body=@}" >"$FAKE_DIR/size"; cat "${6#body=@}" | tail -n 1 >"$FAKE_DIR/last"; cat "$FAKE_DIR/size" "$FAKE_DIR/last"',
      ],
    ]);
    const run = runScript('pr-comment.sh', {
      args: ['report.md'],
      files: { 'report.md': long },
      fakes: { gh: fakeGh },
      env: { PR_NUMBER: '42' },
    });

    expect(run.status).toBe(0);
    const [size, last] = run.stdout.trim().split('\n');
    expect(Number(size)).toBeLessThan(65_536);
    expect(last).toContain('[the run](https://github.com/example-org/platform-infra/actions/runs/1234)');
  });
});
