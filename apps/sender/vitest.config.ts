import { unitTestConfig } from '../../vitest.shared.js';

// One PostgreSQL for the run (test/postgres-global.ts): the store tests run on both adapters.
export default unitTestConfig({ hookTimeout: 60_000, globalSetup: ['test/postgres-global.ts'] });
