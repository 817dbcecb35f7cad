import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

const SOURCE_DIRS = ['lib', 'stacks', 'config'];

/**
 * The TypeScript sources newer than their compiled JavaScript, when the app runs from `dist/`.
 * `cdktf synth` runs `node dist/main.js`; without this check, an edit not yet compiled would be
 * silently left out of the plan someone reviews.
 */
export function staleSources(compiledMain: string): string[] {
  const distRoot = path.dirname(compiledMain);
  if (path.basename(distRoot) !== 'dist') return []; // running from source (tests, ts-node)
  const root = path.dirname(distRoot);
  const sources = ['main.ts', ...SOURCE_DIRS.flatMap((dir) => tsFilesUnder(root, dir))];
  return sources.filter((source) => {
    const compiled = path.join(distRoot, source.replace(/\.ts$/, '.js'));
    return !existsSync(compiled) || statSync(compiled).mtimeMs < statSync(path.join(root, source)).mtimeMs;
  });
}

function tsFilesUnder(root: string, dir: string): string[] {
  if (!existsSync(path.join(root, dir))) return [];
  return readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => path.join(dir, file));
}
