// ESM jest: @actions/core 3 and @actions/github 9 ship only ES modules.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  resolver: 'ts-jest-resolver',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    // Type checking happens once in `npm run typecheck`; here we only transpile, which keeps the suite fast.
    '^.+\\.ts$': ['ts-jest', { useESM: true }]
  },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  // The IAM policy check spans the whole suite: a call log set up before, checked after.
  globalSetup: '<rootDir>/jest.setup.mjs',
  globalTeardown: '<rootDir>/jest.teardown.mjs',
  testTimeout: 30000,
  // The e2e and integration suites start local servers and child processes; two workers match the 2-core machines.
  maxWorkers: 2
}
