import { defineConfig } from 'vitest/config';

// Three tiers (see ARCHITECTURE.md): pure unit tests, and the database tests run twice,
// once on embedded PGlite and once on the PostgreSQL server named by TEST_DATABASE_URL.
const dbTests = ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'];
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], exclude: [...dbTests, 'test/e2e/**'], environment: 'node' } },
      {
        test: {
          name: 'pglite', include: dbTests, environment: 'node', env: { TEST_ENGINE: 'pglite' },
          globalSetup: ['test/support/global-setup.ts'], testTimeout: 60_000, hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'postgres', include: dbTests, environment: 'node', env: { TEST_ENGINE: 'postgres' },
          globalSetup: ['test/support/global-setup.ts'], testTimeout: 60_000, hookTimeout: 120_000,
        },
      },
    ],
  },
});
