import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { baseURL, chromiumArgs, chromiumPath, dataDir, port } from './e2e-env';

// The POS and console scenarios each get a server and database of their own (`npm run test:e2e` runs
// E2E_SUITE=pos, then E2E_SUITE=console): console specs add products, transfers and sales to the chain
// that the POS specs' counts and searches would otherwise see. Unset, both run against one server.
const consoleSpecs = '**/console-*.spec.ts';
const suite = process.env.E2E_SUITE;

export default defineConfig({
  testDir: '.',
  testMatch: suite === 'console' ? consoleSpecs : '**/*.spec.ts',
  testIgnore: suite === 'pos' ? consoleSpecs : undefined,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    baseURL,
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: 'npx tsx server/main.ts',
    cwd: path.resolve(import.meta.dirname, '..'),
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      CLIENT_DIR: process.env.CLIENT_DIR ?? 'dist',
    },
  },
});
