import { answers, inTurn, runScript } from './script-harness';

const TASK = 'arn:aws:ecs:eu-west-1:111111111111:task/platform-dev/0a1b2c3d';
const TASK_DEFINITION = 'arn:aws:ecs:eu-west-1:111111111111:task-definition/platform-dev-migrate:7';
const NETWORK =
  '{"awsvpcConfiguration":{"subnets":["subnet-1"],"securityGroups":["sg-1"],"assignPublicIp":"DISABLED"}}';

/** A service stack whose state has every output the migration needs. */
const deployedOutputs: [string, string][] = [
  ['*" init "*', ':'],
  ['*" apply "*', 'echo "Apply complete!"'],
  ['*"output -raw clusterName"', 'echo platform-dev'],
  ['*"output -raw migrationTaskDefinitionArn"', `echo '${TASK_DEFINITION}'`],
  ['*"output -raw migrationContainerName"', 'echo migrate'],
  ['*"output -raw migrationNetworkConfiguration"', `echo '${NETWORK}'`],
  ['*"output -raw logGroupName"', 'echo /ecs/platform-dev'],
];

/** ECS: the task starts, runs for one poll, then stops with `exitCode` (or none at all). */
function ecs(exitCode: number | null, extra: [string, string][] = []): string {
  const container = exitCode === null ? '{"name":"migrate"}' : `{"name":"migrate","exitCode":${exitCode}}`;
  return answers([
    ['"ecs run-task "*', `echo '{"tasks":[{"taskArn":"${TASK}"}],"failures":[]}'`],
    ['"ecs describe-tasks "*"--query"*', inTurn('task-status', ['PROVISIONING', 'RUNNING', 'STOPPED'])],
    [
      '"ecs describe-tasks "*',
      `echo '{"tasks":[{"stoppedReason":"Essential container in task exited","containers":[${container}]}]}'`,
    ],
    ...extra,
  ]);
}

function migrate(args: string[], terraform: [string, string][], aws: string) {
  return runScript('migrate.sh', {
    args,
    stacks: ['dev-service'],
    fakes: { terraform: answers(terraform), aws },
    env: { MIGRATION_POLL_SECONDS: '0' },
  });
}

describe('migrate.sh', () => {
  it('applies only the migration task definition, runs it with the stack outputs and passes on exit code 0', () => {
    const run = migrate(['dev'], deployedOutputs, ecs(0));

    expect(run.status).toBe(0);
    expect(run.outputs).toEqual({ ran: 'true' });
    const apply = run.calls.findIndex((call) => call.includes(' apply '));
    const start = run.calls.findIndex((call) => call.startsWith('aws ecs run-task'));
    expect(run.calls[apply]).toContain('-target=aws_ecs_task_definition.migration_task_definition');
    expect(apply).toBeLessThan(start);
    expect(run.calls[start]).toContain(`--cluster platform-dev --task-definition ${TASK_DEFINITION}`);
    expect(run.calls[start]).toContain(`--network-configuration ${NETWORK}`);
    expect(run.calls[start]).toContain('--launch-type FARGATE');
    // Polled until STOPPED: PROVISIONING, RUNNING, STOPPED.
    expect(
      run.calls.filter((call) => call.includes('describe-tasks') && call.includes('--query')),
    ).toHaveLength(3);
  });

  it('fails on a non-zero exit code, with the code, the stop reason and the task log', () => {
    const logs: [string, string][] = [
      ['"ecs describe-task-definition "*', 'echo ecs'],
      ['"logs get-log-events "*', 'echo "ERROR: relation users does not exist"'],
    ];
    const run = migrate(['dev'], deployedOutputs, ecs(3, logs));

    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /::error::the migrations failed: container migrate exit code 3 \(task stopped: Essential container in task exited\)/,
    );
    expect(run.stdout).toContain('ERROR: relation users does not exist');
    expect(run.calls).toContainEqual(expect.stringContaining('--log-stream-name ecs/migrate/0a1b2c3d'));
    expect(run.outputs).toEqual({});
  });

  it('fails when the container never ran (no exit code)', () => {
    const run = migrate(
      ['dev'],
      deployedOutputs.filter(([p]) => !p.includes('logGroupName')),
      ecs(null),
    );

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('exit code none');
  });

  it('fails with ECS placement failures when the task does not start', () => {
    const aws = answers([
      ['"ecs run-task "*', `echo '{"tasks":[],"failures":[{"reason":"RESOURCE:FARGATE"}]}'`],
    ]);
    const run = migrate(['dev'], deployedOutputs, aws);

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('the migration task did not start: [{"reason":"RESOURCE:FARGATE"}]');
  });

  it('fails, leaving the task running, when it outlives the timeout', () => {
    const aws = answers([
      ['"ecs run-task "*', `echo '{"tasks":[{"taskArn":"${TASK}"}],"failures":[]}'`],
      ['"ecs describe-tasks "*', 'echo RUNNING'],
    ]);
    const run = runScript('migrate.sh', {
      args: ['dev'],
      stacks: ['dev-service'],
      fakes: { terraform: answers(deployedOutputs), aws },
      env: { MIGRATION_POLL_SECONDS: '0', MIGRATION_TIMEOUT_SECONDS: '0' },
    });

    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`the migration task ${TASK} is still RUNNING after 0s`);
    expect(run.calls.some((call) => call.includes('stop-task'))).toBe(false);
  });

  it('defers to after the service apply on a first deploy (no cluster yet), and not a second time', () => {
    const firstDeploy = deployedOutputs.filter(([pattern]) => !pattern.includes('output'));

    const first = migrate(['dev'], firstDeploy, answers([]));
    expect(first.status).toBe(0);
    expect(first.outputs).toEqual({ ran: 'false' });
    expect(first.calls.filter((call) => call.startsWith('aws'))).toEqual([]);

    const again = migrate(['dev', '--required'], firstDeploy, answers([]));
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('dev-service has no clusterName output');
  });

  it('refuses bad arguments and a stack that was not synthesized', () => {
    expect(migrate([], deployedOutputs, ecs(0)).stderr).toContain('usage: migrate.sh <env> [--required]');
    expect(migrate(['dev', '--force'], deployedOutputs, ecs(0)).status).toBe(1);
    const unsynthesized = runScript('migrate.sh', { args: ['qa'] });
    expect(unsynthesized.status).toBe(1);
    expect(unsynthesized.stderr).toContain('stack qa-service is not synthesized');
    expect(unsynthesized.calls).toEqual([]);
  });
});
