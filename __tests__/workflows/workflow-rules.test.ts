import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { githubEnvironmentOf } from '../../config/derived';
import { loadEnvironments } from '../../config/load';
import { LAYERS } from '../../stacks/environment-stack';
import { ROOT } from './script-harness';
import {
  ancestorsOf,
  calledWorkflow,
  Job,
  permissionsOf,
  Step,
  workflow,
  workflowFiles,
} from './workflow-files';

const files = workflowFiles();
const environments = loadEnvironments(path.join(ROOT, 'config', 'environments')).map((e) => e.config);

/** Every job of every workflow, as [file, job id, job]. */
const allJobs = files.flatMap(({ file, workflow: w }) =>
  Object.entries(w.jobs).map(([id, job]) => [file, id, job] as const),
);

/** Every step of every job, as [file, job id, step]. */
const allSteps = allJobs.flatMap(([file, id, job]) =>
  (job.steps ?? []).map((step) => [file, id, step] as const),
);

const usesAction = (step: Step, action: string) => step.uses?.startsWith(`${action}@`) ?? false;

/** The jobs of deploy.yml that deploy an environment, in the order they run. */
function deployJobs(): { id: string; job: Job; environment: string; githubEnvironment: string }[] {
  const jobs = workflow('deploy.yml').jobs;
  const ids = Object.keys(jobs).filter((id) => calledWorkflow(jobs[id]) === 'deploy-environment.yml');
  // The order the needs impose: a job comes after every job it waits for.
  ids.sort((a, b) => ancestorsOf(jobs, a).size - ancestorsOf(jobs, b).size);
  return ids.map((id) => ({
    id,
    job: jobs[id],
    environment: String(jobs[id].with?.environment),
    githubEnvironment: String(jobs[id].with?.['github-environment']),
  }));
}

