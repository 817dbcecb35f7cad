import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { PackedPackage } from './pack';
import { run } from './run';

/** The TypeScript compiler of this repository: consumers are checked with the version we build with. */
const TSC = require.resolve('typescript/bin/tsc');

/** Compiler options of the consumer: what a team starting a cdktf project would set. */
const CONSUMER_COMPILER_OPTIONS = {
  target: 'ES2022',
  lib: ['ES2022'],
  module: 'commonjs',
  moduleResolution: 'node',
  strict: true,
  // zod's typings default-import their locale modules, which compiles only with esModuleInterop.
  esModuleInterop: true,
  // Our .d.ts files are checked too: a typing that only compiles in this repository fails here.
  skipLibCheck: false,
  types: ['node'],
  rootDir: 'src',
  outDir: 'dist',
};

/** A throw-away npm project outside the repository that depends on the packed tarball only. */
export class ConsumerProject {
  /** Folder of the project. */
  readonly dir: string;

  /**
   * Writes package.json (the tarball, the peer dependencies at the package's own ranges, and
   * `@types/node`) and tsconfig.json into `dir`. Nothing of the repository is referenced but the tarball.
   */
  constructor(dir: string, packed: PackedPackage) {
    this.dir = dir;
    const peers = packed.manifest.peerDependencies ?? {};
    const nodeTypes = packed.manifest.devDependencies?.['@types/node'] ?? '*';
    mkdirSync(path.join(dir, 'src'), { recursive: true });
    const manifest = {
      name: 'platform-infra-consumer-check',
      version: '0.0.0',
      private: true,
      dependencies: { [packed.manifest.name]: `file:${packed.tarball}`, ...peers, '@types/node': nodeTypes },
    };
    writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    const tsconfig = { compilerOptions: CONSUMER_COMPILER_OPTIONS, include: ['src'] };
    writeFileSync(path.join(dir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  }

  /** `npm install` from the registry, or the local cache when it has the versions. */
  install(): void {
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: this.dir });
  }

  /** Writes a source file under `src/`. */
  writeSource(relativePath: string, text: string): void {
    const file = path.join(this.dir, 'src', relativePath);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }

  /** Type-checks `src/` and emits JavaScript into `dist/`, with the consumer's tsconfig and `extraArgs`. */
  compile(extraArgs: readonly string[] = []): void {
    run(process.execPath, [TSC, '-p', '.', ...extraArgs], { cwd: this.dir });
  }

  /** Runs compiled `dist/<relativePath>` with node in the project folder; returns its standard output. */
  node(relativePath: string, args: readonly string[] = [], env: Record<string, string> = {}): string {
    return run(process.execPath, [path.join('dist', relativePath), ...args], { cwd: this.dir, env });
  }

  /** Runs a CommonJS script with node in the project folder (so it resolves the project's node_modules). */
  evaluate(script: string): string {
    return run(process.execPath, ['-e', script], { cwd: this.dir });
  }
}
