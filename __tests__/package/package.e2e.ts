import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConsumerProject } from './consumer-project';
import { CONSUMER, CONSUMER_STACK_SOURCE } from './consumer-stack';
import { DocExample, exampleFile, extractExamples, HARNESS_SOURCE, RUNNER_SOURCE } from './doc-examples';
import { exportTargets, PackedPackage, packRepository } from './pack';
import { timed } from './run';

/**
 * The package as another team gets it: `npm pack` (which builds through `prepack`), the tarball's
 * contents, then an install into an empty project outside the repository, where a stack built
 * only from the public imports type-checks, runs and synthesizes, and so does every example of
 * help/library.md. Slow (npm pack and install): `npm run test:package`, not part of `npm test`.
 */

const REPOSITORY = path.resolve(__dirname, '..', '..');
const PEERS = [
  'cdktf',
  'constructs',
  '@cdktf/provider-aws',
  '@cdktf/provider-cloudflare',
  '@cdktf/provider-random',
];
const RUNTIME_LIBRARIES = ['zod', 'yaml', 'ipaddr.js'];
/** Files the tarball may hold besides compiled code and typings under build/. */
const PACKAGE_DOCUMENTS = ['package.json', 'README.md', 'CHANGELOG.md'];

/** Synthesized Terraform JSON, the parts read here. */
interface TerraformJson {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, unknown>;
  output?: Record<string, unknown>;
}

/** Every `cdk.tf.json` under a cdktf output folder, by stack name. */
function synthesizedStacks(outdir: string): Map<string, TerraformJson> {
  const stacksDir = path.join(outdir, 'stacks');
  const stacks = new Map<string, TerraformJson>();
  if (!existsSync(stacksDir)) return stacks;
  for (const name of readdirSync(stacksDir)) {
    const file = path.join(stacksDir, name, 'cdk.tf.json');
    if (existsSync(file)) stacks.set(name, JSON.parse(readFileSync(file, 'utf8')) as TerraformJson);
  }
  return stacks;
}

/** The resources of a type as [Terraform name, arguments]. */
function resourcesOf(json: TerraformJson, type: string): [string, Record<string, unknown>][] {
  return Object.entries(json.resource?.[type] ?? {});
}

/** The only resource of a type; throws unless there is exactly one. */
function onlyResource(json: TerraformJson, type: string): [string, Record<string, unknown>] {
  const all = resourcesOf(json, type);
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}

/** Folders of lib/ that are construct folders (they have an index.ts). */
function libFolders(): string[] {
  const lib = path.join(REPOSITORY, 'lib');
  return readdirSync(lib)
    .filter((name) => statSync(path.join(lib, name)).isDirectory())
    .filter((name) => existsSync(path.join(lib, name, 'index.ts')))
    .sort();
}

