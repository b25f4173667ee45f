import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { mustRunCommand, processGroupAlive } from '../src/child.js';
import { startPostgres, type RunningPostgres } from '../src/postgres.js';

describe('startPostgres', () => {
  let server: RunningPostgres | undefined;
  afterAll(async () => {
    await server?.stop();
  });

  it('serves a fresh database on 127.0.0.1, and stop() leaves nothing running or on disk', async () => {
    server = await startPostgres();
    expect(server.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
    expect(processGroupAlive(server.pid)).toBe(true);
    const sql = postgres(server.url, { max: 1, connect_timeout: 30, onnotice: () => undefined });
    try {
      const rows = await sql<{ one: number }[]>`select 1 as one`;
      expect(rows[0]?.one).toBe(1);
      // Loopback only: the server was told to listen on nothing else.
      const [setting] = await sql<{ listen_addresses: string }[]>`show listen_addresses`;
      expect(setting?.listen_addresses).toBe('127.0.0.1');
    } finally {
      await sql.end({ timeout: 5 });
    }
    const { pid, dir } = server;
    await server.stop();
    expect(processGroupAlive(pid)).toBe(false);
    expect(existsSync(dir)).toBe(false);
    // A second stop is harmless.
    await server.stop();
  }, 120_000);

  it('a test process that exits without stop() still stops its server and removes the folder', async () => {
    const module = fileURLToPath(new URL('../src/postgres.ts', import.meta.url));
    // The child starts a server, prints where, and exits: a failed test that never reached stop().
    // Node runs the .ts source as it is; a hook maps the sources' `./x.js` imports to `./x.ts`.
    const script = `import { registerHooks } from 'node:module';
registerHooks({ resolve: (spec, context, next) => {
  try { return next(spec, context); } catch (error) {
    if (spec.startsWith('.') && spec.endsWith('.js')) return next(spec.slice(0, -3) + '.ts', context);
    throw error;
  }
} });
const { startPostgres } = await import(${JSON.stringify(module)});
const s = await startPostgres();
console.log(JSON.stringify({ pid: s.pid, dir: s.dir }));
process.exit(1);`;
    const out = await mustRunCommand(process.execPath, ['--input-type=module', '-e', script], {
      cwd: process.cwd(),
      timeoutMs: 100_000,
    }).catch((error: unknown) => String(error));
    const line = /\{"pid":\d+,"dir":"[^"]+"\}/.exec(out)?.[0];
    expect(line, out).toBeDefined();
    const { pid, dir } = JSON.parse(line ?? '{}') as { pid: number; dir: string };
    expect(processGroupAlive(pid)).toBe(false);
    expect(existsSync(dir)).toBe(false);
  }, 120_000);
});
