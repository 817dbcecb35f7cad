import { spawnSync } from 'node:child_process';

/** What {@link run} needs besides the command. */
export interface RunOptions {
  /** Working directory of the command. */
  readonly cwd: string;
  /** Variables added to {@link isolatedEnv}. @default none */
  readonly env?: Record<string, string>;
}

/**
 * The environment without npm's `npm_*` variables. `npm run test:package` sets them for this
 * repository (its prefix, its package.json); a nested npm or cdktf must see only its own project.
 */
export function isolatedEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  return { ...env, ...extra };
}

/**
 * Runs a command to completion and returns its standard output. A failure throws with the command,
 * the folder and everything it printed, so the test report says what broke without a rerun.
 */
export function run(command: string, args: readonly string[], options: RunOptions): string {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    env: isolatedEnv(options.env),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw new Error(`${command} could not start in ${options.cwd}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} (in ${options.cwd}) exited with ${result.status ?? result.signal}:\n` +
        `${result.stdout}\n${result.stderr}`,
    );
  }
  return result.stdout;
}

/** Runs `step`, adding its wall-clock seconds to `timings` under `name`. */
export function timed<T>(timings: Map<string, number>, name: string, step: () => T): T {
  const start = process.hrtime.bigint();
  try {
    return step();
  } finally {
    timings.set(name, Number(process.hrtime.bigint() - start) / 1e9);
  }
}
