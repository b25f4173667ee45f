import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';
import { groupAlive, groupsStillRunning, runCli, serveCli, type ServingCli } from './spawn-cli.js';

const tmp = tempDir();
const env = { SENDER_DATA_DIR: join(tmp.dir, 'data'), PORT: '0' };
const running: ServingCli[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.stop();
  expect(groupsStillRunning()).toEqual([]);
});
afterAll(() => {
  tmp.cleanup();
});

async function waitGone(pgid: number): Promise<void> {
  for (let i = 0; i < 200 && groupAlive(pgid); i++)
    await new Promise((resolve) => setTimeout(resolve, 50));
  expect(groupAlive(pgid)).toBe(false);
}

describe('one csp-sender serve per data folder', () => {
  it('a second serve refuses to start, naming the first; CLI commands still work beside it', async () => {
    const first = await serveCli(env);
    running.push(first);
    const second = await runCli(['serve'], env);
    expect(second.code).toBe(2);
    // The first serve is the leader of its group: its pid is the group id.
    expect(second.stderr).toMatch(
      new RegExp(
        `already in use by csp-sender serve \\(pid ${first.pgid} on \\S+, since \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\)`,
      ),
    );
    expect(second.stdout).not.toContain('listening on');
    // The first one still answers.
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    // One-shot commands share the store with the server as before.
    const history = await runCli(['history'], env);
    expect(history.code).toBe(0);
    expect(history.stdout).toContain('Nothing sent yet.');
    const send = await runCli(
      [
        'send',
        '--template',
        'customer-authorization-request',
        '--country',
        'FR',
        '--to',
        'a@contoso.example',
        '--yes',
      ],
      env,
    );
    expect(send.code, send.stderr).toBe(0);
    // restore needs the store to itself: it names the server too, and changes nothing.
    const backup = await runCli(['backup', join(tmp.dir, 'b.sqlite')], env);
    expect(backup.code, backup.stderr).toBe(0);
    const restore = await runCli(['restore', join(tmp.dir, 'b.sqlite')], env);
    expect(restore.code).toBe(2);
    expect(restore.stderr).toContain(`in use by csp-sender serve (pid ${first.pgid} on `);
  });

  it('a serve killed with SIGKILL does not block the next start', async () => {
    const first = await serveCli(env);
    process.kill(-first.pgid, 'SIGKILL');
    await waitGone(first.pgid);
    const next = await serveCli(env);
    running.push(next);
    expect((await fetch(`${next.url}/healthz`)).status).toBe(200);
    // And the new one holds it now.
    const third = await runCli(['serve'], env);
    expect(third.code).toBe(2);
    expect(third.stderr).toContain(`(pid ${next.pgid} on `);
  });
});
