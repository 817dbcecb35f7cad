import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { githubEnvironmentOf } from '../../config/derived';
import type { EnvironmentConfig } from '../../config/schema';
import { resourceName } from '../../lib/naming';
import { bootstrapPropsFor, bootstrapStackId } from '../../stacks/bootstrap-stack';
import { LAYERS, Layer, stackIdOf } from '../../stacks/environment-stack';

/**
 * What the workflows plan and deploy, derived from the environment files and the synthesized
 * stacks, so the workflows never hold a list of stacks, accounts or regions that could drift from
 * `config/environments/`.
 */

/** A mistake in the inputs of a workflow step (config, `cdktf.out`, arguments): printed without a stack trace. */
export class TargetError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'TargetError';
  }
}

/** One stack cdktf synthesized, as `cdktf.out/manifest.json` lists it. */
export interface SynthesizedStack {
  /** Stack id, e.g. `dev-network`. */
  readonly name: string;
  /** Provider names the stack configures, e.g. `['aws', 'cloudflare']`. */
  readonly providers: string[];
}

/** One stack to plan: a row of the plan and drift workflows' matrix. */
export interface PlanTarget {
  /** Stack id, e.g. `staging-edge`; the plan artifact is `plan-<stack>`. */
  readonly stack: string;
  /** Environment name, e.g. `staging`. */
  readonly environment: string;
  /** Layer, e.g. `edge`. */
  readonly layer: Layer;
  /** Region the credentials are for (the environment's region). */
  readonly region: string;
  /** The account's `<project>-github-plan` role: read-only, trusted for pull requests and deploy branches. */
  readonly roleArn: string;
  /** Whether the stack configures the Cloudflare provider, whose API token the job then needs. */
  readonly cloudflare: boolean;
}

/** What a deploy job of one environment needs. */
export interface DeployTarget {
  /** Environment name, e.g. `prod`. */
  readonly environment: string;
  /** GitHub environment the job runs in, e.g. `production`. */
  readonly githubEnvironment: string;
  /** Region the credentials are for. */
  readonly region: string;
  /** The account's `<project>-github-apply` role, trusted only for jobs in the GitHub environment. */
  readonly roleArn: string;
  /** The environment's stacks in deploy order, every layer present. */
  readonly stacks: string[];
}

/** Which of an account's two GitHub Actions roles (made by its bootstrap stack). */
export type GithubRole = 'plan' | 'apply';

/** The stacks listed in `<outDir>/manifest.json`, written by `npm run synth` (or `CDKTF_OUTDIR`). */
export function readSynthesizedStacks(outDir: string): SynthesizedStack[] {
  const manifestFile = path.join(outDir, 'manifest.json');
  if (!existsSync(manifestFile)) {
    throw new TargetError(
      `no synthesized stacks: ${manifestFile} does not exist`,
      'run `npm run synth` first, or pass the folder it wrote with --out',
    );
  }
  let manifest: { stacks?: Record<string, { synthesizedStackPath?: string }> };
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as typeof manifest;
  } catch (error) {
    throw new TargetError(
      `${manifestFile} is not JSON: ${(error as Error).message}`,
      'run `npm run synth` again',
    );
  }
  return Object.entries(manifest.stacks ?? {}).map(([name, entry]) => {
    const stackFile = path.join(outDir, entry.synthesizedStackPath ?? `stacks/${name}/cdk.tf.json`);
    if (!existsSync(stackFile)) {
      throw new TargetError(`${manifestFile} lists stack ${name}, but ${stackFile} is missing`, 'run `npm run synth` again'); // prettier-ignore
    }
    const json = JSON.parse(readFileSync(stackFile, 'utf8')) as { provider?: Record<string, unknown> };
    return { name, providers: Object.keys(json.provider ?? {}).sort() };
  });
}

