// `node -r ./scripts/ts-register.cjs file.ts`: runs TypeScript by stripping its types, as jest does.
// The repository's CLIs and the tests' child processes use it: ts-node loads the whole TypeScript
// compiler first, about a second of every start.
const { readFileSync } = require('node:fs');
const { stripTypes } = require('./strip-types.cjs');

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  module._compile(stripTypes(readFileSync(filename, 'utf8'), filename, 'inline').code, filename);
};
