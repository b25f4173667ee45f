/**
 * The `csp-sender` entry: an older Node gets a sentence saying what is needed instead of
 * ERR_UNKNOWN_BUILTIN_MODULE, and `preview` never reaches the provider.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { runCommand } from '@csp-enablement/testkit/child';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { FakeResend } from './fake-resend.js';
import { tempDir } from './helpers.js';
import { CLI, CHILD_TIMEOUT_MS, groupsStillRunning, runCli } from './spawn-cli.js';

/** The first `node` on this machine older than 24 (the system's), if any. */
function olderNode(): { path: string; version: string } | undefined {
  let onPath: string[] = [];
  try {
    onPath = execFileSync('which', ['-a', 'node'], { encoding: 'utf8' }).split('\n');
  } catch {
    // no `which`, or no node on PATH
  }
  for (const path of [...onPath, '/usr/bin/node', '/usr/local/bin/node']) {
    if (path === '' || !existsSync(path)) continue;
    try {
      const version = execFileSync(path, ['--version'], { encoding: 'utf8' }).trim();
      if (Number(/^v(\d+)\./.exec(version)?.[1]) < 24) return { path, version };
    } catch {
      // not runnable
    }
  }
  return undefined;
}

const older = olderNode();
if (!older)
  console.log(
    'cli-entry: no Node older than 24 on this machine; the version check test is skipped',
  );

const tmp = tempDir();
let fake: FakeResend | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});
afterAll(() => {
  tmp.cleanup();
  expect(groupsStillRunning()).toEqual([]);
});

describe('csp-sender entry', () => {
  it.skipIf(!older)(
    `on ${older ? `Node ${older.version} (${older.path})` : 'an older Node (none found: skipped)'} it says what it needs, before loading node:sqlite`,
    async () => {
      const node = older?.path ?? '';
      const result = await runCommand(
        node,
        [CLI, 'preview', '--template', 'reseller-invitation', '--country', 'DE'],
        {
          cwd: tmp.dir,
          env: { PATH: process.env.PATH ?? '', SENDER_DATA_DIR: tmp.dir },
          timeoutMs: CHILD_TIMEOUT_MS,
        },
      );
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(
        `csp-sender needs Node.js 24 or newer (this is ${older?.version ?? ''}): run it with \`pnpm sender …\` from the repository`,
      );
      expect(result.stderr).toContain('or install Node 24');
      expect(result.stderr).not.toMatch(/ERR_UNKNOWN_BUILTIN_MODULE|node:sqlite|\n\s+at /);
    },
  );

  it('runs on this Node (24)', async () => {
    const result = await runCli(['help'], { SENDER_DATA_DIR: tmp.dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage:');
  });

  // The commands are looked up by name in a table: a name every object has (toString,
  // constructor, __proto__) once reached Object.prototype instead of "Unknown command".
  it('refuses a command name that only exists on every object, with the usage', async () => {
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      const result = await runCli([name], { SENDER_DATA_DIR: tmp.dir });
      expect(result.code, `${name}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toContain(`Unknown command "${name}".`);
      expect(result.stderr).toContain('Usage:');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('preview with RESEND_API_KEY set never calls the provider: zero requests, a prompt answer', async () => {
    fake = new FakeResend();
    await fake.start();
    const env = {
      SENDER_DATA_DIR: tmp.dir,
      RESEND_API_KEY: fake.apiKey,
      RESEND_BASE_URL: fake.url,
      // The start-up check would have waited this long for an answer: far above "prompt".
      SENDER_HTTP_TIMEOUT_MS: '30000',
    };
    for (const args of [[], ['--text']]) {
      const started = Date.now();
      const result = await runCli(
        ['preview', '--template', 'customer-authorization-request', '--country', 'DE', ...args],
        env,
      );
      const took = Date.now() - started;
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain('Fingerprint:');
      expect(result.stderr).toContain('(verified against the lock)');
      // It still says what the configured transport would do with a placeholder link.
      expect(result.stderr).toContain('the resend transport will refuse to send it');
      expect(result.stdout.length).toBeGreaterThan(100);
      // Node's start and the render, on a busy machine; the old domain check took 18.8 s.
      expect(took).toBeLessThan(10_000);
    }
    expect(fake.requests).toEqual([]);
  });
});
