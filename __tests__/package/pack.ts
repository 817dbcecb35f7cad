import { mkdirSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { run } from './run';

/** The parts of the packed package.json the tests read. */
export interface PackedManifest {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
  readonly main?: string;
  readonly types?: string;
  readonly exports?: Record<string, string | { readonly types?: string; readonly default?: string }>;
  readonly files?: string[];
  readonly publishConfig?: { readonly registry?: string; readonly access?: string };
  readonly scripts?: Record<string, string>;
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
}

/** A packed tarball: where it is, the files in it and its package.json. */
export interface PackedPackage {
  /** Absolute path of the `.tgz`. */
  readonly tarball: string;
  /** Every file of the tarball, relative to the package root (without tar's `package/`). */
  readonly files: readonly string[];
  /** The package.json inside the tarball. */
  readonly manifest: PackedManifest;
}

/**
 * Packs the repository with `npm pack`, as `npm publish` would (its `prepack` builds first), into
 * `destination`, and reads the tarball back: what is inside is what consumers get.
 */
export function packRepository(repositoryRoot: string, destination: string): PackedPackage {
  mkdirSync(destination, { recursive: true });
  run('npm', ['pack', '--pack-destination', destination], { cwd: repositoryRoot });
  const tarballs = readdirSync(destination).filter((file) => file.endsWith('.tgz'));
  if (tarballs.length !== 1) {
    throw new Error(`npm pack left ${tarballs.length} tarballs in ${destination}: ${tarballs.join(', ')}`);
  }
  const tarball = path.join(destination, tarballs[0]);
  const files = run('tar', ['-tzf', tarball], { cwd: destination })
    .split('\n')
    .filter((line) => line !== '' && !line.endsWith('/'))
    .map((line) => line.replace(/^package\//, ''));
  const manifest = JSON.parse(
    run('tar', ['-xzOf', tarball, 'package/package.json'], { cwd: destination }),
  ) as PackedManifest;
  return { tarball, files, manifest };
}

/** Subpath and typings/code file of every `exports` entry with conditions (`./package.json` aside). */
export function exportTargets(
  manifest: PackedManifest,
): { subpath: string; types?: string; code?: string }[] {
  return Object.entries(manifest.exports ?? {})
    .filter(([, target]) => typeof target !== 'string')
    .map(([subpath, target]) => {
      const conditions = target as { types?: string; default?: string };
      return { subpath, types: conditions.types, code: conditions.default };
    });
}
