import { e2eTestConfig } from '../../vitest.shared.js';

// Release-path tests: they pack, publish to a local Verdaccio and install.
export default e2eTestConfig();
