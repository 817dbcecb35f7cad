/**
 * Jest's TypeScript transformer: the types stripped (scripts/strip-types.cjs), nothing more.
 * Type-checking happens once, in `npm run typecheck` (tsc --noEmit). On a fresh clone, with jest's
 * cache empty, the suite took 44 s with ts-jest and 38 s with this.
 */
const { createHash } = require('node:crypto');
const { STRIP_TYPES_OPTIONS, stripTypes } = require('./scripts/strip-types.cjs');

module.exports = {
  getCacheKey(source, file, { configString }) {
    return createHash('sha1')
      .update(JSON.stringify(STRIP_TYPES_OPTIONS))
      .update(configString)
      .update(file)
      .update(source)
      .digest('hex');
  },
  process(source, file) {
    const { code, map } = stripTypes(source, file, true);
    return { code, map };
  },
};
