/**
 * `pnpm --filter @csp-enablement/templates lock`: re-renders every template ×
 * country and rewrites templates.lock.json on purpose. A changed fingerprint
 * then needs a changeset (see the README's release section).
 */
import { writeFileSync } from 'node:fs';
import { allPairs, LOCK_FILE_NAME, type LockFile } from '../lock.js';
import { packageFile, packageVersion } from '../package-info.js';
import { renderEmail } from '../render.js';

const lock: LockFile = { packageVersion, fingerprints: {} };
for (const { templateId, country } of allPairs()) {
  const email = await renderEmail(templateId, country);
  (lock.fingerprints[templateId] ??= {})[country] = email.fingerprint;
}
writeFileSync(packageFile(LOCK_FILE_NAME), `${JSON.stringify(lock, null, 2)}\n`);
console.log(
  `Wrote ${LOCK_FILE_NAME}: ${allPairs().length} fingerprints for version ${packageVersion}`,
);
