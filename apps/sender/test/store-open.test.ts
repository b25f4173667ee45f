/** Several processes opening one new data file at once (parallel CLI runs, or a run next to `serve`). */
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';
import { runCli } from './spawn-cli.js';

describe('opening a new data file from several processes at once', () => {
  it('every run opens it: no "database is locked", no column added twice', async () => {
    const failures: string[] = [];
    for (let round = 0; round < 5; round++) {
      const tmp = tempDir();
      try {
        const runs = await Promise.all(
          Array.from({ length: 10 }, () => runCli(['history'], { SENDER_DATA_DIR: tmp.dir })),
        );
        for (const run of runs)
          if (run.code !== 0)
            failures.push(`exit ${String(run.code)}: ${run.stderr.slice(0, 120)}`);
      } finally {
        tmp.cleanup();
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);
});
