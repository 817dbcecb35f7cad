import { answers, runScript } from './script-harness';

const ISSUES = 'repos/example-org/platform-infra/issues?state=open&labels=drift&per_page=100';

/** gh with these open drift issues ("<number> <title>" lines, as the script's --jq prints them). */
function gh(openIssues: string[]): string {
  return answers([
    ['"label create drift "*', ':'],
    [
      `"api --paginate ${ISSUES} "*`,
      openIssues.length ? `printf '%s\\n' ${openIssues.map((i) => `'${i}'`).join(' ')}` : ':',
    ],
    ['"issue create "*', 'cat "${@: -1}"'], // prints the body it was given
    ['"issue edit "*', 'cat "${@: -1}"'],
    ['"issue close "*', 'echo closed'],
  ]);
}

function driftIssues(statuses: Record<string, 'changes' | 'clean'>, openIssues: string[]) {
  const files: Record<string, string> = {};
  for (const [stack, status] of Object.entries(statuses)) {
    files[`plans/${stack}.status`] = `${status}\n`;
    files[`plans/${stack}.json`] = '{}';
  }
  return runScript('drift-issues.sh', {
    args: ['plans'],
    files,
    fakes: {
      gh: gh(openIssues),
      npm: 'echo "<!-- plan-summary -->"; echo "~ aws_security_group.app: ingress changed"; exit 0',
    },
  });
}

const ghCalls = (calls: string[]) => calls.filter((call) => call.startsWith('gh issue'));

describe('drift-issues.sh', () => {
  it('opens one issue per drifted stack, titled Drift: <stack>, with the plan summary', () => {
    const run = driftIssues({ 'dev-network': 'changes', 'dev-data': 'clean' }, []);

    expect(run.status).toBe(0);
    expect(ghCalls(run.calls)).toEqual([
      expect.stringMatching(
        /^gh issue create --repo example-org\/platform-infra --title Drift: dev-network --label drift --body-file /,
      ),
    ]);
    expect(run.calls).toContain('npm run --silent plan-summary -- plans/dev-network.json');
    expect(run.stdout).toContain('~ aws_security_group.app: ingress changed');
    expect(run.stdout).toContain(
      '[this drift run](https://github.com/example-org/platform-infra/actions/runs/1234)',
    );
  });

  it('updates the open issue of a stack that still drifts instead of opening another', () => {
    const run = driftIssues({ 'dev-network': 'changes' }, [
      '12 Drift: dev-network-old',
      '15 Drift: dev-network',
    ]);

    expect(ghCalls(run.calls)).toEqual([
      expect.stringMatching(/^gh issue edit 15 --repo example-org\/platform-infra --body-file /),
    ]);
    expect(run.stdout).toContain('dev-network drifts: updated issue #15');
  });

  it('closes the issue of a stack that is clean again, and leaves clean stacks without one alone', () => {
    const run = driftIssues({ 'prod-edge': 'clean', 'prod-data': 'clean' }, ['31 Drift: prod-edge']);

    expect(ghCalls(run.calls)).toEqual([
      expect.stringMatching(
        /^gh issue close 31 --repo example-org\/platform-infra --comment No drift in `prod-edge`/,
      ),
    ]);
  });

  it('fails when no plan succeeded, touching no issue', () => {
    const run = runScript('drift-issues.sh', { args: ['plans'], fakes: { gh: gh([]) } });

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('no plans in plans');
    expect(run.calls).toEqual([]);
  });
});

describe('terraform-plan.sh', () => {
  function plan(exitCode: number) {
    return runScript('terraform-plan.sh', {
      args: ['staging-edge', 'plans'],
      stacks: ['staging-edge'],
      fakes: {
        terraform: answers([
          ['*" init "*', ':'],
          ['*" plan "*', `echo "Plan: 1 to add"; exit ${exitCode}`],
          ['*" show -json tfplan"', `echo '{"format_version":"1.2"}'`],
        ]),
      },
      collect: ['plans/staging-edge.json', 'plans/staging-edge.txt', 'plans/staging-edge.status'],
    });
  }

  it('plans without the state lock, and records changes', () => {
    const run = plan(2);

    expect(run.status).toBe(0);
    expect(run.calls).toContain(
      'terraform -chdir=cdktf.out/stacks/staging-edge plan -input=false -no-color -lock=false -detailed-exitcode -out=tfplan',
    );
    expect(run.outputs).toEqual({ changes: 'true' });
    expect(run.files).toEqual({
      'plans/staging-edge.json': '{"format_version":"1.2"}\n',
      'plans/staging-edge.txt': 'Plan: 1 to add\n',
      'plans/staging-edge.status': 'changes\n',
    });
  });

  it('records a clean stack', () => {
    const run = plan(0);

    expect(run.outputs).toEqual({ changes: 'false' });
    expect(run.files['plans/staging-edge.status']).toBe('clean\n');
  });

  it('fails when terraform fails, writing no status', () => {
    const run = plan(1);

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('terraform plan failed for staging-edge (exit 1)');
    expect(run.files['plans/staging-edge.status']).toBeUndefined();
  });

  it('shows the init output when init fails', () => {
    const run = runScript('terraform-plan.sh', {
      args: ['dev-data', 'plans'],
      stacks: ['dev-data'],
      fakes: { terraform: 'echo "Error: AccessDenied: s3:ListBucket"; exit 1' },
    });

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Error: AccessDenied: s3:ListBucket');
    expect(run.stderr).toContain('terraform init failed for dev-data');
  });
});
