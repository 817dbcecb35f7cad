import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Runs a script in a plain node process (jest's own module loader would bypass the hook under test),
 * with stacks/defer-archiver.ts loaded first, as main.ts does.
 */
function runWithDeferredArchiver(script: string) {
  const result = spawnSync(
    process.execPath,
    ['-r', './scripts/ts-register.cjs', '-r', './stacks/defer-archiver.ts', '-e', script],
    { cwd: ROOT, encoding: 'utf8' },
  );
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout;
}

describe('deferArchiver', () => {
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(path.join(tmpdir(), 'defer-archiver-'));
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('keeps archiver out of a process that loads cdktf and synthesizes no asset', () => {
    const loaded = runWithDeferredArchiver(`
      require('cdktf');
      console.log(JSON.stringify(Object.keys(require.cache).filter((f) => /[\\\\/]archiver[\\\\/]/.test(f))));
    `);
    expect(JSON.parse(loaded)).toEqual([]);
  });

  it('loads the real archiver on the first call of what require returns', () => {
    const stdout = runWithDeferredArchiver(`
      const archiver = require('archiver');
      const before = Object.keys(require.cache).some((f) => /[\\\\/]archiver[\\\\/]/.test(f));
      const archive = archiver('zip');
      console.log(JSON.stringify({ before, piping: typeof archive.pipe, zips: typeof archive.directory }));
    `);
    expect(JSON.parse(stdout)).toEqual({ before: false, piping: 'function', zips: 'function' });
  });

  it('still zips a TerraformAsset directory (cdktf zips in a child process of its own)', () => {
    const source = path.join(work, 'lambda');
    mkdirSync(source);
    writeFileSync(path.join(source, 'index.js'), 'exports.handler = async () => 42;\n');
    const outdir = path.join(work, 'out');
    const stdout = runWithDeferredArchiver(`
      const { App, TerraformStack, TerraformAsset, AssetType } = require('cdktf');
      const app = new App({ outdir: ${JSON.stringify(outdir)} });
      const stack = new TerraformStack(app, 'assets');
      const asset = new TerraformAsset(stack, 'code', { path: ${JSON.stringify(source)}, type: AssetType.ARCHIVE });
      app.synth();
      console.log(asset.path);
    `);
    const zip = readFileSync(path.join(outdir, 'stacks', 'assets', stdout.trim()));
    // A zip archive starts with a local file header (PK\\3\\4) and names the file it holds.
    expect(zip.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    expect(zip.includes(Buffer.from('index.js'))).toBe(true);
  }, 30_000);
});
