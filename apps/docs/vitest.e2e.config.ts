import { defineConfig } from 'vitest/config';

// Browser tests against the built site, in Debian's Chromium (see e2e/browser.ts).
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: '.test-results/e2e.json' },
    testTimeout: 300_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
