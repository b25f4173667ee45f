/**
 * The lock rule: when a rendered email changes (its fingerprint in
 * templates.lock.json differs from released.lock.json, the lock as of the last
 * `pnpm version-packages`), the same change must carry a changeset bumping
 * @csp-enablement/templates by at least a minor version, or a major one when a
 * template or country was removed.
 */
import { readChangesets } from '@changesets/read';
import type { LockFile } from '../lock.js';

export const PACKAGE_NAME = '@csp-enablement/templates';

export interface LockChange {
  templateId: string;
  country: string;
  kind: 'added' | 'changed' | 'removed';
}

export type Bump = 'none' | 'patch' | 'minor' | 'major';
const rank: Record<Bump, number> = { none: 0, patch: 1, minor: 2, major: 3 };

export function diffLocks(released: LockFile, current: LockFile): LockChange[] {
  const changes: LockChange[] = [];
  const templates = new Set([
    ...Object.keys(released.fingerprints),
    ...Object.keys(current.fingerprints),
  ]);
  for (const templateId of [...templates].sort()) {
    const before = released.fingerprints[templateId] ?? {};
    const after = current.fingerprints[templateId] ?? {};
    for (const country of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
      const a = before[country];
      const b = after[country];
      if (a === b) continue;
      changes.push({
        templateId,
        country,
        kind: a === undefined ? 'added' : b === undefined ? 'removed' : 'changed',
      });
    }
  }
  return changes;
}

export function requiredBump(changes: readonly LockChange[]): Bump {
  if (changes.some((c) => c.kind === 'removed')) return 'major';
  return changes.length > 0 ? 'minor' : 'none';
}

/** "customer-authorization-request: DE, FR (changed); reseller-invitation: SE (added)" */
export function describeChanges(changes: readonly LockChange[]): string {
  const groups = new Map<string, string[]>();
  for (const c of changes) {
    const key = `${c.templateId}|${c.kind}`;
    groups.set(key, [...(groups.get(key) ?? []), c.country]);
  }
  return [...groups]
    .map(([key, countries]) => {
      const [templateId, kind] = key.split('|');
      return `${templateId ?? ''}: ${countries.join(', ')} (${kind ?? ''})`;
    })
    .join('; ');
}

/** The largest bump that pending changesets give the templates package. */
export async function pendingBump(repoRoot: string): Promise<Bump> {
  const changesets = await readChangesets(repoRoot);
  let bump: Bump = 'none';
  for (const changeset of changesets) {
    for (const release of changeset.releases) {
      if (
        release.name === PACKAGE_NAME &&
        release.type !== 'none' &&
        rank[release.type] > rank[bump]
      ) {
        bump = release.type;
      }
    }
  }
  return bump;
}

export interface LockRuleResult {
  ok: boolean;
  required: Bump;
  pending: Bump;
  changes: LockChange[];
  message: string;
}

export function evaluateLockRule(
  changes: LockChange[],
  pending: Bump,
  releasedVersion: string,
): LockRuleResult {
  const required = requiredBump(changes);
  const ok = rank[pending] >= rank[required];
  const message =
    required === 'none'
      ? `No locked email changed since ${releasedVersion}.`
      : ok
        ? `Locked emails changed since ${releasedVersion} (${describeChanges(changes)}); a pending ${pending} changeset covers it.`
        : `Locked emails changed since ${releasedVersion}: ${describeChanges(changes)}. ` +
          `This needs a changeset that bumps ${PACKAGE_NAME} by at least a ${required} version` +
          (pending === 'none'
            ? ' and there is none'
            : `, but the pending changesets only give a ${pending}`) +
          `. Run \`pnpm changeset\`, pick ${PACKAGE_NAME}, choose ${required}, and name the templates and countries in the summary.`;
  return { ok, required, pending, changes, message };
}
