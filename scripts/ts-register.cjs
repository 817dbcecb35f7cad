// `node -r ./scripts/ts-register.cjs file.ts`: runs TypeScript by stripping its types with esbuild,
// as jest does (jest.transform.js). The repository's CLIs and the tests' child processes use it:
// ts-node loads the whole TypeScript compiler first, about a second of every start. Type-checking
// happens once, in `npm run typecheck`.
const { readFileSync } = require('node:fs');
const { transformSync } = require('esbuild');

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    loader: 'ts',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    sourcefile: filename,
  });
  module._compile(code, filename);
};
