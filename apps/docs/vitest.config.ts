import { unitTestConfig } from '../../vitest.shared.js';

// Unit tests: the email data, the changelog, the static server, and the built site (dist/).
export default unitTestConfig();
