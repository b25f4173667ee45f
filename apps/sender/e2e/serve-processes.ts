/**
 * `csp-sender serve` as child processes for the multi-instance trial: each in its own
 * process group (a SIGKILL of the group takes everything it started), its output kept.
 * `stopAll()` kills every group still running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { signalGroup } from '@csp-enablement/testkit/child';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
/** What the children inherit from this process: a CA bundle and proxy settings, if any. */
const INHERITED = [
  'PATH',
  'NODE_EXTRA_CA_CERTS',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
];

export interface ServeProcess {
  name: string;
  child: ChildProcess;
  /** The process id, which is also its process group's id (spawned detached). */
  pgid: number;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

const running = new Set<ServeProcess>();

/** Polls `check` every 50 ms until it gives a value; past `limitMs` the error names the step. */
export async function until<T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
  limitMs: number,
): Promise<T> {
  const end = Date.now() + limitMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end)
      throw new Error(`timed out after ${limitMs / 1000} s waiting for ${what}`);
    await sleep(50);
  }
}

/** Starts `csp-sender serve` with only `env` (and the inherited variables above). */
export function startServe(name: string, env: Record<string, string>): ServeProcess {
  const inherited = Object.fromEntries(
    INHERITED.flatMap((key) => {
      const value = process.env[key];
      return value === undefined ? [] : [[key, value]];
    }),
  );
  const child = spawn(process.execPath, [CLI, 'serve'], {
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  if (child.pid === undefined) throw new Error(`serve ${name} did not start`);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const proc: ServeProcess = {
    name,
    child,
    pgid: child.pid,
    stdout: () => stdout,
    stderr: () => stderr,
    exit: new Promise<number | null>((resolve) => {
      child.on('close', (code) => {
        running.delete(proc);
        resolve(code);
      });
    }),
  };
  running.add(proc);
  return proc;
}

/** Its URL once it says it listens; its output if it ends first or never says so. */
export function listening(proc: ServeProcess, limitMs: number): Promise<string> {
  return until(
    `serve ${proc.name} to listen`,
    () => {
      const url = /listening on (http:\/\/\S+)/.exec(proc.stdout())?.[1];
      if (url === undefined && proc.child.exitCode !== null)
        throw new Error(
          `serve ${proc.name} ended (${proc.child.exitCode}): ${proc.stdout()}\n${proc.stderr()}`,
        );
      return url;
    },
    limitMs,
  ).catch((error: unknown) => {
    throw new Error(`${String(error)}\n--- ${proc.name} stderr ---\n${proc.stderr().slice(-2000)}`);
  });
}

/** SIGKILL to the whole group, then its end. */
export async function killGroup(proc: ServeProcess): Promise<number | null> {
  signalGroup(proc.pgid, 'SIGKILL');
  return proc.exit;
}

/** Every group still running, killed (the afterAll's first step, whatever happened). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map(killGroup));
}
