import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive the real portal in the machine's Chromium.
 * Playwright never downloads a browser: set CHROMIUM_PATH if Chromium is
 * not /usr/bin/chromium.
 *
 * - `development`: the local portal (`yarn start`: frontend on :3000,
 *   backend on :7007, embedded SQLite, guest sign-in).
 * - `production`: the production build (`yarn build:backend`) serving the
 *   built frontend on one port, with app-config.production.yaml against
 *   PostgreSQL and Redis, signing in through a test OpenID provider
 *   (scripts/e2e-production.mjs).
 * - `replicas`: two replicas of that build behind a reverse proxy, on one
 *   PostgreSQL and Redis (scripts/e2e-replicas.mjs).
 */
const productionPort = Number(process.env.PRODUCTION_E2E_PORT ?? 7107);
const productionUrl = `http://localhost:${productionPort}`;
const replicasPort = Number(process.env.REPLICAS_E2E_PORT ?? 7207);
const replicasUrl = `http://localhost:${replicasPort}`;

export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],
  projects: [
    {
      name: 'development',
      testIgnore: ['production/**', 'replicas/**'],
      use: { baseURL: 'http://localhost:3000' },
    },
    {
      name: 'production',
      testMatch: 'production/**/*.test.ts',
      use: { baseURL: productionUrl },
    },
    {
      name: 'replicas',
      testMatch: 'replicas/**/*.test.ts',
      use: { baseURL: replicasUrl },
    },
  ],
  webServer: [
    {
      command: 'yarn start',
      url: 'http://localhost:3000',
      reuseExistingServer: !process.env.CI,
      timeout: 300_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // Builds the backend bundle and the frontend first (about 2 minutes).
      command: 'node scripts/e2e-production.mjs',
      url: `${productionUrl}/.backstage/health/v1/readiness`,
      reuseExistingServer: !process.env.CI,
      timeout: 900_000,
      stdout: 'ignore',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 30_000 },
    },
    {
      // Two replicas of the same build behind a reverse proxy.
      command: 'node scripts/e2e-replicas.mjs',
      url: `${replicasUrl}/.backstage/health/v1/readiness`,
      reuseExistingServer: !process.env.CI,
      timeout: 1_200_000,
      stdout: 'ignore',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 30_000 },
    },
  ],
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  outputDir: 'node_modules/.cache/e2e-test-results',
});
