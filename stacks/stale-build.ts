import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

const SOURCES = ['main.ts', 'lib', 'stacks', 'config'];

/**
 * The sources newer than the compiled app, when it runs from `dist/`. `cdktf synth` runs the
 * bundle `dist/main.js`; without this check, an edit not yet built would be silently left out of
 * the plan someone reviews.
 */
export function staleSources(compiledMain: string): string[] {
  const distRoot = path.dirname(compiledMain);
  if (path.basename(distRoot) !== 'dist') return []; // running from source (tests, ts-node)
  const root = path.dirname(distRoot);
  const builtAt = statSync(compiledMain).mtimeMs;
  return SOURCES.flatMap((source) => filesUnder(root, source)).filter(
    (file) => statSync(path.join(root, file)).mtimeMs > builtAt,
  );
}

function filesUnder(root: string, source: string): string[] {
  const full = path.join(root, source);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [source];
  return readdirSync(full, { recursive: true, encoding: 'utf8' })
    .filter(
      (file) => /\.(ts|ya?ml|json)$/.test(file) && !file.endsWith('.d.ts') && !file.endsWith('.schema.json'),
    )
    .map((file) => path.join(source, file));
}
