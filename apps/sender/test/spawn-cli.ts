/**
 * Runs the built `csp-sender` as a child in its own process group, with a timeout
 * shorter than the test's (@csp-enablement/testkit/child). On timeout the whole group
 * is killed and the error shows what the child printed, so a hang fails fast and
 * leaves nothing running.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { processGroupAlive, runCommand } from '@csp-enablement/testkit/child';

// The built bin, run by the same Node as the tests (`pnpm build` first; turbo's test task depends on build).
export const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** Below vitest's 60 s test timeout, so the child's output is shown, not vitest's bare timeout. */
export const CHILD_TIMEOUT_MS = 45_000;

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The child's process id, which is also its process group id. */
  pgid: number;
}

/** Every process group started here, for `groupsStillRunning`. */
const started = new Set<number>();

/** Whether any process of the group still runs (a zombie waiting to be reaped does not). */
export const groupAlive = processGroupAlive;

/** Groups started here that still have a live process (should always be empty). */
export function groupsStillRunning(): number[] {
  return [...started].filter(groupAlive);
}

/** `csp-sender ARGS` with only the given environment (and quick retries), to its end. */
export async function runCli(
  args: string[],
  env: Record<string, string>,
  stdin = '',
  options: { timeoutMs?: number } = {},
): Promise<Run> {
  const timeoutMs = options.timeoutMs ?? CHILD_TIMEOUT_MS;
  const result = await runCommand(process.execPath, [CLI, ...args], {
    cwd: process.cwd(),
    env: {
      PATH: process.env.PATH ?? '',
      SENDER_RETRY_BASE_MS: '5',
      SENDER_RETRY_MAX_MS: '20',
      ...env,
    },
    input: stdin,
    timeoutMs,
  });
  started.add(result.pgid);
  const { code, stdout, stderr, pgid } = result;
  if (result.timedOut)
    throw new Error(
      `csp-sender ${args.join(' ')} did not finish within ${timeoutMs} ms: its process group ${pgid} was killed.\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`,
    );
  return { code, stdout, stderr, pgid };
}

export interface ServingCli {
  url: string;
  pgid: number;
  /** What it printed so far (stdout and stderr). */
  output(): string;
  /** SIGTERM to the group, SIGKILL if it has not ended within 5 s; resolves with its exit code. */
  stop(): Promise<number | null>;
}

/** `csp-sender serve` until it prints its address (or the timeout kills its group). */
export function serveCli(
  env: Record<string, string>,
  args: string[] = [],
  timeoutMs = 20_000,
): Promise<ServingCli> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'serve', ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const pgid = child.pid;
    if (pgid === undefined) {
      reject(new Error('could not start csp-sender serve'));
      return;
    }
    started.add(pgid);
    let stdout = '';
    let stderr = '';
    const closed = new Promise<number | null>((done) => child.on('close', done));
    const kill = (signal: NodeJS.Signals) => {
      try {
        process.kill(-pgid, signal);
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      kill('SIGKILL');
      reject(
        new Error(
          `csp-sender serve did not listen within ${timeoutMs} ms: its process group ${pgid} was killed.\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`,
        ),
      );
    }, timeoutMs);
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const url = /listening on (\S+)/.exec(stdout)?.[1];
      if (url === undefined) return;
      clearTimeout(timer);
      resolve({
        url,
        pgid,
        output: () => stdout + stderr,
        stop: async () => {
          kill('SIGTERM');
          const force = setTimeout(() => {
            kill('SIGKILL');
          }, 5000);
          const code = await closed;
          clearTimeout(force);
          return code;
        },
      });
    });
    void closed.then((code) => {
      clearTimeout(timer);
      reject(new Error(`csp-sender serve exited (${String(code)}) before listening.\n${stderr}`));
    });
  });
}
