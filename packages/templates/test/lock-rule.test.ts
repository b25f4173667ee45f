import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parseLockFile, readLock, type LockFile } from '../src/lock.js';
import { diffLocks, evaluateLockRule, pendingBump } from '../src/scripts/lock-rule.js';

const released = (): LockFile =>
  parseLockFile(readFileSync(new URL('../released.lock.json', import.meta.url), 'utf8'));

const withFingerprint = (
  lock: LockFile,
  templateId: string,
  country: string,
  value: string | undefined,
): LockFile => {
  const copy = structuredClone(lock);
  const byCountry = (copy.fingerprints[templateId] ??= {});
  if (value === undefined) Reflect.deleteProperty(byCountry, country);
  else byCountry[country] = value;
  return copy;
};

let repos: string[] = [];
afterEach(() => {
  for (const dir of repos) rmSync(dir, { recursive: true, force: true });
  repos = [];
});

/** A throwaway repo root holding the given pending changesets. */
function repoWithChangesets(...bodies: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'lock-rule-'));
  repos.push(root);
  mkdirSync(join(root, '.changeset'));
  writeFileSync(join(root, '.changeset', 'config.json'), '{}');
  bodies.forEach((body, i) => {
    writeFileSync(join(root, '.changeset', `change-${i}.md`), body);
  });
  return root;
}

const changeset = (type: string) =>
  `---\n'@csp-enablement/templates': ${type}\n---\n\nReword DE invitation\n`;

describe('lock rule', () => {
  it('holds for the committed lock and pending changesets', async () => {
    const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
    const result = evaluateLockRule(
      diffLocks(released(), readLock()),
      await pendingBump(repoRoot),
      released().packageVersion,
    );
    expect(result.ok, result.message).toBe(true);
  });

  it('fails on a changed fingerprint with no changeset, naming template, country and command', async () => {
    const current = withFingerprint(released(), 'reseller-invitation', 'DE', 'f'.repeat(64));
    const result = evaluateLockRule(
      diffLocks(released(), current),
      await pendingBump(repoWithChangesets()),
      '0.1.0',
    );
    expect(result.ok).toBe(false);
    expect(result.message).toContain('reseller-invitation: DE (changed)');
    expect(result.message).toContain('`pnpm changeset`');
    expect(result.message).toContain('at least a minor version and there is none');
  });

  it('fails when the only changeset is a patch', async () => {
    const current = withFingerprint(
      released(),
      'customer-authorization-request',
      'FR',
      'e'.repeat(64),
    );
    const pending = await pendingBump(repoWithChangesets(changeset('patch')));
    const result = evaluateLockRule(diffLocks(released(), current), pending, '0.1.0');
    expect(result.ok).toBe(false);
    expect(result.message).toContain('only give a patch');
  });

  it('passes with a minor changeset', async () => {
    const current = withFingerprint(released(), 'reseller-invitation', 'DE', 'f'.repeat(64));
    const pending = await pendingBump(repoWithChangesets(changeset('minor')));
    expect(evaluateLockRule(diffLocks(released(), current), pending, '0.1.0').ok).toBe(true);
  });

  it('needs a major changeset when a country is removed', async () => {
    const current = withFingerprint(released(), 'reseller-invitation', 'SE', undefined);
    const changes = diffLocks(released(), current);
    expect(changes).toEqual([
      { templateId: 'reseller-invitation', country: 'SE', kind: 'removed' },
    ]);
    expect(
      evaluateLockRule(changes, await pendingBump(repoWithChangesets(changeset('minor'))), '0.1.0')
        .ok,
    ).toBe(false);
    expect(
      evaluateLockRule(changes, await pendingBump(repoWithChangesets(changeset('major'))), '0.1.0')
        .ok,
    ).toBe(true);
  });
});
