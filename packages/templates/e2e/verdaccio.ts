import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { spawnGroup } from '@csp-enablement/testkit/child';
import { cleanEnv } from './run.js';

export interface LocalRegistry {
  url: string;
  /** An auth token of a user allowed to publish. */
  token: string;
  /** The Verdaccio process itself, leader of its own process group. */
  pid: number;
  /** Stops Verdaccio's whole process group and resolves once nothing of it runs. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

/**
 * A real Verdaccio on 127.0.0.1 with its storage under `dir` and no uplinks:
 * it serves only what the rehearsal publishes to it.
 */
/**
 * Verdaccio's own entry script. It runs on this process's Node binary, not
 * through `node_modules/.bin`: those are shell shims (and the `node` package's
 * shim keeps the real Node as a child), so a signal to the shim would leave
 * Verdaccio running.
 */
function verdaccioEntry(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('verdaccio/package.json')), 'bin', 'verdaccio');
}

export async function startVerdaccio(dir: string): Promise<LocalRegistry> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const config = join(dir, 'config.yaml');
  writeFileSync(
    config,
    [
      `storage: ${join(dir, 'storage')}`,
      'auth:',
      '  htpasswd:',
      `    file: ${join(dir, 'htpasswd')}`,
      'uplinks: {}',
      'packages:',
      "  '**':",
      '    access: $all',
      '    publish: $authenticated',
      'middlewares:',
      '  audit:',
      '    enabled: false',
      'log: { type: stdout, format: pretty, level: warn }',
      '',
    ].join('\n'),
  );
  const proc = spawnGroup(
    process.execPath,
    [verdaccioEntry(), '--config', config, '--listen', `127.0.0.1:${port}`],
    { cwd: dir, env: cleanEnv() },
  );
  const { child, pgid: pid } = proc;
  const output = () => Object.values(proc.output()).join('');
  const stop = () => proc.stop(5_000);

  try {
    for (let attempt = 0; ; attempt++) {
      if (child.exitCode !== null) throw new Error(`Verdaccio exited early:\n${output()}`);
      try {
        if ((await fetch(`${url}-/ping`)).ok) break;
      } catch {
        // not listening yet
      }
      if (attempt > 100) throw new Error(`Verdaccio did not answer on ${url}:\n${output()}`);
      await sleep(200);
    }
    const response = await fetch(`${url}-/user/org.couchdb.user:rehearsal`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'rehearsal', password: 'rehearsal-password' }),
    });
    const body = (await response.json()) as { token?: string };
    if (!response.ok || !body.token)
      throw new Error(`Verdaccio refused the user: ${JSON.stringify(body)}`);
    return { url, token: body.token, stop, pid };
  } catch (error) {
    await stop();
    throw error;
  }
}
