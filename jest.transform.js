/**
 * Jest's TypeScript transformer: esbuild strips the types, nothing more. Type-checking happens once,
 * in `npm run typecheck` (tsc --noEmit). On a fresh clone, with jest's cache empty, the suite took
 * 44 s with ts-jest and 38 s with this.
 */
const { transformSync } = require('esbuild');
const { createHash } = require('node:crypto');

const OPTIONS = { loader: 'ts', format: 'cjs', target: 'node20', sourcemap: true };

module.exports = {
  getCacheKey(source, file, { configString }) {
    return createHash('sha1')
      .update(JSON.stringify(OPTIONS))
      .update(configString)
      .update(file)
      .update(source)
      .digest('hex');
  },
  process(source, file) {
    const { code, map } = transformSync(source, { ...OPTIONS, sourcefile: file });
    return { code, map };
  },
};
