import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Testing } from 'cdktf';
import { githubEnvironmentOf } from '../../config/derived';
import { loadEnvironments } from '../../config/load';
import type { EnvironmentConfig } from '../../config/schema';
import {
  deployTarget,
  githubRoleArn,
  planTargets,
  readSynthesizedStacks,
  SynthesizedStack,
  TargetError,
} from '../../.github/scripts/targets';
import { run } from '../../.github/scripts/targets-cli';
import { bootstrapStacksFor } from '../../stacks/bootstrap-stack';
import { LAYERS, stackIdOf } from '../../stacks/environment-stack';
import { resources, synthJson } from '../support/synth';
import { ROOT } from './script-harness';

const environments = loadEnvironments(path.join(ROOT, 'config', 'environments')).map((e) => e.config);
const byName = (name: string): EnvironmentConfig => environments.find((e) => e.name === name)!;

/** Every layer of every environment, plus the bootstrap stacks; staging's edge on Cloudflare. */
function allStacks(): SynthesizedStack[] {
  const layers = environments.flatMap((env) =>
    LAYERS.map((layer) => ({
      name: stackIdOf(env.name, layer),
      providers: layer === 'edge' && env.edge.dns.provider === 'cloudflare' ? ['aws', 'cloudflare'] : ['aws'],
    })),
  );
  return [
    ...layers,
    { name: 'bootstrap-nonprod', providers: ['aws'] },
    { name: 'bootstrap-prod', providers: ['aws'] },
  ];
}

/** Expects `action` to throw a TargetError whose message matches. */
function expectTargetError(action: () => unknown, message: RegExp): TargetError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(TargetError);
    expect((error as TargetError).message).toMatch(message);
    return error as TargetError;
  }
  throw new Error('expected a TargetError');
}

describe('githubRoleArn', () => {
  it('names the roles exactly as the bootstrap stack of the account creates them', () => {
    const app = Testing.app();
    const created = bootstrapStacksFor(app, environments, { stateBackend: 's3' }).flatMap((stack) =>
      Object.values(resources(synthJson(stack), 'aws_iam_role')).map(
        (role) => `${stack.node.id}:${String(role.name)}`,
      ),
    );
    const expected = environments.flatMap((env) =>
      (['plan', 'apply'] as const).map((role) => {
        const arn = githubRoleArn(environments, env, role);
        expect(arn).toMatch(new RegExp(`^arn:aws:iam::${env.account.id}:role/`));
        return `bootstrap-${env.account.alias}:${arn.split('/')[1]}`;
      }),
    );
    expect(new Set(expected)).toEqual(new Set(created));
  });

  it('follows the project prefix of the account', () => {
    const shop = environments.map((env) => ({ ...env, project: 'shop' }));
    expect(githubRoleArn(shop, shop[0], 'plan')).toBe(
      `arn:aws:iam::${shop[0].account.id}:role/shop-github-plan`,
    );
  });
});

describe('planTargets', () => {
  it('lists every environment stack in deploy order with its account plan role, and no bootstrap stack', () => {
    const targets = planTargets(environments, allStacks());

    expect(targets.map((t) => t.stack)).toEqual(
      environments.flatMap((env) => LAYERS.map((layer) => stackIdOf(env.name, layer))),
    );
    for (const target of targets) {
      const env = byName(target.environment);
      expect(target.region).toBe(env.region);
      expect(target.roleArn).toBe(githubRoleArn(environments, env, 'plan'));
      expect(target.cloudflare).toBe(target.layer === 'edge' && env.edge.dns.provider === 'cloudflare');
    }
    expect(targets.filter((t) => t.cloudflare).map((t) => t.stack)).toEqual(['staging-edge']);
  });

  it('skips layers not synthesized yet', () => {
    const withoutService = allStacks().filter((stack) => !stack.name.endsWith('-service'));
    expect(planTargets(environments, withoutService).map((t) => t.layer)).not.toContain('service');
  });

  it('refuses a stack that belongs to no environment', () => {
    const error = expectTargetError(
      () => planTargets(environments, [...allStacks(), { name: 'qa-network', providers: ['aws'] }]),
      /synthesized stacks that belong to no environment: qa-network/,
    );
    expect(error.hint).toContain('<env>-<layer>');
  });
});

