/**
 * The two tools as CI runs them: child processes, exit codes, stdout and stderr. The logic is
 * tested in-process next to this file; these only prove the wiring.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fixture, stackJson, tempDir, writeSynthOutput } from './support';

const ROOT = path.resolve(__dirname, '..', '..');

/** Runs a script the way the package.json scripts do (types stripped by scripts/ts-register.cjs). */
function runScript(script: string, args: string[]) {
  return spawnSync(process.execPath, ['-r', './scripts/ts-register.cjs', script, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
}

describe('review tools as commands', () => {
  it('npm run plan-summary: DANGER on stdout, exit 2', () => {
    const result = spawnSync(
      'npm',
      ['run', '--silent', 'plan-summary', '--', fixture('prod-data.plan.json')],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(result.status).toBe(2);
    expect(result.stdout.startsWith('<!-- plan-summary -->\n')).toBe(true);
    expect(result.stdout).toContain(
      '| prod-data | `aws_db_instance.database_instance_D7FC2283` | RDS database instance |',
    );
  }, 30_000);

  it('plan-summary: an unreadable file exits 1 with one clear line and no stack trace', () => {
    const missing = path.join(ROOT, 'no-such-plan.json');
    const result = runScript('scripts/review/plan-summary.ts', [missing]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `plan-summary: ${missing}: cannot read the plan: no such file\n` +
        '  hint: make one with `terraform show -json plan.bin > <stack>.json` after `terraform plan -out=plan.bin`\n',
    );
  }, 30_000);

  it('synth-diff: a removed bucket exits 2 with DANGER on stdout and nothing on stderr', () => {
    const { dir, remove } = tempDir('synth-diff-cli');
    try {
      const bucket = { aws_s3_bucket: { assets_bucket_1A2B3C4D: { bucket: 'platform-prod-assets' } } };
      const base = writeSynthOutput(path.join(dir, 'base'), { 'prod-data': stackJson('prod-data', bucket) });
      const head = writeSynthOutput(path.join(dir, 'head'), { 'prod-data': stackJson('prod-data', {}) });
      const blocked = runScript('scripts/review/synth-diff.ts', [base, head]);
      expect(blocked.stderr).toBe('');
      expect(blocked.status).toBe(2);
      expect(blocked.stdout.startsWith('<!-- synth-diff -->\n')).toBe(true);
      expect(blocked.stdout).toContain(
        '| prod-data | `aws_s3_bucket.assets_bucket_1A2B3C4D` | S3 bucket | removed |',
      );
    } finally {
      remove();
    }
  }, 30_000);
});
