/**
 * The workflows' view of the config: which stacks to plan, and what a deploy job applies with
 * which role. Run from the repository root after `npm run synth`:
 *
 *   npx ts-node --transpile-only .github/scripts/targets-cli.ts plan-matrix
 *   npx ts-node --transpile-only .github/scripts/targets-cli.ts deploy prod --github-environment production
 *
 * `plan-matrix` prints a GitHub Actions matrix (`{"include":[...]}`) on one line; `deploy` prints
 * `key=value` lines for `$GITHUB_OUTPUT`. `--out` names the synth folder (default `cdktf.out`);
 * `INFRA_CONFIG_DIR` the environment files, as for `main.ts`. A mistake exits 1 with what and a hint.
 */
import { ConfigError } from '../../config/issues';
import { DEFAULT_CONFIG_DIR, loadEnvironments } from '../../config/load';
import { deployTarget, planTargets, readSynthesizedStacks, TargetError } from './targets';

const USAGE = [
  'usage: targets-cli.ts plan-matrix [--out DIR]',
  '       targets-cli.ts deploy ENV --github-environment NAME [--out DIR]',
].join('\n');

/** Runs one command; returns the text to print. Throws {@link TargetError} or {@link ConfigError} for bad input. */
export function run(args: readonly string[], env: Readonly<Record<string, string | undefined>>): string {
  const [command, ...rest] = args;
  const positional: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    if (rest[i].startsWith('--')) {
      const value = rest[i + 1];
      if (value === undefined || value.startsWith('--')) {
        throw new TargetError(`option ${rest[i]} needs a value`, USAGE);
      }
      options.set(rest[i], value);
      i++;
    } else {
      positional.push(rest[i]);
    }
  }
  const known = command === 'deploy' ? ['--out', '--github-environment'] : ['--out'];
  const unknown = [...options.keys()].filter((option) => !known.includes(option));
  if (unknown.length > 0) throw new TargetError(`unknown option ${unknown.join(', ')}`, USAGE);

  const isPlanMatrix = command === 'plan-matrix' && positional.length === 0;
  const isDeploy = command === 'deploy' && positional.length === 1 && options.has('--github-environment');
  if (!isPlanMatrix && !isDeploy)
    throw new TargetError(`cannot run ${JSON.stringify(args.join(' '))}`, USAGE);

  const environments = loadEnvironments(env.INFRA_CONFIG_DIR || DEFAULT_CONFIG_DIR).map((e) => e.config);
  const synthesized = readSynthesizedStacks(options.get('--out') ?? 'cdktf.out');
  if (isPlanMatrix) return `${JSON.stringify({ include: planTargets(environments, synthesized) })}\n`;
  const target = deployTarget(environments, synthesized, positional[0], options.get('--github-environment')!);
  return [
    `environment=${target.environment}`,
    `github-environment=${target.githubEnvironment}`,
    `region=${target.region}`,
    `role-arn=${target.roleArn}`,
    `stacks=${target.stacks.join(' ')}`,
    '',
  ].join('\n');
}

if (require.main === module) {
  try {
    process.stdout.write(run(process.argv.slice(2), process.env));
  } catch (error) {
    if (error instanceof TargetError) {
      process.stderr.write(`targets: ${error.message}\n  hint: ${error.hint.replace(/\n/g, '\n        ')}\n`);
    } else if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      throw error;
    }
    process.exitCode = 1;
  }
}
