/**
 * The one shape of every workspace's Vitest runs. `pnpm test` (scripts/test.mjs) sums the
 * JSON reports at `.test-results/{unit,e2e}.json` for its closing line, and turbo.json
 * caches those same files: keeping both kinds of run here keeps that contract in one place.
 */
import { defineConfig, type ViteUserConfig } from 'vitest/config';

type TestOptions = NonNullable<ViteUserConfig['test']>;

/** Unit and integration tests under `test/`. */
export const unitTestConfig = (options: TestOptions = {}) =>
  defineConfig({
    test: {
      include: ['test/**/*.test.ts'],
      reporters: ['default', 'json'],
      outputFile: { json: '.test-results/unit.json' },
      testTimeout: 60_000,
      // Files share their workers instead of a fresh one each: the sender's 45 files paid
      // ~0.6 s of worker start and module loading each, and no test relies on a clean
      // module state (they open their own stores, servers and configs).
      isolate: false,
      ...options,
    },
  });

/** Slow end-to-end tests under `e2e/` (browsers, registries, servers): one file at a time. */
export const e2eTestConfig = (options: TestOptions = {}) =>
  defineConfig({
    test: {
      include: ['e2e/**/*.test.ts'],
      reporters: ['default', 'json'],
      outputFile: { json: '.test-results/e2e.json' },
      testTimeout: 300_000,
      hookTimeout: 120_000,
      fileParallelism: false,
      ...options,
    },
  });