describe('every workflow', () => {
  it('pins every third-party action to a full commit SHA, with its version in a comment', () => {
    const lines = files.flatMap(({ file, text }) =>
      text.split('\n').map((line, i) => ({ where: `${file}:${i + 1}`, line })),
    );
    const uses = lines.filter(({ line }) => /^\s*(-\s+)?uses:/.test(line));
    // Every `uses:` the parser sees is on a line of its own (none hides in flow style).
    const parsed =
      allJobs.filter(([, , job]) => job.uses).length + allSteps.filter(([, , step]) => step.uses).length;
    expect(uses).toHaveLength(parsed);

    const bad = uses
      .filter(({ line }) => {
        const value = /uses:\s*(\S+)(.*)$/.exec(line)!;
        if (value[1].startsWith('./')) return false; // a workflow or action of this repository
        return !/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(value[1]) || !/^\s+# v\d+\.\d+\.\d+$/.test(value[2]);
      })
      .map(({ where, line }) => `${where}: ${line.trim()}`);
    expect(bad).toEqual([]);
  });

  it('pins each action to one SHA and version everywhere', () => {
    const pins = new Map<string, Set<string>>();
    for (const [, , step] of allSteps) {
      if (!step.uses || step.uses.startsWith('./')) continue;
      const [action, sha] = step.uses.split('@');
      pins.set(action, (pins.get(action) ?? new Set()).add(sha));
    }
    const conflicting = [...pins].filter(([, shas]) => shas.size > 1).map(([action]) => action);
    expect(conflicting).toEqual([]);
    expect([...pins.keys()]).toEqual(
      expect.arrayContaining([
        'actions/checkout',
        'aws-actions/configure-aws-credentials',
        'hashicorp/setup-terraform',
      ]),
    );
  });

  it('grants nothing at the top level beyond reading the contents', () => {
    const broad = files
      .filter(
        ({ workflow: w }) =>
          w.permissions === undefined ||
          Object.entries(permissionsOf(w)).some(
            ([scope, level]) => !(scope === 'contents' && level === 'read'),
          ),
      )
      .map(({ file }) => file);
    expect(broad).toEqual([]);
  });

  it('gives every job its own permissions and a timeout (reusable workflow calls: in the called jobs)', () => {
    const missing = allJobs.flatMap(([file, id, job]) => {
      const problems: string[] = [];
      if (job.permissions === undefined) problems.push(`${file} ${id}: no permissions`);
      if (job.uses === undefined && typeof job['timeout-minutes'] !== 'number')
        problems.push(`${file} ${id}: no timeout-minutes`);
      if (job.uses !== undefined && !calledWorkflow(job))
        problems.push(`${file} ${id}: calls a workflow outside this repository`);
      return problems;
    });
    expect(missing).toEqual([]);
  });

  it('grants a calling job every permission the called workflow asks for, and no more', () => {
    for (const [file, id, job] of allJobs) {
      const called = calledWorkflow(job);
      if (!called) continue;
      const needed: Record<string, string> = {};
      for (const calledJob of Object.values(workflow(called).jobs)) {
        for (const [scope, level] of Object.entries(permissionsOf(calledJob))) {
          if (needed[scope] !== 'write') needed[scope] = level;
        }
      }
      expect({ job: `${file} ${id}`, permissions: permissionsOf(job) }).toEqual({
        job: `${file} ${id}`,
        permissions: needed,
      });
    }
  });

  it('passes a called workflow exactly the inputs it declares, the required ones included', () => {
    for (const [file, id, job] of allJobs) {
      const called = calledWorkflow(job);
      if (!called) continue;
      const inputs =
        (workflow(called).on.workflow_call as { inputs?: Record<string, { required?: boolean }> }).inputs ??
        {};
      const given = Object.keys(job.with ?? {});
      expect({ job: `${file} ${id}`, unknown: given.filter((name) => !(name in inputs)) }).toEqual({
        job: `${file} ${id}`,
        unknown: [],
      });
      const required = Object.keys(inputs).filter((name) => inputs[name].required);
      expect(given).toEqual(expect.arrayContaining(required));
    }
  });

  it('asks for an OIDC token only in jobs that assume an AWS role, and always there', () => {
    for (const [file, id, job] of allJobs) {
      if (job.uses) continue; // checked through the called workflow
      const assumes = (job.steps ?? []).some((step) =>
        usesAction(step, 'aws-actions/configure-aws-credentials'),
      );
      expect({ job: `${file} ${id}`, idToken: permissionsOf(job)['id-token'] === 'write' }).toEqual({
        job: `${file} ${id}`,
        idToken: assumes,
      });
    }
  });

  it('never gives a job that holds AWS credentials a token that can write to the repository, its issues or pull requests', () => {
    for (const [file, id, job] of allJobs) {
      if (permissionsOf(job)['id-token'] !== 'write' || job.uses) continue;
      const writes = Object.entries(permissionsOf(job)).filter(
        ([scope, level]) => scope !== 'id-token' && level === 'write',
      );
      expect({ job: `${file} ${id}`, writes }).toEqual({ job: `${file} ${id}`, writes: [] });
    }
  });

  it('checks out without persisting the token', () => {
    const persisting = allSteps
      .filter(
        ([, , step]) => usesAction(step, 'actions/checkout') && step.with?.['persist-credentials'] !== false,
      )
      .map(([file, id]) => `${file} ${id}`);
    expect(persisting).toEqual([]);
  });

  it('pins one Terraform version, 1.10 or newer (S3 lock files), without the output wrapper', () => {
    const setups = allSteps.filter(([, , step]) => usesAction(step, 'hashicorp/setup-terraform'));
    expect(setups.length).toBeGreaterThan(0);
    const versions = new Set<string>();
    for (const [file, id, step] of setups) {
      expect({ where: `${file} ${id}`, with: step.with }).toEqual({
        where: `${file} ${id}`,
        with: { terraform_version: '${{ env.TERRAFORM_VERSION }}', terraform_wrapper: false },
      });
      versions.add(workflow(file).env?.TERRAFORM_VERSION ?? 'unset');
    }
    expect(versions.size).toBe(1);
    const [version] = [...versions];
    expect(version).toMatch(/^1\.\d+\.\d+$/);
    expect(Number(version.split('.')[1])).toBeGreaterThanOrEqual(10);
  });

  it('never runs Terraform on a bootstrap stack (a person applies those)', () => {
    const scripts = path.join(ROOT, '.github', 'scripts');
    const texts = [
      ...files.map((f) => f.text),
      ...['apply-stack.sh', 'migrate.sh', 'terraform-plan.sh'].map((s) =>
        readFileSync(path.join(scripts, s), 'utf8'),
      ),
    ];
    for (const text of texts) expect(text).not.toMatch(/bootstrap-/);
  });
});

describe('deploy.yml', () => {
  const deploy = workflow('deploy.yml');

  it('deploys on push to the deploy branches of the config, and by hand to one chosen environment', () => {
    expect(deploy.on.push).toEqual({ branches: [...new Set(environments.map((e) => e.ci.deployBranch))] });
    const dispatch = deploy.on.workflow_dispatch as {
      inputs: { environment: { type: string; options: string[] } };
    };
    expect(dispatch.inputs.environment.type).toBe('choice');
    expect(dispatch.inputs.environment.options).toEqual(deployJobs().map((d) => d.environment));
  });

  it('deploys every environment of the config, each in the GitHub environment the config names', () => {
    const jobs = deployJobs();
    expect(jobs.map((d) => d.environment).sort()).toEqual(environments.map((e) => e.name).sort());
    for (const { environment, githubEnvironment } of jobs) {
      expect({ environment, githubEnvironment }).toEqual({
        environment,
        githubEnvironment: githubEnvironmentOf(environments.find((e) => e.name === environment)!),
      });
    }
  });

  it('deploys one environment after the other, dev then staging then prod, production last', () => {
    const jobs = deployJobs();
    expect(jobs.map((d) => d.environment)).toEqual(['dev', 'staging', 'prod']);
    // A chain: each deploy waits for the one before it, so a failure stops the ones after it.
    jobs.forEach(({ job }, i) => {
      if (i > 0) expect(job.needs).toEqual(jobs[i - 1].id);
      expect(job.if).toContain('github.event_name');
      if (i > 0) expect(job.if).toMatch(/!failure\(\) && !cancelled\(\)/);
      expect(job.if).toContain(`inputs.environment == '${jobs[i].environment}'`);
    });
    const production = jobs.filter((d) => environments.find((e) => e.name === d.environment)!.production);
    expect(production.map((d) => d.environment)).toEqual(['prod']);
    expect(jobs.indexOf(production[0])).toBe(jobs.length - 1);
  });

  it('has no workflow-wide concurrency that could cancel a deploy', () => {
    expect(deploy.concurrency).toBeUndefined();
  });
});

