import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/** Runs main.ts as the cdktf CLI would (transpile-only), with its own config and output folders. */
function runApp(env: Record<string, string>) {
  return spawnSync(process.execPath, ['-r', './scripts/ts-register.cjs', 'main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
}

describe('main.ts', () => {
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(path.join(tmpdir(), 'main-test-'));
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('synthesizes every stack of every bundled environment', () => {
    const outdir = path.join(work, 'out');
    const result = runApp({ CDKTF_OUTDIR: outdir });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const stacks = readdirSync(path.join(outdir, 'stacks')).sort();
    const layers = ['data', 'edge', 'network', 'service'];
    const environments = ['dev', 'prod', 'staging'];
    expect(stacks).toEqual([
      'bootstrap-nonprod',
      'bootstrap-prod',
      ...environments.flatMap((env) => layers.map((layer) => `${env}-${layer}`)),
    ]);
    const prod = JSON.parse(readFileSync(path.join(outdir, 'stacks', 'prod-network', 'cdk.tf.json'), 'utf8'));
    expect(prod.terraform.backend.s3.key).toBe('prod/network.tfstate');

    // The bundle cdktf.json runs (cdktf, constructs and the providers inside it) writes the same bytes.
    // Inside the repository, so that the bundle finds node_modules for what stays outside it.
    mkdirSync(path.join(ROOT, 'node_modules', '.cache'), { recursive: true });
    const bundleRoot = mkdtempSync(path.join(ROOT, 'node_modules', '.cache', 'main-test-'));
    try {
      const dist = path.join(bundleRoot, 'dist');
      const build = spawnSync(process.execPath, ['scripts/build-app.mjs', dist], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      expect(build.stderr).toBe('');
      const bundled = spawnSync(process.execPath, [path.join(dist, 'main.js')], {
        cwd: ROOT,
        env: { ...process.env, CDKTF_OUTDIR: path.join(work, 'bundled') },
        encoding: 'utf8',
      });
      expect(bundled.stderr).toBe('');
      for (const stack of stacks) {
        const file = path.join('stacks', stack, 'cdk.tf.json');
        expect(readFileSync(path.join(work, 'bundled', file), 'utf8')).toBe(
          readFileSync(path.join(outdir, file), 'utf8'),
        );
      }
      // cdktf zips an asset by running its private/fs.js as a script: it must stay a file of its own.
      const bundle = readFileSync(path.join(dist, 'main.js'), 'utf8');
      expect(bundle).toContain('require("cdktf/lib/private/fs")');
      expect(bundle).not.toContain('node ${__filename}');
    } finally {
      rmSync(bundleRoot, { recursive: true, force: true });
    }
  }, 60_000);

  it('reports every problem of a broken file with file, field, rule, value and hint, and writes nothing', () => {
    const configDir = path.join(work, 'config');
    const outdir = path.join(work, 'out');
    const good = readFileSync(path.join(ROOT, 'config', 'environments', 'dev.yaml'), 'utf8');
    mkdirSync(configDir);
    writeFileSync(
      path.join(configDir, 'dev.yaml'),
      good
        .replace('cidr: 10.10.0.0/16', 'cidr: 10.10.0.0/33')
        .replace('natGateways: single', 'natGateway: single')
        .replace('retentionDays: 30', 'retentionDays: 31')
        .replace('name: dev.example.com', 'name: dev..example.com'),
    );
    const result = runApp({ INFRA_CONFIG_DIR: configDir, CDKTF_OUTDIR: outdir });
    expect(result.status).toBe(1);
    const file = path.join(configDir, 'dev.yaml');
    expect(result.stderr).toContain(`${file}: network.cidr: `);
    expect(result.stderr).toContain(`${file}: network.natGateway: unknown field [unknown-key]`);
    expect(result.stderr).toContain("hint:  did you mean 'natGateways'?");
    expect(result.stderr).toMatch(/network\.flowLogs\.retentionDays: .*\n\s+value: 31\n\s+hint: /);
    expect(result.stderr).toMatch(
      /domain\.name: not a valid domain name \[domain-name\]\n\s+value: "dev\.\.example\.com"/,
    );
    expect(result.stderr).not.toMatch(/^\s+at .*\(.*:\d+:\d+\)$/m);
    expect(result.stdout).toBe('');
    expect(existsSync(outdir)).toBe(false);
  }, 30_000);
});
