import { defineConfig } from 'vitest/config';

// Unit tests: the email data, the changelog, the static server, and the built site (dist/).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: '.test-results/unit.json' },
    testTimeout: 60_000,
  },
});
