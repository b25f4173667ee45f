/**
 * A release rehearsal on the real path: `pnpm release` publishes to a local
 * Verdaccio from a copy of this repository, a fresh project outside the
 * workspace installs the package with npm and renders with plain Node; then a
 * template change goes through changeset → version-packages → release again.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingBump } from '../src/scripts/lock-rule.js';
import { mustRun, run } from './run.js';
import { startVerdaccio, type LocalRegistry } from './verdaccio.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = join(packageDir, '..', '..');
const PACKAGE = '@csp-enablement/templates';

let work = '';
let repo = '';
let consumer = '';
let registry: LocalRegistry | undefined;

/** Copies the working tree as git sees it (tracked and new files, nothing ignored). */
async function copyRepo(target: string): Promise<void> {
  const listing = await mustRun(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    { cwd: repoRoot },
  );
  for (const file of listing.split('\0').filter(Boolean)) {
    const from = join(repoRoot, file);
    try {
      mkdirSync(dirname(join(target, file)), { recursive: true });
      cpSync(from, join(target, file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error; // deleted but still tracked
    }
  }
}

interface ConsumerReport {
  version: string;
  emails: { templateId: string; verified: boolean; text: string; version: string }[];
  prerendered: boolean;
}

/** Plain Node in the consumer project: render one email per template and verify it. */
async function renderInConsumer(): Promise<ConsumerReport> {
  const script = `
    import { readFileSync, existsSync } from 'node:fs';
    import { createRequire } from 'node:module';
    import { renderEmail, templateIds, verifyEmail } from '${PACKAGE}';
    const require = createRequire(import.meta.url);
    const pkgJson = JSON.parse(readFileSync(new URL('./node_modules/${PACKAGE}/package.json', import.meta.url), 'utf8'));
    const emails = [];
    for (const id of templateIds) {
      const e = await renderEmail(id, 'GB');
      emails.push({ templateId: id, verified: verifyEmail(e), text: e.text, version: e.version });
    }
    const prerendered = existsSync(new URL('./node_modules/${PACKAGE}/dist/emails/reseller-invitation/GB.html', import.meta.url));
    console.log(JSON.stringify({ version: pkgJson.version, emails, prerendered }));
  `;
  writeFileSync(join(consumer, 'check.mjs'), script);
  return JSON.parse(await mustRun('node', ['check.mjs'], { cwd: consumer })) as ConsumerReport;
}

/** Commits every change in the rehearsal's repository copy. */
const gitCommit = (message: string) =>
  mustRun(
    'git',
    [
      '-c',
      'user.name=Rehearsal',
      '-c',
      'user.email=rehearsal@localhost',
      'commit',
      '-qam',
      message,
    ],
    { cwd: repo },
  );

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'release-rehearsal-'));
  repo = join(work, 'repo');
  consumer = join(work, 'consumer');
  mkdirSync(join(work, 'verdaccio'));
  registry = await startVerdaccio(join(work, 'verdaccio'));

  await copyRepo(repo);
  // Dependencies come from pnpm's store where it has them (the registry otherwise).
  await mustRun('pnpm', ['install', '--prefer-offline', '--frozen-lockfile'], { cwd: repo });
  writeFileSync(
    join(repo, '.npmrc'),
    `registry=${registry.url}\n//${new URL(registry.url).host}/:_authToken=${registry.token}\n`,
  );
  // Never publish anywhere but the local Verdaccio: stop here if the copy's
  // configuration would resolve to another registry.
  const resolved = (await mustRun('pnpm', ['config', 'get', 'registry'], { cwd: repo })).trim();
  if (resolved.replace(/\/?$/, '/') !== registry.url) {
    throw new Error(`The rehearsal would publish to ${resolved}, not to ${registry.url}`);
  }
  await mustRun('git', ['init', '-q', '-b', 'main'], { cwd: repo });
  await mustRun('git', ['add', '-A'], { cwd: repo });
  await gitCommit('rehearsal base');
  // Start from a released state: a pending changeset (an email change waiting for its
  // release) would otherwise cover the template change the rehearsal expects refused.
  if ((await pendingBump(repo)) !== 'none') {
    await mustRun('pnpm', ['version-packages'], { cwd: repo });
    await gitCommit('Version the pending changesets');
  }

  mkdirSync(consumer);
  writeFileSync(
    join(consumer, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  // Only our scope comes from the local registry; react & co. from the usual one.
  writeFileSync(join(consumer, '.npmrc'), `@csp-enablement:registry=${registry.url}\n`);
});

