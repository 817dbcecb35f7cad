// First: cdktf must find archiver deferred when it loads (stacks/defer-archiver.ts).
import './stacks/defer-archiver';
import { App } from 'cdktf';
import { ConfigError } from './config/issues';
import { DEFAULT_CONFIG_DIR, loadEnvironments } from './config/load';
import { buildStacks } from './stacks/app';
import { enableFastSynth } from './stacks/fast-synth';
import { staleSources } from './stacks/stale-build';

/**
 * The cdktf app (`cdktf.json` runs the compiled `dist/main.js`): validates every environment file
 * first, and only when all are valid builds every stack of every environment.
 * `INFRA_CONFIG_DIR` points it at another folder of environment files.
 */
function main(): number {
  const stale = staleSources(__filename);
  if (stale.length > 0) {
    process.stderr.write(
      `dist/ is older than ${stale.slice(0, 3).join(', ')}${stale.length > 3 ? ', ...' : ''}: run \`npm run build\` (or \`npm run synth\`) first.\n`,
    );
    return 1;
  }
  const configDir = process.env.INFRA_CONFIG_DIR || DEFAULT_CONFIG_DIR;
  let environments;
  try {
    environments = loadEnvironments(configDir);
  } catch (error) {
    if (error instanceof ConfigError) {
      // A user's mistake: say what and where, no stack trace, and write nothing.
      process.stderr.write(`${error.message}\n\nNothing was synthesized.\n`);
      return 1;
    }
    throw error;
  }
  // Skips work whose result this app never uses (stacks/fast-synth.ts); DEBUG keeps cdktf's own path.
  if (!process.env.DEBUG) enableFastSynth();
  const app = new App({ stackTraces: Boolean(process.env.DEBUG) });
  buildStacks(app, environments);
  app.synth();
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  const detail = process.env.DEBUG ? (error as Error).stack : (error as Error).message;
  process.stderr.write(
    `synth failed: ${detail}\n${process.env.DEBUG ? '' : '(set DEBUG=1 for the stack trace)\n'}`,
  );
  process.exitCode = 1;
}
