import { defineConfig } from 'vitest/config';

// Three tiers (see ARCHITECTURE.md): pure unit tests, and the database tests run twice,
// once on embedded PGlite and once on the PostgreSQL server named by TEST_DATABASE_URL.
// Then the browser tests (test/e2e): the built app served by `rapport serve` on a fresh demo
// database, driven in Debian's Chromium (/usr/bin/chromium or CHROMIUM_PATH) with playwright-core.
const dbTests = ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'];
const e2eTests = ['test/e2e/**/*.e2e.test.ts'];
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [...dbTests, 'test/e2e/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'pglite',
          include: dbTests,
          environment: 'node',
          env: { TEST_ENGINE: 'pglite' },
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'postgres',
          include: dbTests,
          environment: 'node',
          env: { TEST_ENGINE: 'postgres' },
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // One server for the whole project (started by the global setup); the files take turns.
        test: {
          name: 'e2e',
          include: e2eTests,
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          maxWorkers: 1,
        },
      },
    ],
  },
});
