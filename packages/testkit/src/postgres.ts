/**
 * A throw-away PostgreSQL server for tests, from Debian's `postgresql` package
 * (scripts/system-deps.mjs installs it): `initdb` in a fresh temp folder, started with
 * `pg_ctl` on a free port of 127.0.0.1 only, its unix socket inside the folder. The
 * package's own cluster and service are never used. `stop()` always stops it
 * (`pg_ctl stop -m immediate`: nothing in it is worth keeping) and removes the folder;
 * a hook does the same when the test process exits without calling it.
 *
 * Erasable TypeScript only, like the rest of this package.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeFailure, processGroupAlive, runCommand, type RunOptions } from './child.ts';

const DEBIAN_ROOT = '/usr/lib/postgresql';

export interface RunningPostgres {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` (trust authentication, loopback only). */
  url: string;
  port: number;
  /** The temp folder: `data/` (the cluster), the socket and `server.log`. */
  dir: string;
  /** The postmaster's pid; it leads its own process group (pg_ctl starts it with setsid). */
  pid: number;
  /** Stops the server and removes the folder; safe to call more than once. */
  stop(): Promise<void>;
}

export interface PostgresOptions {
  /** Deadline of each step (initdb, start, stop); generous, as machines differ. */
  stepTimeoutMs?: number;
}

/** The newest Debian PostgreSQL's bin folder, or undefined when none is installed. */
export function findPostgresBin(): string | undefined {
  if (!existsSync(DEBIAN_ROOT)) return undefined;
  const versions = readdirSync(DEBIAN_ROOT)
    .filter((v) => existsSync(join(DEBIAN_ROOT, v, 'bin', 'initdb')))
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
  const newest = versions[0];
  return newest === undefined ? undefined : join(DEBIAN_ROOT, newest, 'bin');
}

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

/** `initdb` and `pg_ctl` refuse to run as root: as root they run as the `postgres` user. */
function asServerUser(command: string, args: string[]): [string, string[]] {
  return isRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string): number => {
    const r = spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
    const n = Number(r.stdout.trim());
    if (r.status !== 0 || !Number.isInteger(n))
      throw new Error(
        'startPostgres: running as root, but there is no `postgres` system user (apt-get install -y postgresql creates it)',
      );
    return n;
  };
  return { uid: id('-u'), gid: id('-g') };
}

/** A port nothing listens on right now (the server may still lose a race for it: retried). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

async function must(command: string, args: string[], options: RunOptions): Promise<string> {
  const [cmd, argv] = asServerUser(command, args);
  const result = await runCommand(cmd, argv, options);
  if (result.code !== 0 || result.timedOut)
    throw new Error(describeFailure(cmd, argv, options, result));
  return result.stdout;
}

function postmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Synchronous, for the exit hook and as stop()'s last word: the server group dies, the folder goes. */
function stopNow(bin: string, dir: string, pid: number | undefined): void {
  const dataDir = join(dir, 'data');
  if (pid !== undefined && processGroupAlive(pid)) {
    const [cmd, argv] = asServerUser(join(bin, 'pg_ctl'), [
      'stop',
      '-D',
      dataDir,
      '-m',
      'immediate',
      '-w',
      '-t',
      '20',
    ]);
    spawnSync(cmd, argv, { stdio: 'ignore', timeout: 30_000 });
    // pg_ctl failed or timed out: the whole group (postmaster and its backends) gets SIGKILL.
    if (processGroupAlive(pid)) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

const running = new Map<string, () => void>();
let hookInstalled = false;

function installExitHook(): void {
  if (hookInstalled) return;
  hookInstalled = true;
  process.once('exit', () => {
    for (const stop of running.values()) stop();
  });
}

/** initdb + pg_ctl start in a new temp folder; see the file comment. */
export async function startPostgres(options: PostgresOptions = {}): Promise<RunningPostgres> {
  const bin = findPostgresBin();
  if (bin === undefined)
    throw new Error(
      `startPostgres: no PostgreSQL under ${DEBIAN_ROOT}/<version>/bin; install it with: apt-get install -y postgresql (node scripts/system-deps.mjs does)`,
    );
  const timeoutMs = options.stepTimeoutMs ?? 60_000;
  const dir = mkdtempSync(join(tmpdir(), 'csp-postgres-'));
  const dataDir = join(dir, 'data');
  let pid: number | undefined;
  const stopSync = () => {
    running.delete(dir);
    stopNow(bin, dir, pid ?? postmasterPid(dataDir));
  };
  running.set(dir, stopSync);
  installExitHook();
  try {
    if (isRoot()) {
      const { uid, gid } = postgresUser();
      chownSync(dir, uid, gid);
    }
    const step: RunOptions = { cwd: dir, timeoutMs };
    await must(
      join(bin, 'initdb'),
      [
        '-D',
        dataDir,
        '-U',
        'postgres',
        '--auth=trust',
        '--encoding=UTF8',
        '--locale=C',
        '--no-sync',
      ],
      step,
    );
    // A port can be taken between freePort() and the server's bind: try a few.
    let lastError: unknown;
    for (let attempt = 0; attempt < 3 && pid === undefined; attempt++) {
      const port = await freePort();
      try {
        await must(
          join(bin, 'pg_ctl'),
          [
            'start',
            '-D',
            dataDir,
            '-l',
            join(dir, 'server.log'),
            '-w',
            '-t',
            String(Math.ceil(timeoutMs / 1000)),
            '-o',
            `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off`,
          ],
          step,
        );
        pid = postmasterPid(dataDir);
        if (pid === undefined) throw new Error(`startPostgres: no postmaster.pid in ${dataDir}`);
        const started = pid;
        return {
          url: `postgres://postgres@127.0.0.1:${port}/postgres`,
          port,
          dir,
          pid: started,
          stop: () => {
            stopSync();
            return Promise.resolve();
          },
        };
      } catch (error) {
        const log = existsSync(join(dir, 'server.log'))
          ? readFileSync(join(dir, 'server.log'), 'utf8')
          : '';
        if (!/could not bind|address already in use/i.test(log)) throw error;
        lastError = error;
      }
    }
    throw lastError instanceof Error ? lastError : new Error('startPostgres: no free port');
  } catch (error) {
    stopSync();
    throw error;
  }
}
