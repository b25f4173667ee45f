/**
 * Child commands for tests: each runs in its own process group with a deadline.
 * When the deadline passes, or the command ends leaving helpers behind, the whole
 * group is killed, so a hung `npm install` cannot outlive the test that started it,
 * and the error shows what the command printed.
 *
 * Erasable TypeScript only: the root scripts may import this file on Node 24 directly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

/** How long a group gets to exit after SIGTERM before it is sent SIGKILL. */
const KILL_GRACE_MS = 3_000;
/** Output kept per stream: enough to see why a command failed. */
const MAX_OUTPUT = 64 * 1024 * 1024;

const liveGroups = new Set<number>();
let exitHookInstalled = false;

/** If the test process itself goes away, its children go with it. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const pgid of liveGroups) signalGroup(pgid, 'SIGKILL');
  });
}

/** Sends a signal to every process of a group; false if the group no longer exists. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

/**
 * The state letters of the group's processes, from /proc (Linux). A killed process
 * stays a zombie (`Z`) until init reaps it, and a zombie runs nothing.
 */
function groupStates(pgid: number): string[] | undefined {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined; // no /proc: fall back to signal 0
  }
  const states: string[] = [];
  for (const pid of pids) {
    try {
      // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0]) states.push(fields[0]);
    } catch {
      // the process ended while we looked
    }
  }
  return states;
}

/** True while any process of the group is still running (zombies do not count). */
export function processGroupAlive(pgid: number): boolean {
  const states = groupStates(pgid);
  if (states === undefined) return signalGroup(pgid, 0);
  return states.some((state) => state !== 'Z');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Ends a group: SIGTERM, then SIGKILL for whatever is left after the grace period. */
export async function killGroup(pgid: number, graceMs = KILL_GRACE_MS): Promise<void> {
  if (!signalGroup(pgid, 'SIGTERM')) {
    liveGroups.delete(pgid);
    return;
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!processGroupAlive(pgid)) break;
    await sleep(50);
  }
  signalGroup(pgid, 'SIGKILL');
  for (let i = 0; i < 40 && processGroupAlive(pgid); i++) await sleep(25);
  liveGroups.delete(pgid);
}

export interface SpawnOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Text written to the command's standard input, which is then closed. */
  input?: string;
}

/** A command running in a process group of its own. */
export interface GroupProcess {
  readonly child: ChildProcess;
  /** The process group id (the leader's pid). */
  readonly pgid: number;
  /** Everything printed so far, stdout and stderr. */
  output(): { stdout: string; stderr: string };
  /** Resolves with the leader's exit code and signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Ends the whole group (SIGTERM, then SIGKILL), whether or not the leader has exited. */
  stop(graceMs?: number): Promise<void>;
}

/** Starts a command as the leader of a new process group, collecting its output. */
export function spawnGroup(command: string, args: string[], options: SpawnOptions): GroupProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true,
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  const pgid = child.pid;
  if (pgid === undefined) throw new Error(`could not start \`${command}\` in ${options.cwd}`);
  liveGroups.add(pgid);
  installExitHook();
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    if (stdout.length < MAX_OUTPUT) stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < MAX_OUTPUT) stderr += chunk.toString();
  });
  if (options.input !== undefined) child.stdin?.end(options.input);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
    (resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) => {
        resolve({ code, signal });
      });
    },
  );
  return {
    child,
    pgid,
    output: () => ({ stdout, stderr }),
    exited,
    stop: (graceMs) => killGroup(pgid, graceMs),
  };
}

export interface RunOptions extends SpawnOptions {
  /** The command's deadline; keep it shorter than the test's own timeout. */
  timeoutMs: number;
}

export interface CommandResult {
  /** Exit code; null when the command was ended by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** True when the deadline passed and the group was killed. */
  timedOut: boolean;
  pgid: number;
  durationMs: number;
}

/** `cmd arg …` in cwd, for error messages. */
export function describeCommand(command: string, args: string[], cwd: string): string {
  return `\`${[command, ...args].join(' ')}\` in ${cwd}`;
}

const seconds = (ms: number) => (ms / 1000).toFixed(ms < 10_000 ? 1 : 0);

const tail = (text: string, max = 8_000) =>
  text.length > max ? `…${text.slice(text.length - max)}` : text;

/** The failure text: what ran, how it ended, and the end of what it printed. */
export function describeFailure(
  command: string,
  args: string[],
  options: RunOptions,
  result: CommandResult,
): string {
  const how = result.timedOut
    ? `timed out after ${seconds(options.timeoutMs)} s; its process group was killed`
    : result.signal
      ? `was ended by ${result.signal}`
      : `exited ${String(result.code)}`;
  return [
    `${describeCommand(command, args, options.cwd)} ${how}`,
    `--- stdout ---\n${tail(result.stdout)}`,
    `--- stderr ---\n${tail(result.stderr)}`,
  ].join('\n');
}

/**
 * Runs a command to its end or its deadline. The result carries the exit code
 * instead of throwing. Either way no process of its group is left running: helpers
 * it left behind are killed once the leader exits.
 */
export async function runCommand(
  command: string,
  args: string[],
  options: RunOptions,
): Promise<CommandResult> {
  const started = Date.now();
  const proc = spawnGroup(command, args, options);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void proc.stop();
  }, options.timeoutMs);
  try {
    const { code, signal } = await proc.exited;
    await proc.stop(0);
    // Let the pipes drain what was written before the exit.
    await new Promise<void>((resolve) => {
      if (proc.child.stdout?.readableEnded !== false && proc.child.stderr?.readableEnded !== false)
        resolve();
      else
        proc.child.once('close', () => {
          resolve();
        });
      setTimeout(resolve, 1_000).unref();
    });
    const { stdout, stderr } = proc.output();
    return {
      code,
      signal,
      stdout,
      stderr,
      timedOut,
      pgid: proc.pgid,
      durationMs: Date.now() - started,
    };
  } finally {
    clearTimeout(timer);
  }
}

/** Like runCommand, but anything but exit 0 throws with the command's output. */
export async function mustRunCommand(
  command: string,
  args: string[],
  options: RunOptions,
): Promise<string> {
  const result = await runCommand(command, args, options);
  if (result.code !== 0 || result.timedOut)
    throw new Error(describeFailure(command, args, options, result));
  return result.stdout;
}
