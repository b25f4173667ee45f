import { e2eTestConfig } from '../../vitest.shared.js';

// Browser tests: Debian's Chromium driven by playwright-core against a real server.
export default e2eTestConfig({ testTimeout: 120_000 });
