/** `pnpm --filter @csp-enablement/templates check-lock-rule`: the lock rule, from the command line. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LOCK_FILE_NAME, parseLockFile } from '../lock.js';
import { packageFile } from '../package-info.js';
import { diffLocks, evaluateLockRule, pendingBump } from './lock-rule.js';

const released = parseLockFile(readFileSync(packageFile('released.lock.json'), 'utf8'));
const current = parseLockFile(readFileSync(packageFile(LOCK_FILE_NAME), 'utf8'));
const repoRoot = fileURLToPath(packageFile('../../'));
const result = evaluateLockRule(
  diffLocks(released, current),
  await pendingBump(repoRoot),
  released.packageVersion,
);
console.log(result.message);
process.exit(result.ok ? 0 : 1);
