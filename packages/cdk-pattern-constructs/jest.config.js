/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // isolatedModules (tsconfig) => ts-jest transpiles only; `npm run build` (tsc) type-checks.
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  // Synthesising CDK apps is CPU bound: one worker per core.
  maxWorkers: 2,
  testTimeout: 60000,
};
