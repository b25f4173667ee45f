// Debian packages the test suite needs that a fresh machine of this kind lacks:
// Chromium for browser tests, SpamAssassin for the email spam score.
// Installs them when running as root with apt-get; otherwise says what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const SYSTEM_PACKAGES = [
  { pkg: 'chromium', probe: '/usr/bin/chromium', why: 'browser end-to-end tests' },
  { pkg: 'spamassassin', probe: '/usr/bin/spamassassin', why: 'spam scores of the emails' },
];

export function ensureSystemDeps() {
  const missing = SYSTEM_PACKAGES.filter((p) => !existsSync(p.probe));
  if (missing.length === 0) return;
  const names = missing.map((p) => p.pkg);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  // Not root: passwordless sudo (as on CI runners) will do; never prompt for a password.
  const sudo = !isRoot && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  if (!hasApt || (!isRoot && !sudo)) {
    throw new Error(
      `Missing system packages: ${missing.map((p) => `${p.pkg} (${p.why})`).join(', ')}. ` +
        `Install them with: sudo apt-get install -y ${names.join(' ')}`,
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
  apt(['update', '-qq']);
  apt(['install', '-y', '-qq', ...names]);
}

if (import.meta.url === `file://${process.argv[1]}`) ensureSystemDeps();