describe('deploy-environment.yml', () => {
  const [[jobId, job]] = Object.entries(workflow('deploy-environment.yml').jobs);
  const steps = job.steps ?? [];
  const indexOf = (pattern: RegExp) => {
    const i = steps.findIndex((step) => pattern.test(step.run ?? ''));
    if (i < 0) throw new Error(`no step runs ${pattern}`);
    return i;
  };

  it('is one job in the GitHub environment it is given, one concurrency group per environment, never cancelled', () => {
    expect(Object.keys(workflow('deploy-environment.yml').jobs)).toEqual([jobId]);
    expect(job.environment).toEqual(expect.objectContaining({ name: '${{ inputs.github-environment }}' }));
    expect(job.concurrency).toEqual({
      group: 'deploy-${{ inputs.environment }}',
      'cancel-in-progress': false,
    });
  });

  it('applies the layers in deploy order, each with fresh credentials', () => {
    const applies = steps
      .map((step, i) => ({ i, layer: /apply-stack\.sh "\$DEPLOY_ENV-(\w+)"/.exec(step.run ?? '')?.[1] }))
      .filter((a) => a.layer);
    expect(applies.map((a) => a.layer)).toEqual([...LAYERS]);
    applies.forEach(({ i }, n) => {
      const since = steps.slice(n === 0 ? 0 : applies[n - 1].i + 1, i);
      expect(since.some((step) => usesAction(step, 'aws-actions/configure-aws-credentials'))).toBe(true);
    });
  });

  it('records the rollback target and migrates before the service apply, then waits, invalidates, smoke-tests', () => {
    const order = [
      indexOf(/apply-stack\.sh "\$DEPLOY_ENV-edge"/),
      indexOf(/service\.sh current/),
      indexOf(/migrate\.sh "\$DEPLOY_ENV"$/),
      indexOf(/apply-stack\.sh "\$DEPLOY_ENV-service"/),
      indexOf(/service\.sh wait-stable/),
      indexOf(/invalidate-cdn\.sh/),
      indexOf(/smoke\.sh/),
      indexOf(/service\.sh rollback/),
    ];
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('rolls the service back only on failure, once the service apply ran, to the recorded task definition', () => {
    const rollback = steps[indexOf(/service\.sh rollback/)];
    expect(rollback.if).toMatch(/^failure\(\) && /);
    expect(rollback.if).toContain("steps.previous.outputs.task-definition-arn != ''");
    expect(rollback.if).toContain("steps.service.outcome == 'success' || steps.service.outcome == 'failure'");
    expect(rollback.env).toEqual({
      PREVIOUS_TASK_DEFINITION: '${{ steps.previous.outputs.task-definition-arn }}',
    });
    expect(steps[indexOf(/service\.sh current/)].id).toBe('previous');
    expect(steps[indexOf(/apply-stack\.sh "\$DEPLOY_ENV-service"/)].id).toBe('service');
  });
});

describe('plan.yml and drift.yml', () => {
  it('plan: runs on pull requests, again when labels change, and not for forks (no OIDC token)', () => {
    const plan = workflow('plan.yml');
    expect((plan.on.pull_request as { types: string[] }).types).toEqual(
      expect.arrayContaining(['labeled', 'unlabeled', 'synchronize']),
    );
    expect(plan.jobs.plans.if).toBe('github.event.pull_request.head.repo.full_name == github.repository');
  });

  it('drift: runs nightly and by hand', () => {
    const drift = workflow('drift.yml');
    expect(drift.on.schedule).toEqual([{ cron: expect.stringMatching(/^\d+ \d+ \* \* \*$/) }]);
    expect(drift.on).toHaveProperty('workflow_dispatch');
  });

  it('plans in no GitHub environment, so the token is one the plan role trusts', () => {
    for (const [id, job] of Object.entries(workflow('terraform-plans.yml').jobs)) {
      expect({ id, environment: job.environment }).toEqual({ id, environment: undefined });
    }
  });
});

describe('dependabot.yml', () => {
  const config = parse(readFileSync(path.join(ROOT, '.github', 'dependabot.yml'), 'utf8')) as {
    updates: {
      'package-ecosystem': string;
      schedule: { interval: string };
      groups: Record<string, { 'update-types': string[] }>;
    }[];
  };

  it('updates npm packages and actions weekly, minor and patch updates grouped', () => {
    expect(config.updates.map((u) => u['package-ecosystem']).sort()).toEqual(['github-actions', 'npm']);
    for (const update of config.updates) {
      expect(update.schedule.interval).toBe('weekly');
      expect(Object.values(update.groups).map((g) => g['update-types'])).toEqual([['minor', 'patch']]);
    }
  });
});
