import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // A real PostgreSQL for the storage tests (TEST_DATABASE_URL, or a temporary cluster).
    globalSetup: ['test/global-setup.ts'],
  },
});
