import { defineConfig } from 'vitest/config';

// Release-path tests: they pack, publish to a local Verdaccio and install.
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
