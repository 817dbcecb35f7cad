import { answers, inTurn, runScript } from './script-harness';

const OLD = 'arn:aws:ecs:eu-west-1:111111111111:task-definition/platform-dev-app:41';
const NEW = 'arn:aws:ecs:eu-west-1:111111111111:task-definition/platform-dev-app:42';

const outputs = answers([
  ['*" init "*', ':'],
  ['*"output -raw clusterName"', 'echo platform-dev'],
  ['*"output -raw serviceName"', 'echo platform-dev-app'],
  ['*"output -raw taskDefinitionFamily"', 'echo platform-dev-app'],
]);
const noOutputs = answers([['*" init "*', ':']]);

/** `aws ecs describe-services` output with these deployments, newest first, and `running` of 2 tasks. */
function services(
  deployments: { status: string; taskDefinition: string; rolloutState: string }[],
  running = 2,
): string {
  return JSON.stringify({
    services: [
      {
        runningCount: running,
        desiredCount: 2,
        deployments: deployments.map((d) => ({ ...d, rolloutStateReason: 'tasks failed to start' })),
      },
    ],
  });
}

function service(args: string[], terraform: string, aws: string) {
  return runScript('service.sh', {
    args,
    stacks: ['dev-service'],
    fakes: { terraform, aws },
    env: { SERVICE_POLL_SECONDS: '0' },
  });
}

const newestRevision: [string, string] = ['"ecs describe-task-definition "*', `echo '${NEW}'`];

describe('service.sh', () => {
  it('current: records the running task definition, or nothing before the first deploy', () => {
    const aws = answers([['"ecs describe-services "*', `echo '${OLD}'`]]);
    expect(service(['current', 'dev'], outputs, aws).outputs).toEqual({ 'task-definition-arn': OLD });

    const first = service(['current', 'dev'], noOutputs, answers([]));
    expect(first.status).toBe(0);
    expect(first.outputs).toEqual({ 'task-definition-arn': '' });
    expect(first.stdout).toContain('nothing to roll back to');
  });

  it('wait-stable: waits until only the new revision runs, all tasks up', () => {
    const rolling = services([
      { status: 'PRIMARY', taskDefinition: NEW, rolloutState: 'IN_PROGRESS' },
      { status: 'ACTIVE', taskDefinition: OLD, rolloutState: 'COMPLETED' },
    ]);
    const done = services([{ status: 'PRIMARY', taskDefinition: NEW, rolloutState: 'COMPLETED' }]);
    const aws = answers([
      newestRevision,
      ['"ecs describe-services "*', inTurn('describe', [rolling, rolling, done])],
    ]);

    const run = service(['wait-stable', 'dev'], outputs, aws);

    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`platform-dev-app is stable: 2/2 tasks of ${NEW}`);
    expect(run.calls.filter((call) => call.startsWith('aws ecs describe-services'))).toHaveLength(3);
  });

  it('wait-stable: fails when the circuit breaker marks the deployment FAILED', () => {
    const failed = services([{ status: 'PRIMARY', taskDefinition: NEW, rolloutState: 'FAILED' }], 0);
    const run = service(
      ['wait-stable', 'dev'],
      outputs,
      answers([newestRevision, ['"ecs describe-services "*', `echo '${failed}'`]]),
    );

    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`the ECS deployment of ${NEW} failed: tasks failed to start`);
  });

  it('wait-stable: fails, instead of reporting success, once the circuit breaker has rolled back', () => {
    // After a rollback the service is stable again, on the old revision.
    const rolledBack = services([{ status: 'PRIMARY', taskDefinition: OLD, rolloutState: 'COMPLETED' }]);
    const run = service(
      ['wait-stable', 'dev'],
      outputs,
      answers([newestRevision, ['"ecs describe-services "*', `echo '${rolledBack}'`]]),
    );

    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`platform-dev-app now deploys ${OLD} instead of ${NEW}`);
  });

  it('wait-stable: gives up after the timeout', () => {
    const stuck = services(
      [
        { status: 'PRIMARY', taskDefinition: NEW, rolloutState: 'IN_PROGRESS' },
        { status: 'ACTIVE', taskDefinition: OLD, rolloutState: 'COMPLETED' },
      ],
      1,
    );
    const run = runScript('service.sh', {
      args: ['wait-stable', 'dev'],
      stacks: ['dev-service'],
      fakes: {
        terraform: outputs,
        aws: answers([newestRevision, ['"ecs describe-services "*', `echo '${stuck}'`]]),
      },
      env: { SERVICE_POLL_SECONDS: '0', SERVICE_STABLE_TIMEOUT_SECONDS: '0' },
    });

    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'platform-dev-app is not stable after 0s: 1/2 tasks, rollout IN_PROGRESS, 2 deployments',
    );
  });

  it('rollback: points the service at the previous task definition and waits for it', () => {
    const back = services([{ status: 'PRIMARY', taskDefinition: OLD, rolloutState: 'COMPLETED' }]);
    const aws = answers([
      ['"ecs update-service "*', `echo '${OLD}'`],
      ['"ecs describe-services "*', `echo '${back}'`],
    ]);

    const run = service(['rollback', 'dev', OLD], outputs, aws);

    expect(run.status).toBe(0);
    expect(run.calls).toContain(
      `aws ecs update-service --cluster platform-dev --service platform-dev-app --task-definition ${OLD} --query service.taskDefinition --output text`,
    );
    expect(run.stdout).toContain('revert the commit');
  });

  it('rollback: refuses without a task definition, and without a service', () => {
    expect(service(['rollback', 'dev'], outputs, answers([])).stderr).toContain('usage: service.sh');
    const none = service(['rollback', 'dev', OLD], noOutputs, answers([]));
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('nothing to roll back');
  });

  it('restart: forces a new deployment of the same task definition', () => {
    const run = service(['restart', 'dev'], outputs, answers([['"ecs update-service "*', `echo '${NEW}'`]]));

    expect(run.status).toBe(0);
    expect(run.calls).toContainEqual(
      expect.stringContaining(
        'update-service --cluster platform-dev --service platform-dev-app --force-new-deployment',
      ),
    );
  });

  it('refuses an unknown command', () => {
    expect(service(['deploy', 'dev'], outputs, answers([])).stderr).toContain('usage: service.sh');
  });
});
