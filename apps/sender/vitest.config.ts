import { unitTestConfig } from '../../vitest.shared.js';

// One PostgreSQL for the run (test/postgres-global.ts): the store tests run on both adapters.
// test/setup.ts: cheap password hashes in the test process (not in the CLIs it starts).
export default unitTestConfig({
  hookTimeout: 60_000,
  globalSetup: ['test/postgres-global.ts'],
  setupFiles: ['test/setup.ts'],
});