afterAll(async () => {
  await registry?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('release rehearsal against a local Verdaccio', () => {
  let firstVersion = '';

  it('publishes the current version with `pnpm release`', async () => {
    firstVersion = (
      JSON.parse(readFileSync(join(repo, 'packages/templates/package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
    await mustRun('pnpm', ['release'], { cwd: repo });
    const published = (await (
      await fetch(`${registry?.url ?? ''}${PACKAGE.replace('/', '%2f')}`)
    ).json()) as { versions: Record<string, unknown> };
    expect(Object.keys(published.versions)).toEqual([firstVersion]);
  });

  it('installs with npm in a fresh project and renders verified emails with plain Node', async () => {
    await mustRun(
      'npm',
      ['install', '--no-audit', '--no-fund', '--prefer-offline', `${PACKAGE}@${firstVersion}`],
      { cwd: consumer },
    );
    const report = await renderInConsumer();
    expect(report.version).toBe(firstVersion);
    expect(report.prerendered).toBe(true);
    expect(report.emails.map((e) => e.templateId)).toEqual([
      'reseller-invitation',
      'customer-authorization-request',
    ]);
    for (const email of report.emails) expect(email.verified, email.templateId).toBe(true);
  });

  it('refuses a template change without a changeset, then releases it as a minor version', async () => {
    const english = join(repo, 'packages/templates/src/i18n/en.ts');
    writeFileSync(
      english,
      readFileSync(english, 'utf8').replace("greeting: 'Hello,'", "greeting: 'Good day,'"),
    );
    await mustRun('pnpm', ['--filter', PACKAGE, 'run', 'lock'], { cwd: repo });

    const refused = await run('pnpm', ['--filter', PACKAGE, 'run', 'check-lock-rule'], {
      cwd: repo,
    });
    expect(refused.code).not.toBe(0);
    expect(refused.stdout).toContain('reseller-invitation: ');
    expect(refused.stdout).toContain('`pnpm changeset`');

    writeFileSync(
      join(repo, '.changeset/reword-english-greeting.md'),
      `---\n'${PACKAGE}': minor\n---\n\nReword the English greeting of both templates.\n`,
    );
    await mustRun('pnpm', ['--filter', PACKAGE, 'run', 'check-lock-rule'], { cwd: repo });
    await gitCommit('Reword the English greeting');

    await mustRun('pnpm', ['version-packages'], { cwd: repo });
    const pkg = JSON.parse(readFileSync(join(repo, 'packages/templates/package.json'), 'utf8')) as {
      version: string;
    };
    const [major, minor] = firstVersion.split('.').map(Number);
    expect(pkg.version).toBe(`${major ?? 0}.${(minor ?? 0) + 1}.0`);
    const changelog = readFileSync(join(repo, 'packages/templates/CHANGELOG.md'), 'utf8');
    expect(changelog).toContain(`## ${pkg.version}`);
    expect(changelog).toContain('Reword the English greeting');
    expect(changelog).toMatch(/Locked emails changed: .*reseller-invitation: .*GB.*\(changed\)/);
    // After versioning the lock is the new baseline: the rule holds with no changeset left.
    await mustRun('pnpm', ['--filter', PACKAGE, 'run', 'check-lock-rule'], { cwd: repo });
    await gitCommit(`Version ${PACKAGE}@${pkg.version}`);

    await mustRun('pnpm', ['release'], { cwd: repo });
    await mustRun(
      'npm',
      ['install', '--no-audit', '--no-fund', '--prefer-offline', `${PACKAGE}@${pkg.version}`],
      { cwd: consumer },
    );
    const report = await renderInConsumer();
    expect(report.version).toBe(pkg.version);
    for (const email of report.emails) {
      expect(email.verified, email.templateId).toBe(true);
      expect(email.version).toBe(pkg.version);
      expect(email.text).toContain('Good day,');
    }
  });
});
