/**
 * A deployable build: `pnpm deploy` of the sender into a folder outside the workspace, then
 * `node <dir>/dist/cli.js serve` there with plain Node 24 (this test's own Node), answering
 * /healthz and /readyz. Nothing of the workspace is reachable from that folder, so a missing
 * file or a dependency resolved through the workspace would fail here.
 */
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  describeFailure,
  processGroupAlive,
  runCommand,
  spawnGroup,
  type GroupProcess,
} from '@csp-enablement/testkit/child';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** Every package comes from the pnpm store: a cold store still reaches only the npm registry. */
export const DEPLOY_ARGS = [
  '--filter',
  '@csp-enablement/sender',
  '--prod',
  // pnpm 10 deploys from the lockfile only with injected workspace packages; set for this
  // command alone, so every other install keeps its linked workspace packages.
  '--config.inject-workspace-packages=true',
  'deploy',
  '--prefer-offline',
];
// Per step, each below the e2e test timeout (300 s) so a hang names its step.
const DEPLOY_MS = 180_000;
const LISTEN_MS = 30_000;
const REQUEST_MS = 10_000;

const work = mkdtempSync(join(tmpdir(), 'csp-sender-deploy-'));
const target = join(work, 'sender');
let serving: GroupProcess | undefined;
afterAll(async () => {
  await serving?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** Resolves with the URL `serve` prints; rejects when it exits first or the deadline passes. */
async function listening(proc: GroupProcess, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  const state = { exited: false };
  void proc.exited.then(() => (state.exited = true));
  while (Date.now() < deadline && !state.exited) {
    const url = /listening on (\S+)/.exec(proc.output().stdout)?.[1];
    if (url !== undefined) return url;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const { stdout, stderr } = proc.output();
  throw new Error(
    `serve ${state.exited ? 'exited' : `did not listen within ${timeoutMs} ms`}\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`,
  );
}

describe('pnpm deploy', () => {
  it('gives a folder that serves with plain Node 24 outside the workspace', async () => {
    // The same environment as the test (proxy and CA variables included): only the registry is reached.
    const options = { cwd: ROOT, env: process.env, timeoutMs: DEPLOY_MS };
    const args = [...DEPLOY_ARGS, target];
    const deploy = await runCommand('pnpm', args, options);
    if (deploy.code !== 0 || deploy.timedOut)
      throw new Error(describeFailure('pnpm', args, options, deploy));

    expect(relative(ROOT, target).startsWith('..')).toBe(true);
    expect(existsSync(join(target, 'dist/cli.js'))).toBe(true);
    expect(existsSync(join(target, 'src')), 'only dist ships').toBe(false);
    // The workspace package is a copy inside the folder, with its built files.
    const templates = realpathSync(join(target, 'node_modules/@csp-enablement/templates'));
    expect(templates.startsWith(realpathSync(target))).toBe(true);
    expect(existsSync(join(templates, 'dist/index.js'))).toBe(true);
    expect(existsSync(join(templates, 'dist/emails'))).toBe(true);

    const data = join(work, 'data');
    serving = spawnGroup(process.execPath, [join(target, 'dist/cli.js'), 'serve'], {
      cwd: work,
      // Never the shell's RESEND_API_KEY: the outbox, a temporary data folder.
      env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', SENDER_DATA_DIR: data },
    });
    try {
      const url = await listening(serving, LISTEN_MS);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const health = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(REQUEST_MS) });
      expect(health.status).toBe(200);
      const ready = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(REQUEST_MS) });
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ ready: true });
      expect(existsSync(join(data, 'sender.sqlite'))).toBe(true);
    } finally {
      await serving.stop();
    }
    expect(processGroupAlive(serving.pgid)).toBe(false);
  });
});