describe('deployTarget', () => {
  it("gives the environment's apply role, region and every layer in deploy order", () => {
    const prod = byName('prod');
    const target = deployTarget(environments, allStacks(), 'prod', githubEnvironmentOf(prod));

    expect(target).toEqual({
      environment: 'prod',
      githubEnvironment: githubEnvironmentOf(prod),
      region: prod.region,
      roleArn: githubRoleArn(environments, prod, 'apply'),
      stacks: LAYERS.map((layer) => `prod-${layer}`),
    });
    expect(target.roleArn).toMatch(/-github-apply$/);
  });

  it('refuses a GitHub environment other than the one in the config', () => {
    const error = expectTargetError(
      () => deployTarget(environments, allStacks(), 'prod', 'prod'),
      /runs in GitHub environment "prod", but the config says "production"/,
    );
    expect(error.hint).toContain('.github/workflows/deploy.yml');
  });

  it('refuses an unknown environment and a missing layer', () => {
    expectTargetError(() => deployTarget(environments, allStacks(), 'qa', 'qa'), /no environment named "qa"/);
    const noService = allStacks().filter((stack) => stack.name !== 'dev-service');
    expectTargetError(
      () => deployTarget(environments, noService, 'dev', 'dev'),
      /cannot deploy dev: dev-service not synthesized/,
    );
  });
});

describe('readSynthesizedStacks and the CLI', () => {
  let out: string;
  beforeEach(() => {
    out = mkdtempSync(path.join(tmpdir(), 'targets-'));
    const stacks: Record<string, unknown> = {};
    for (const { name, providers } of allStacks()) {
      mkdirSync(path.join(out, 'stacks', name), { recursive: true });
      const provider = Object.fromEntries(providers.map((p) => [p, [{}]]));
      writeFileSync(path.join(out, 'stacks', name, 'cdk.tf.json'), JSON.stringify({ provider }));
      stacks[name] = { name, synthesizedStackPath: `stacks/${name}/cdk.tf.json` };
    }
    writeFileSync(path.join(out, 'manifest.json'), JSON.stringify({ stacks }));
  });
  afterEach(() => rmSync(out, { recursive: true, force: true }));

  it('reads the stacks and their providers from the manifest', () => {
    const read = readSynthesizedStacks(out);
    expect(read.find((s) => s.name === 'staging-edge')).toEqual({
      name: 'staging-edge',
      providers: ['aws', 'cloudflare'],
    });
    expect(read).toHaveLength(allStacks().length);
  });

  it('says to synthesize first when there is no manifest', () => {
    const error = expectTargetError(
      () => readSynthesizedStacks(path.join(out, 'nothing')),
      /manifest.json does not exist/,
    );
    expect(error.hint).toContain('npm run synth');
  });

  it('prints a matrix, and key=value lines for a deploy', () => {
    const env = { INFRA_CONFIG_DIR: path.join(ROOT, 'config', 'environments') };
    const matrix = JSON.parse(run(['plan-matrix', '--out', out], env)) as { include: { stack: string }[] };
    expect(matrix.include.map((row) => row.stack)).toEqual(
      planTargets(environments, allStacks()).map((t) => t.stack),
    );

    const lines = run(['deploy', 'staging', '--github-environment', 'staging', '--out', out], env)
      .trim()
      .split('\n');
    expect(lines).toEqual([
      'environment=staging',
      'github-environment=staging',
      `region=${byName('staging').region}`,
      `role-arn=${githubRoleArn(environments, byName('staging'), 'apply')}`,
      `stacks=${LAYERS.map((layer) => `staging-${layer}`).join(' ')}`,
    ]);
  });

  it('exits 1 with the problem and a hint, and no stack trace', () => {
    const cli = path.join(ROOT, '.github', 'scripts', 'targets-cli.ts');
    const result = spawnSync(
      process.execPath,
      [
        require.resolve('ts-node/dist/bin.js'),
        '--transpile-only',
        cli,
        'deploy',
        'prod',
        '--github-environment',
        'prod',
        '--out',
        out,
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('targets: the deploy job of prod runs in GitHub environment "prod"');
    expect(result.stderr).toContain('hint: set github-environment: production');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  });

  it('refuses unknown commands and options with the usage', () => {
    expectTargetError(() => run(['apply'], {}), /cannot run "apply"/);
    expectTargetError(() => run(['plan-matrix', '--stack', 'dev-network'], {}), /unknown option --stack/);
    expectTargetError(
      () => run(['deploy', 'dev', '--github-environment'], {}),
      /option --github-environment needs a value/,
    );
  });
});