describe('the @platform/infra package', () => {
  const timings = new Map<string, number>();
  const examples: DocExample[] = extractExamples(
    readFileSync(path.join(REPOSITORY, 'help', 'library.md'), 'utf8'),
  );
  let work: string;
  let packed: PackedPackage;
  let consumer: ConsumerProject;

  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'platform-infra-package-'));
    packed = timed(timings, 'npm pack (build included)', () =>
      packRepository(REPOSITORY, path.join(work, 'pack')),
    );
    consumer = new ConsumerProject(path.join(work, 'consumer'), packed);
    timed(timings, 'npm install', () => consumer.install());
    consumer.writeSource('consumer-stack.ts', CONSUMER_STACK_SOURCE);
    consumer.writeSource(path.join('examples', 'harness.ts'), HARNESS_SOURCE);
    consumer.writeSource(path.join('examples', 'run-snippets.ts'), RUNNER_SOURCE);
    for (const example of examples)
      consumer.writeSource(path.join('examples', `${example.slug}.ts`), exampleFile(example));
  }, 600_000);

  afterAll(() => {
    const total = [...timings.values()].reduce((sum, seconds) => sum + seconds, 0);
    const steps = [...timings].map(([name, seconds]) => `${name} ${seconds.toFixed(1)} s`).join(', ');
    console.log(`package test: ${steps}; ${total.toFixed(1)} s in all`);
    if (process.env.KEEP_PACKAGE_TEST_DIR) console.log(`left in ${work}`);
    else if (work) rmSync(work, { recursive: true, force: true });
  });

  describe('the tarball', () => {
    it('holds compiled JavaScript and typings only, besides package.json, README and CHANGELOG', () => {
      const strays = packed.files.filter(
        (file) => !PACKAGE_DOCUMENTS.includes(file) && !/^build\/.+(\.d\.ts|\.js)$/.test(file),
      );
      expect(strays).toEqual([]);
      expect(packed.files).toContain('CHANGELOG.md');
    });

    it('has no tests, environment files, TypeScript sources, source maps or scripts', () => {
      const forbidden = packed.files.filter(
        (file) =>
          /(^|\/)__tests__\//.test(file) ||
          /(^|\/)config\/environments\//.test(file) ||
          /\.ya?ml$/.test(file) ||
          (file.endsWith('.ts') && !file.endsWith('.d.ts')) ||
          /\.map$/.test(file) ||
          /(^|\/)scripts\//.test(file) ||
          /(^|\/)main\.(js|d\.ts)$/.test(file),
      );
      expect(forbidden).toEqual([]);
    });

    it('has the code and the typings of every exported subpath, and of main and types', () => {
      const targets = exportTargets(packed.manifest);
      expect(targets.length).toBeGreaterThan(1);
      const missing = targets
        .flatMap(({ subpath, types, code }) => [
          [subpath, 'types', types],
          [subpath, 'default', code],
        ])
        .filter(([, , file]) => !file || !packed.files.includes(file.replace(/^\.\//, '')))
        .map(([subpath, condition, file]) => `${subpath} ${condition}: ${file ?? 'not declared'}`);
      expect(missing).toEqual([]);
      expect(packed.files).toContain(packed.manifest.main);
      expect(packed.files).toContain(packed.manifest.types);
      expect(packed.manifest.exports?.['./package.json']).toBe('./package.json');
    });

    it('exports every construct folder of lib/, the root and the stacks', () => {
      const subpaths = Object.keys(packed.manifest.exports ?? {});
      const expected = [...libFolders().map((folder) => `./${folder}`), '.', './stacks'];
      expect(
        subpaths.filter((subpath) => !expected.includes(subpath) && subpath !== './package.json'),
      ).toEqual([]);
      expect(expected.filter((subpath) => !subpaths.includes(subpath))).toEqual([]);
    });

    it('can only be published to the internal registry, and is no longer private', () => {
      expect(packed.manifest.private).toBeUndefined();
      const registry = new URL(packed.manifest.publishConfig?.registry ?? 'https://registry.npmjs.org/');
      expect(registry.hostname).not.toMatch(/(^|\.)npmjs\.(org|com)$/);
      expect(packed.manifest.publishConfig?.access).toBe('restricted');
      expect(packed.manifest.name).toMatch(/^@platform\//);
      expect(packed.manifest.version).toMatch(/^0\.\d+\.\d+$/);
    });

    it('takes cdktf, constructs and the providers as peers, and ships its runtime libraries as dependencies', () => {
      const peers = packed.manifest.peerDependencies ?? {};
      const dependencies = packed.manifest.dependencies ?? {};
      expect(Object.keys(peers).sort()).toEqual([...PEERS].sort());
      expect(PEERS.filter((peer) => peer in dependencies)).toEqual([]);
      // Peers at the ranges this repository builds and tests against.
      for (const peer of PEERS) expect(packed.manifest.devDependencies?.[peer]).toBe(peers[peer]);
      expect(RUNTIME_LIBRARIES.filter((library) => !(library in dependencies))).toEqual([]);
    });
  });

  describe('installed in a project of its own', () => {
    let compiled = false;
    /** Type-checks and compiles the consumer once (classic `node` resolution, through typesVersions). */
    function compile(): void {
      if (compiled) return;
      timed(timings, 'tsc (moduleResolution node)', () => consumer.compile());
      compiled = true;
    }

    it('type-checks the consumer stack and every example against the installed typings', () => {
      expect(() => compile()).not.toThrow();
    });

    it('type-checks with node16 module resolution too (the exports map and its types conditions)', () => {
      expect(() =>
        timed(timings, 'tsc (moduleResolution node16)', () =>
          consumer.compile(['--noEmit', '--module', 'node16', '--moduleResolution', 'node16']),
        ),
      ).not.toThrow();
    });

    it('loads every exported subpath, and the root re-exports every construct folder', () => {
      const subpaths = exportTargets(packed.manifest).map(({ subpath }) =>
        subpath === '.' ? packed.manifest.name : `${packed.manifest.name}/${subpath.slice(2)}`,
      );
      const script = `const names = {};
for (const subpath of ${JSON.stringify(subpaths)}) names[subpath] = Object.keys(require(subpath));
process.stdout.write(JSON.stringify(names));`;
      const names = JSON.parse(
        timed(timings, 'load every subpath', () => consumer.evaluate(script)),
      ) as Record<string, string[]>;
      const empty = Object.entries(names).filter(([, exported]) => exported.length === 0);
      expect(empty).toEqual([]);
      const root = new Set(names[packed.manifest.name]);
      const notAtRoot = libFolders().flatMap((folder) =>
        names[`${packed.manifest.name}/${folder}`]
          .filter((name) => !root.has(name))
          .map((name) => `${folder}: ${name}`),
      );
      expect(notAtRoot).toEqual([]);
    });

    it('refuses deep imports past the exports map', () => {
      const script = `try { require('${packed.manifest.name}/build/lib/network/index.js'); } catch (error) { process.stdout.write(error.code); }`;
      expect(consumer.evaluate(script)).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED');
    });

    it('synthesizes the consumer stack: the VPC with its CIDR, a KMS-encrypted bucket, an alarm to the topic', () => {
      compile();
      const outdir = path.join(work, 'consumer-out');
      timed(timings, 'run the consumer stack', () => consumer.node('consumer-stack.js', [outdir]));
      const json = synthesizedStacks(outdir).get(CONSUMER.stackId);
      expect(json).toBeDefined();
      const stack = json as TerraformJson;

      expect(onlyResource(stack, 'aws_vpc')[1].cidr_block).toBe(CONSUMER.cidr);
      const subnetZones = resourcesOf(stack, 'aws_subnet').map(([, subnet]) => subnet.availability_zone);
      expect(new Set(subnetZones)).toEqual(new Set(CONSUMER.availabilityZones));

      const [bucketName, bucket] = onlyResource(stack, 'aws_s3_bucket');
      expect(bucket.bucket).toBe(CONSUMER.bucketName);
      const [keyName] = resourcesOf(stack, 'aws_kms_alias')
        .filter(([, alias]) => alias.name === `alias/${CONSUMER.keyAlias}`)
        .map(([, alias]) => /^\$\{aws_kms_key\.([^.]+)\./.exec(String(alias.target_key_id))?.[1]);
      expect(keyName).toBeDefined();
      const [, encryption] = onlyResource(stack, 'aws_s3_bucket_server_side_encryption_configuration');
      expect(encryption.bucket).toBe(`\${aws_s3_bucket.${bucketName}.id}`);
      const rule = (encryption.rule as Record<string, Record<string, unknown>>[])[0];
      expect(rule.apply_server_side_encryption_by_default).toEqual({
        sse_algorithm: 'aws:kms',
        kms_master_key_id: `\${aws_kms_key.${keyName}.arn}`,
      });

      const [topicName] = onlyResource(stack, 'aws_sns_topic');
      expect(onlyResource(stack, 'aws_sns_topic_subscription')[1].endpoint).toBe(CONSUMER.alertEmail);
      const alarms = resourcesOf(stack, 'aws_cloudwatch_metric_alarm').filter(
        ([, alarm]) => alarm.metric_name === CONSUMER.alarmMetric,
      );
      expect(alarms).toHaveLength(1);
      expect(alarms[0][1].alarm_actions).toEqual([`\${aws_sns_topic.${topicName}.arn}`]);
      expect(String((alarms[0][1].dimensions as Record<string, string>).NatGatewayId)).toMatch(
        /^\$\{aws_nat_gateway\.[^.]+\.id\}$/,
      );
    });

    it('runs every runnable example of help/library.md, each synthesizing a stack', () => {
      compile();
      const runnable = examples.filter((example) => example.runnable);
      expect(runnable.length).toBeGreaterThan(10);
      const outdir = path.join(work, 'examples-out');
      mkdirSync(outdir, { recursive: true });
      const snippets = runnable.filter((example) => example.kind === 'snippet');
      timed(timings, 'run the examples', () => {
        consumer.node(
          path.join('examples', 'run-snippets.js'),
          snippets.map((example) => path.join('dist', 'examples', `${example.slug}.js`)),
          { EXAMPLES_OUTDIR: outdir },
        );
        for (const program of runnable.filter((example) => example.kind === 'program')) {
          consumer.node(path.join('examples', `${program.slug}.js`), [], {
            CDKTF_OUTDIR: path.join(outdir, program.slug),
          });
        }
      });
      const empty = runnable.filter((example) => {
        const stacks = [...synthesizedStacks(path.join(outdir, example.slug)).values()];
        return stacks.length === 0 || stacks.some((json) => !json.resource && !json.data && !json.output);
      });
      expect(empty.map((example) => example.slug)).toEqual([]);
    });
  });
});
