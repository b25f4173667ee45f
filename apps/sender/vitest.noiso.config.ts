import { unitTestConfig } from '../../vitest.shared.js';
export default unitTestConfig({ hookTimeout: 60_000, isolate: false });
