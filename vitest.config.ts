import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'shared/**/*.test.ts',
      'server/**/*.test.ts',
      'client/**/*.test.ts',
      'e2e/**/*.test.ts',
      'eslint-rules/**/*.test.js',
    ],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Two cores: two test files at a time. Each server test file owns its own SQLite file and
    // PostgreSQL schema, so files never share state; tests inside a file run in order.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
