// `node scripts/run-parallel.mjs lint typecheck`: runs npm scripts at the same time (prettier and
// tsc each keep about one core busy; on two cores, side by side they finish in the time of the
// longer). Each one's output is printed whole, in the order given; exit 1 when any failed.
import { spawn } from 'node:child_process';

const scripts = process.argv.slice(2);
const results = await Promise.all(
  scripts.map(
    (script) =>
      new Promise((resolve) => {
        const child = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (chunk) => (output += chunk));
        child.stderr.on('data', (chunk) => (output += chunk));
        child.on('close', (code) => resolve({ script, code, output }));
      }),
  ),
);
for (const { script, code, output } of results) {
  process.stdout.write(output);
  if (code !== 0) process.stderr.write(`npm run ${script} failed (exit ${code})\n`);
}
process.exitCode = results.every((r) => r.code === 0) ? 0 : 1;
