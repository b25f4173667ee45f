// What the test suite needs from the machine beyond npm packages: a Chromium or Chrome
// for browser tests, SpamAssassin (its daemon and client) for the emails' spam scores, and
// Debian's PostgreSQL server binaries for tests that need a real database
// (packages/testkit/src/postgres.ts starts a throw-away server from them; the package's
// own cluster is not used). A browser already on
// the machine is used as it is (CHROME_PATH, then chromium, chromium-browser,
// google-chrome, google-chrome-stable on PATH: GitHub's Ubuntu runners ship Chrome,
// and Ubuntu's `chromium` package is only a snap shim). What is missing is installed
// from Debian's packages with apt-get when running as root (or with passwordless sudo);
// otherwise the error says what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { findBrowser } from '../packages/testkit/src/browser.ts';

const onPath = (command) =>
  (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .some((dir) => {
      try {
        accessSync(join(dir, command), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });

export const SYSTEM_PACKAGES = [
  { pkg: 'chromium', present: () => findBrowser() !== undefined, why: 'browser end-to-end tests' },
  { pkg: 'spamassassin', present: () => onPath('spamassassin'), why: 'spam scores of the emails' },
  // The email tests start SpamAssassin's daemon once on 127.0.0.1 and score each email with spamc.
  {
    pkg: 'spamd',
    present: () => onPath('spamd') || existsSync('/usr/sbin/spamd'),
    why: 'the spam-score daemon the email tests start',
  },
  { pkg: 'spamc', present: () => onPath('spamc'), why: 'its client' },
  { pkg: 'postgresql', present: () => postgresInstalled(), why: 'tests against a real PostgreSQL' },
];

/** Debian puts each major version's server under /usr/lib/postgresql/<version>/bin. */
function postgresInstalled() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return false;
  return readdirSync(root).some((v) => existsSync(join(root, v, 'bin', 'initdb')));
}

export function ensureSystemDeps() {
  const missing = SYSTEM_PACKAGES.filter((p) => !p.present());
  if (missing.length === 0) return;
  const names = missing.map((p) => p.pkg);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  // Not root: passwordless sudo (as on CI runners) will do; never prompt for a password.
  const sudo = !isRoot && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  if (!hasApt || (!isRoot && !sudo)) {
    throw new Error(
      `Missing system packages: ${missing.map((p) => `${p.pkg} (${p.why})`).join(', ')}. ` +
        `Install them with: sudo apt-get install -y ${names.join(' ')}` +
        (names.includes('chromium')
          ? ' (or set CHROME_PATH to a Chromium or Chrome you have)'
          : ''),
    );
  }
  console.log(`Installing Debian packages: ${names.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) =>
    sudo
      ? execFileSync('sudo', ['-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args], {
          stdio: 'inherit',
        })
      : execFileSync('apt-get', args, { stdio: 'inherit', env });
  // Package lists already fetched (most machines) need no update; a fresh image has none,
  // so the install fails once, and runs again after an update.
  try {
    apt(['install', '-y', '-qq', ...names]);
  } catch {
    apt(['update', '-qq']);
    apt(['install', '-y', '-qq', ...names]);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) ensureSystemDeps();
