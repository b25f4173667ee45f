import { fileURLToPath } from 'node:url';
import { runCommand } from '@csp-enablement/testkit/child';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';

// The built store, opened by separate processes as `serve` and CLI runs do.
const STORE = fileURLToPath(new URL('../dist/store.js', import.meta.url));
const tmp = tempDir();
afterAll(() => {
  tmp.cleanup();
});

describe('the send log opened by several processes at once', () => {
  it('opens in every one of them (no "database is locked" on a fresh file)', async () => {
    const script = `const { Store } = await import(${JSON.stringify(STORE)}); new Store(process.argv[1]).close();`;
    const runs = await Promise.all(
      Array.from({ length: 8 }, () =>
        runCommand(process.execPath, ['--input-type=module', '-e', script, tmp.dir], {
          cwd: tmp.dir,
          timeoutMs: 30_000,
        }),
      ),
    );
    expect(runs.map((r) => (r.code === 0 ? 'ok' : (/^\w*Error.*$/m.exec(r.stderr)?.[0] ?? r.stderr)))).toEqual(
      Array.from({ length: 8 }, () => 'ok'),
    );
  });
});
