/**
 * `npm run bench`: wall time and peak memory of synthesis, against the floor no implementation
 * can go under (a node process that only loads cdktf, constructs and the provider modules whose
 * resource types the stacks use). Prints medians of several runs and the ratio synth / floor.
 *
 * Usage: npm run bench [-- --runs 5 --scale 30]
 */
import { buildSync } from 'esbuild';
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
const RSS_PRELOAD = path.join(__dirname, 'bench-rss.js');

interface Sample {
  readonly wallMs: number;
  readonly peakRssMiB: number;
}

interface Measured {
  readonly label: string;
  readonly median: Sample;
  readonly samples: Sample[];
}

function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} takes a whole number, got ${process.argv[i + 1]}`);
  return value;
}

/** Runs a shell command; every node process it starts records its peak RSS through the preload. */
function runOnce(command: string, env: Record<string, string>): Sample {
  const rssDir = mkdtempSync(path.join(tmpdir(), 'bench-rss-'));
  const start = process.hrtime.bigint();
  const result = spawnSync('sh', ['-c', command], {
    cwd: ROOT,
    env: { ...process.env, ...env, BENCH_RSS_DIR: rssDir, NODE_OPTIONS: `--require ${RSS_PRELOAD}` },
    encoding: 'utf8',
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) {
    throw new Error(`'${command}' failed (${result.status}):\n${result.stderr || result.stdout}`);
  }
  const peaks = readdirSync(rssDir).map((f) => Number(readFileSync(path.join(rssDir, f), 'utf8')));
  rmSync(rssDir, { recursive: true, force: true });
  return { wallMs, peakRssMiB: Math.max(0, ...peaks) / 1024 / 1024 };
}

interface Job {
  readonly label: string;
  readonly command: string;
  readonly env?: Record<string, string>;
}

/**
 * Runs every job `runs` times, round-robin (job A, job B, job A, ...) after one warm-up each, so a
 * change in machine load hits every job alike instead of skewing the ratio between them.
 */
function measureAll(jobs: readonly Job[], runs: number): Measured[] {
  for (const job of jobs) runOnce(job.command, job.env ?? {});
  const samples = jobs.map(() => [] as Sample[]);
  for (let run = 0; run < runs; run++) {
    jobs.forEach((job, i) => samples[i].push(runOnce(job.command, job.env ?? {})));
  }
  const middle = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return jobs.map((job, i) => ({
    label: job.label,
    samples: samples[i],
    median: {
      wallMs: middle(samples[i].map((s) => s.wallMs)),
      peakRssMiB: middle(samples[i].map((s) => s.peakRssMiB)),
    },
  }));
}

/** The provider modules (deep paths) of every resource and data source type in a synth output. */
function providerModulesOf(outdir: string): string[] {
  const modules = new Set<string>();
  const stacksDir = path.join(outdir, 'stacks');
  for (const stack of readdirSync(stacksDir)) {
    const json = JSON.parse(readFileSync(path.join(stacksDir, stack, 'cdk.tf.json'), 'utf8'));
    for (const provider of Object.keys(json.provider ?? {})) modules.add(moduleFor(provider, 'provider'));
    for (const type of Object.keys(json.resource ?? {})) modules.add(moduleFor(type, ''));
    for (const type of Object.keys(json.data ?? {})) {
      if (type !== 'terraform_remote_state') modules.add(moduleFor(type, 'data-'));
    }
  }
  return [...modules].sort();
}

function moduleFor(type: string, prefix: string): string {
  const [provider, ...rest] = type.split('_');
  const pkg = `@cdktf/provider-${provider}`;
  // Resources drop the provider prefix (aws_vpc -> lib/vpc); data sources keep it (lib/data-aws-region).
  const name =
    prefix === 'provider'
      ? 'provider'
      : prefix === 'data-'
        ? `data-${type.replace(/_/g, '-')}`
        : rest.join('-');
  const modulePath = `${pkg}/lib/${name}`;
  if (!existsSync(path.join(ROOT, 'node_modules', modulePath))) {
    throw new Error(`no provider module for ${type} (looked for ${modulePath})`);
  }
  return modulePath;
}

/** Environment files for `count` synthetic environments, shaped like the bundled production one. */
function writeSyntheticEnvironments(dir: string, count: number): void {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const name = `env${String(i).padStart(2, '0')}`;
    const production = i % 3 === 0;
    writeFileSync(
      path.join(dir, `${name}.yaml`),
      [
        `name: ${name}`,
        `production: ${production}`,
        'account:',
        `  id: '${String(100000000000 + i)}'`,
        'region: eu-west-1',
        'owner: platform-team',
        'costCenter: cc-1000',
        'repository: example-org/platform-infra',
        'domain:',
        `  name: ${name}.example.com`,
        'network:',
        `  cidr: 10.${i}.0.0/16`,
        '  availabilityZones: [eu-west-1a, eu-west-1b, eu-west-1c]',
        `  natGateways: ${production ? 'perAz' : 'single'}`,
        '  interfaceEndpoints: [ecr.api, ecr.dkr, logs]',
        'alerts:',
        `  emails: [oncall-${name}@example.com]`,
        'service:',
        `  image: { repository: ghcr.io/example-org/api, tag: '1.4.${i}' }`,
        `  minTasks: ${production ? 3 : 1}`,
        `  maxTasks: ${production ? 12 : 2}`,
        'budget:',
        `  monthlyLimitUsd: ${production ? 5000 : 500}`,
        ...(production
          ? [
              'data:',
              '  database: { multiAz: true, proxy: true, readReplica: true, backupReplicationRegion: eu-central-1 }',
              '  cache: { nodes: 3, multiAz: true }',
              '  backup: { copyRegion: eu-central-1, vaultLock: true }',
            ]
          : []),
        '',
      ].join('\n'),
    );
  }
}

function row(m: Measured, extra = ''): string {
  return `| ${m.label} | ${m.median.wallMs.toFixed(0)} | ${m.median.peakRssMiB.toFixed(0)} | ${extra} |`;
}

function main(): void {
  const runs = argument('runs', 5);
  const scale = argument('scale', 30);
  const app = JSON.parse(readFileSync(path.join(ROOT, 'cdktf.json'), 'utf8')).app as string;
  const work = mkdtempSync(path.join(tmpdir(), 'bench-'));
  mkdirSync(path.join(ROOT, 'node_modules', '.cache'), { recursive: true });
  let leanDir: string | undefined;
  try {
    // One plain synth first, to learn which provider modules the floor must load.
    const bundledOut = path.join(work, 'bundled.out');
    runOnce(app, { CDKTF_OUTDIR: bundledOut });
    const stackCount = readdirSync(path.join(bundledOut, 'stacks')).length;
    const modules = providerModulesOf(bundledOut);
    const floorScript = path.join(work, 'floor.js');
    writeFileSync(
      floorScript,
      [
        "require('cdktf');",
        "require('constructs');",
        ...modules.map((m) => `require(${JSON.stringify(m)});`),
      ].join('\n'),
    );

    // The same modules loaded the way the app loads them (one bundle, archiver deferred): not the
    // budget's floor, which is plain `require`, but what is left once loading costs what it does
    // for the app, so the ratio shows the work above loading too (help/performance.md).
    leanDir = mkdtempSync(path.join(ROOT, 'node_modules', '.cache', 'bench-floor-'));
    const leanFloor = path.join(leanDir, 'floor-bundled.js');
    const leanSource = path.join(leanDir, 'floor-source.js');
    writeFileSync(
      leanSource,
      // The app's own deferral first, as main.ts imports it first.
      [
        `require(${JSON.stringify(path.join(ROOT, 'stacks', 'defer-archiver.ts'))});`,
        readFileSync(floorScript, 'utf8'),
      ].join('\n'),
    );
    buildSync({
      entryPoints: [leanSource],
      bundle: true,
      platform: 'node',
      target: 'node20',
      outfile: leanFloor,
      external: ['archiver'],
      logLevel: 'warning',
    });

    const smallCount = Math.max(1, Math.round(scale / 3));
    for (const count of [smallCount, scale])
      writeSyntheticEnvironments(path.join(work, `envs-${count}`), count);
    const scaledJob = (count: number): Job => ({
      label: `synth: ${count} synthetic environments`,
      command: app,
      env: {
        INFRA_CONFIG_DIR: path.join(work, `envs-${count}`),
        CDKTF_OUTDIR: path.join(work, `out-${count}`),
      },
    });
    const [bundled, floor, leanFloorRun, small, large] = measureAll(
      [
        { label: 'synth: bundled environments', command: app, env: { CDKTF_OUTDIR: bundledOut } },
        {
          label: 'floor: load cdktf, constructs, provider modules',
          command: `node ${floorScript}`,
          env: { NODE_PATH: path.join(ROOT, 'node_modules') },
        },
        {
          label: 'floor, loaded as the app loads it (bundled, archiver deferred)',
          command: `node ${leanFloor}`,
        },
        scaledJob(smallCount),
        scaledJob(scale),
      ],
      runs,
    );

    const ratio = bundled.median.wallMs / floor.median.wallMs;
    const perEnvSmall = (small.median.wallMs - floor.median.wallMs) / smallCount;
    const perEnvLarge = (large.median.wallMs - floor.median.wallMs) / scale;
    const lines = [
      `platform-infra bench: median of ${runs} interleaved runs (after one warm-up each), node ${process.version}, app: \`${app}\``,
      '',
      '| what | wall ms | peak RSS MiB | notes |',
      '| --- | ---: | ---: | --- |',
      row(bundled, `${stackCount} stacks`),
      row(floor, `${modules.length} provider modules`),
      row(leanFloorRun, 'for information: not the budget'),
      row(small, `${perEnvSmall.toFixed(0)} ms per environment above the floor`),
      row(large, `${perEnvLarge.toFixed(0)} ms per environment above the floor`),
      '',
      `synth / floor (bundled): ${ratio.toFixed(2)}x (budget 2.00x)`,
      `synth / floor loaded as the app loads it: ${(bundled.median.wallMs / leanFloorRun.median.wallMs).toFixed(2)}x (for information)`,
      `peak memory (bundled): ${bundled.median.peakRssMiB.toFixed(0)} MiB (budget 300 MiB)`,
      `scaling: ${(perEnvLarge / perEnvSmall).toFixed(2)} = per-environment cost at ${scale} / at ${smallCount} (1.00 is linear)`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    const overBudget = ratio > 2 || bundled.median.peakRssMiB > 300;
    if (overBudget) process.stdout.write('OVER BUDGET\n');
    process.exitCode = overBudget ? 1 : 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
    if (leanDir) rmSync(leanDir, { recursive: true, force: true });
  }
}

main();
