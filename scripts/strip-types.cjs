// TypeScript to CommonJS by stripping the types (esbuild), the one way the repository runs its
// TypeScript without a build: jest (jest.transform.js) and the CLIs (scripts/ts-register.cjs).
// Type-checking happens once, in `npm run typecheck`.
const { transformSync } = require('esbuild');

/** The esbuild options, also part of jest's cache key: a change here invalidates the cache. */
const STRIP_TYPES_OPTIONS = { loader: 'ts', format: 'cjs', target: 'node20' };

/** `source` (the file `file`) without its types; `sourcemap` as esbuild takes it (true: returned; 'inline'). */
function stripTypes(source, file, sourcemap) {
  return transformSync(source, { ...STRIP_TYPES_OPTIONS, sourcemap, sourcefile: file });
}

module.exports = { STRIP_TYPES_OPTIONS, stripTypes };
