import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { mustRunCommand, processGroupAlive, runCommand, spawnGroup } from '../src/child.js';

const cwd = tmpdir();

/** A shell that starts a helper in the background, then hangs. */
const HANGS_WITH_HELPER = ['-c', 'echo started; echo oops >&2; sleep 120 & sleep 120'];

describe('child commands in tests', () => {
  it('returns what a command printed and its exit code', async () => {
    const result = await runCommand('sh', ['-c', 'echo out; echo err >&2; exit 3'], {
      cwd,
      timeoutMs: 10_000,
    });
    expect(result).toMatchObject({ code: 3, stdout: 'out\n', stderr: 'err\n', timedOut: false });
  });

  it('kills the whole process group at the deadline, leaving nothing running', async () => {
    const result = await runCommand('sh', HANGS_WITH_HELPER, { cwd, timeoutMs: 500 });
    expect(result.timedOut).toBe(true);
    expect(result.stdout).toBe('started\n');
    expect(processGroupAlive(result.pgid)).toBe(false);
  });

  it('shows the output of a command that timed out in the error', async () => {
    await expect(mustRunCommand('sh', HANGS_WITH_HELPER, { cwd, timeoutMs: 500 })).rejects.toThrow(
      /`sh -c .*` in .* timed out after 0.5 s; its process group was killed\n--- stdout ---\nstarted\n\n--- stderr ---\noops/,
    );
  });

  it('ends helpers a finished command left behind', async () => {
    const result = await runCommand('sh', ['-c', 'sleep 120 & echo done'], {
      cwd,
      timeoutMs: 10_000,
    });
    expect(result).toMatchObject({ code: 0, stdout: 'done\n', timedOut: false });
    expect(processGroupAlive(result.pgid)).toBe(false);
  });

  it('passes standard input and the environment it is given', async () => {
    const out = await mustRunCommand('sh', ['-c', 'read line; echo "$line $GREETING"'], {
      cwd,
      timeoutMs: 10_000,
      input: 'hello\n',
      env: { PATH: process.env.PATH, GREETING: 'world' },
    });
    expect(out).toBe('hello world\n');
  });

  it('stops a long-running service and its children', async () => {
    const service = spawnGroup('sh', ['-c', 'sleep 120 & sleep 120'], { cwd });
    expect(processGroupAlive(service.pgid)).toBe(true);
    await service.stop();
    expect(processGroupAlive(service.pgid)).toBe(false);
    expect((await service.exited).signal).toBe('SIGTERM');
  });
});
