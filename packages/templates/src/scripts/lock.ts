/**
 * `pnpm --filter @csp-enablement/templates lock`: re-renders every template ×
 * country and rewrites templates.lock.json on purpose. A changed fingerprint
 * then needs a changeset (see the README's release section).
 *
 * With `--release` (run by `pnpm version-packages`, after `changeset version`)
 * it also lists the changed emails in the new CHANGELOG section and records the
 * lock as released.lock.json, the baseline of the lock rule.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { allPairs, LOCK_FILE_NAME, parseLockFile, type LockFile } from '../lock.js';
import { packageFile, packageVersion } from '../package-info.js';
import { renderEmail } from '../render.js';
import { describeChanges, diffLocks } from './lock-rule.js';

export const RELEASED_LOCK_FILE_NAME = 'released.lock.json';

const lock: LockFile = { packageVersion, fingerprints: {} };
for (const { templateId, country } of allPairs()) {
  const email = await renderEmail(templateId, country);
  (lock.fingerprints[templateId] ??= {})[country] = email.fingerprint;
}
const serialized = `${JSON.stringify(lock, null, 2)}\n`;
writeFileSync(packageFile(LOCK_FILE_NAME), serialized);
console.log(
  `Wrote ${LOCK_FILE_NAME}: ${allPairs().length} fingerprints for version ${packageVersion}`,
);

if (process.argv.includes('--release')) {
  const releasedFile = packageFile(RELEASED_LOCK_FILE_NAME);
  if (existsSync(releasedFile)) {
    const changes = diffLocks(parseLockFile(readFileSync(releasedFile, 'utf8')), lock);
    if (changes.length > 0) noteInChangelog(`Locked emails changed: ${describeChanges(changes)}.`);
  }
  writeFileSync(releasedFile, serialized);
  console.log(`Recorded ${RELEASED_LOCK_FILE_NAME} as the baseline for ${packageVersion}`);
}

/** Adds a bullet under the `## <version>` heading that `changeset version` just wrote. */
function noteInChangelog(line: string): void {
  const changelogFile = packageFile('CHANGELOG.md');
  const changelog = readFileSync(changelogFile, 'utf8');
  const heading = `## ${packageVersion}\n`;
  const at = changelog.indexOf(heading);
  if (at === -1)
    throw new Error(
      `CHANGELOG.md has no "${heading.trim()}" section: run \`changeset version\` first`,
    );
  const insertAt = at + heading.length;
  writeFileSync(
    changelogFile,
    `${changelog.slice(0, insertAt)}\n- ${line}\n${changelog.slice(insertAt)}`,
  );
}
