/** Jest only transpiles (tsconfig's isolatedModules puts ts-jest in transpile mode): `tsc --noEmit` type-checks once, in `npm run typecheck`. */
module.exports = {
  testEnvironment: 'node',
  // Jest's default on a 2-core machine is one worker; many suites wait on child processes, so two pay off.
  maxWorkers: 2,
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  setupFilesAfterEnv: ['<rootDir>/__tests__/setup.ts'],
};
