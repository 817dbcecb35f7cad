/** Jest only transpiles (esbuild, jest.transform.js): `tsc --noEmit` type-checks once, in `npm run typecheck`. */
module.exports = {
  testEnvironment: 'node',
  // Jest's default on a 2-core machine is one worker; many suites wait on child processes, so two pay off.
  maxWorkers: 2,
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': '<rootDir>/jest.transform.js',
  },
  setupFilesAfterEnv: ['<rootDir>/__tests__/setup.ts'],
};
