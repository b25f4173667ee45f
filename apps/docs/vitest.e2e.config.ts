import { e2eTestConfig } from '../../vitest.shared.js';

// Browser tests against the built site, in Debian's Chromium (see e2e/harness.ts).
export default e2eTestConfig();