/** ARN of an account's plan or apply role, named exactly as the account's bootstrap stack names it. */
export function githubRoleArn(
  environments: readonly EnvironmentConfig[],
  environment: EnvironmentConfig,
  role: GithubRole,
): string {
  const account = bootstrapPropsFor(environments).find((props) => props.accountId === environment.account.id);
  if (!account) throw new Error(`no bootstrap stack for account ${environment.account.id}`); // cannot happen: one per account
  const roleName = resourceName('iamRole', account.projectPrefix, `github-${role}`);
  return `arn:aws:iam::${account.accountId}:role/${roleName}`;
}

/**
 * The stacks a plan or drift run covers: every synthesized stack of every environment, in
 * environment order (as given) and then deploy order. Bootstrap stacks are left out: a person
 * applies them with administrator credentials (help/bootstrap.md). A stack that belongs to no
 * environment is an error, since no workflow would ever plan it.
 */
export function planTargets(
  environments: readonly EnvironmentConfig[],
  synthesized: readonly SynthesizedStack[],
): PlanTarget[] {
  const byName = new Map(synthesized.map((stack) => [stack.name, stack]));
  const targets: PlanTarget[] = [];
  for (const environment of environments) {
    for (const layer of LAYERS) {
      const stack = byName.get(stackIdOf(environment.name, layer));
      if (!stack) continue; // a layer not built yet (the app adds layers one at a time)
      byName.delete(stack.name);
      targets.push({
        stack: stack.name,
        environment: environment.name,
        layer,
        region: environment.region,
        roleArn: githubRoleArn(environments, environment, 'plan'),
        cloudflare: stack.providers.includes('cloudflare'),
      });
    }
  }
  const bootstraps = new Set(
    bootstrapPropsFor(environments).map((props) => bootstrapStackId(props.accountName)),
  );
  const unknown = [...byName.keys()].filter((name) => !bootstraps.has(name));
  if (unknown.length > 0) {
    throw new TargetError(
      `synthesized stacks that belong to no environment: ${unknown.join(', ')}`,
      `stacks are named <env>-<layer> with a layer of ${LAYERS.join(', ')}; add the layer to LAYERS in stacks/environment-stack.ts or rename the stack`,
    );
  }
  return targets;
}

/**
 * What the deploy job of `environmentName` applies, with what role. `githubEnvironment` is the
 * GitHub environment the workflow put the job in: it must be the one the config names, since the
 * apply role trusts only that one.
 */
export function deployTarget(
  environments: readonly EnvironmentConfig[],
  synthesized: readonly SynthesizedStack[],
  environmentName: string,
  githubEnvironment: string,
): DeployTarget {
  const environment = environments.find((e) => e.name === environmentName);
  if (!environment) {
    throw new TargetError(
      `no environment named ${JSON.stringify(environmentName)}`,
      `the environments are ${environments.map((e) => e.name).join(', ')} (config/environments/<name>.yaml)`,
    );
  }
  const expected = githubEnvironmentOf(environment);
  if (githubEnvironment !== expected) {
    throw new TargetError(
      `the deploy job of ${environment.name} runs in GitHub environment ${JSON.stringify(githubEnvironment)}, but the config says ${JSON.stringify(expected)}`,
      `set github-environment: ${expected} in .github/workflows/deploy.yml, or ci.githubEnvironment in config/environments/${environment.name}.yaml`,
    );
  }
  const names = new Set(synthesized.map((stack) => stack.name));
  const stacks = LAYERS.map((layer) => stackIdOf(environment.name, layer));
  const missing = stacks.filter((stack) => !names.has(stack));
  if (missing.length > 0) {
    throw new TargetError(
      `cannot deploy ${environment.name}: ${missing.join(', ')} not synthesized`,
      'a deploy applies every layer in order; check that stacks/app.ts builds them and that `npm run synth` succeeded',
    );
  }
  return {
    environment: environment.name,
    githubEnvironment,
    region: environment.region,
    roleArn: githubRoleArn(environments, environment, 'apply'),
    stacks,
  };
}
