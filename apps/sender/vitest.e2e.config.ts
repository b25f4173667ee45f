import { defineConfig } from 'vitest/config';

// Browser tests: Debian's Chromium driven by playwright-core against a real server.
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: '.test-results/e2e.json' },
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
