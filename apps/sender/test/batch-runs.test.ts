/**
 * A batch run's liveness: a fresh heartbeat, and on this host a process that exists. Found by
 * test/backup-restore.test.ts: a restored store remembers the run that was going when the
 * backup was taken, its heartbeat seconds old; counted alive, resume left its rows alone and
 * `batch --again` sent 150 recipients a second time under new keys.
 */
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { describeStores } from './stores.js';

/** The pid of a process that has ended. */
const deadPid = (): number => {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
};

describeStores('batch runs', (s) => {
  const batch = async () => {
    await s.store.batches.insertBatch({
      id: 'b1',
      contentHash: 'h',
      generation: 1,
      fileName: 'f.csv',
      templateId: 'customer-authorization-request',
      country: 'GB',
      rows: 1,
      createdBy: 't',
    });
    return 'b1';
  };

  it('a run of this host whose process ended is not alive, even with a fresh heartbeat', async () => {
    const id = await batch();
    await s.store.runs.register(id, { pid: deadPid(), host: hostname(), token: 'dead' });
    expect(await s.store.runs.alive(id, 30_000)).toEqual([]);
    expect(await s.store.runs.aliveBatches(30_000)).toEqual(new Set());
  });

  it('this process’s run and another host’s run (its process cannot be seen) are alive', async () => {
    const id = await batch();
    await s.store.runs.register(id, { pid: process.pid, host: hostname(), token: 'mine' });
    await s.store.runs.register(id, { pid: 1, host: 'other-host.invalid', token: 'theirs' });
    expect((await s.store.runs.alive(id, 30_000)).map((r) => r.host).sort()).toEqual(
      [hostname(), 'other-host.invalid'].sort(),
    );
    expect(await s.store.runs.aliveBatches(30_000)).toEqual(new Set([id]));
  });
});

describe('deadPid', () => {
  it('names a process that has ended', () => {
    expect(() => process.kill(deadPid(), 0)).toThrow();
  });
});
