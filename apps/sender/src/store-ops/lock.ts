/**
 * Who may use the SQLite store at the same time. The locks are SQLite's own file locks
 * on a small file of their own, `<data dir>/sender.lock` (never written to), held by an
 * open transaction for as long as the process wants them:
 *
 * - every process that opens the store (serve, batch, send, history...) holds a SHARED
 *   lock (a read transaction), so many can work side by side as before;
 * - `serve` also holds the RESERVED lock (BEGIN IMMEDIATE): there is one of it at a time,
 *   and a second `serve` fails at once;
 * - `restore` holds the EXCLUSIVE lock: only when nobody else has the store open.
 *
 * Why this and not a lock row refreshed in the store, or a pid file: these are POSIX
 * record locks, which the kernel drops the moment the process ends, however it ends
 * (SIGKILL, OOM, power loss of a container). Nothing goes stale, so nothing needs a
 * stale-after guess or a liveness check of a pid that may have been reused, and the next
 * start after a crash is not delayed. The lock says nothing about who holds it, so the
 * holder writes `sender.lock.json` (pid, host, since) once it has the lock; that file is
 * only read to name the holder in an error, never trusted to decide anything.
 * Like SQLite itself, this needs a local file system (not NFS).
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { InputError } from '../addresses.js';

export interface Holder {
  pid: number;
  host: string;
  /** ISO time the lock was taken. */
  since: string;
  /** What holds it: `csp-sender serve`, `csp-sender restore`. */
  command: string;
}

/**
 * The store is held by another process; the message names it when it can. An input
 * error of the data folder setting: every command reports it in one line, exit 2.
 */
export class StoreLockedError extends InputError {
  override name = 'StoreLockedError';
  constructor(
    message: string,
    readonly holder: Holder | undefined,
  ) {
    super('SENDER_DATA_DIR', message);
  }
}

export const lockFile = (dataDir: string): string => join(dataDir, 'sender.lock');
const holderFile = (dataDir: string): string => join(dataDir, 'sender.lock.json');

function openLock(dataDir: string, busyMs: number): DatabaseSync {
  // Before the store exists (a first `serve`): made as the store makes it.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = new DatabaseSync(lockFile(dataDir));
  // Nothing is ever written to it: no journal file either.
  db.exec(`PRAGMA busy_timeout = ${busyMs}; PRAGMA journal_mode = OFF`);
  return db;
}

const isBusy = (error: unknown): boolean =>
  error instanceof Error && 'errcode' in error && (error.errcode === 5 || error.errcode === 6);

/** Reads `sender.lock.json`; on this host a holder whose pid is gone is not the holder. */
function readHolder(dataDir: string): Holder | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(holderFile(dataDir), 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const h = parsed as Record<string, unknown>;
    if (
      typeof h.pid !== 'number' ||
      typeof h.host !== 'string' ||
      typeof h.since !== 'string' ||
      typeof h.command !== 'string'
    )
      return undefined;
    const holder: Holder = { pid: h.pid, host: h.host, since: h.since, command: h.command };
    if (holder.host === hostname()) {
      try {
        process.kill(holder.pid, 0);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ESRCH') return undefined;
      }
    }
    return holder;
  } catch {
    return undefined;
  }
}

/**
 * Who holds the lock. The holder writes its file just after taking the lock: a moment's
 * wait covers that gap (and a file left by a holder that was killed).
 */
export function currentHolder(dataDir: string): Holder | undefined {
  for (let i = 0; i < 20; i++) {
    const holder = readHolder(dataDir);
    if (holder !== undefined) return holder;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
  return undefined;
}

export function describeHolder(holder: Holder | undefined): string {
  return holder === undefined
    ? 'another process (it did not say which)'
    : `${holder.command} (pid ${holder.pid} on ${holder.host}, since ${holder.since})`;
}

export interface HeldLock {
  release(): void;
}

function held(db: DatabaseSync, dataDir: string, command: string | undefined): HeldLock {
  if (command !== undefined) {
    const holder: Holder = {
      pid: process.pid,
      host: hostname(),
      since: new Date().toISOString(),
      command,
    };
    const tmp = `${holderFile(dataDir)}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(holder)}\n`, { mode: 0o600 });
    renameSync(tmp, holderFile(dataDir));
  }
  let released = false;
  return {
    release: () => {
      if (released) return;
      released = true;
      // The file goes first, while the lock still says it is ours.
      if (command !== undefined && readHolder(dataDir)?.pid === process.pid)
        rmSync(holderFile(dataDir), { force: true });
      if (db.isOpen) db.close();
    },
  };
}

/**
 * A SHARED lock for as long as the store is open. It waits (`waitMs`) while a restore
 * holds the store, then says so.
 */
export function holdUse(dataDir: string, waitMs = 10_000): HeldLock {
  const db = openLock(dataDir, waitMs);
  try {
    db.exec('BEGIN');
    // Reading the file is what takes the SHARED lock; it lasts until the transaction ends.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (error) {
    db.close();
    if (!isBusy(error)) throw error;
    const holder = currentHolder(dataDir);
    throw new StoreLockedError(
      `The store in ${dataDir} is locked by ${describeHolder(holder)}; try again when it has finished.`,
      holder,
    );
  }
  return held(db, dataDir, undefined);
}

/** The one server of this data dir; fails at once, naming the running one. */
export function holdServer(dataDir: string, command = 'csp-sender serve'): HeldLock {
  const db = openLock(dataDir, 0);
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (error) {
    db.close();
    if (!isBusy(error)) throw error;
    const holder = currentHolder(dataDir);
    throw new StoreLockedError(
      `The store in ${dataDir} is already in use by ${describeHolder(holder)}. Stop that one first, or give this one another SENDER_DATA_DIR.`,
      holder,
    );
  }
  return held(db, dataDir, command);
}

/** Nobody else may have the store open (restore). */
export function holdExclusive(dataDir: string, command: string): HeldLock {
  const db = openLock(dataDir, 0);
  try {
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if (!isBusy(error)) throw error;
    // A server (or another restore) holds the RESERVED lock; otherwise only users do.
    let server: HeldLock | undefined;
    try {
      server = holdServer(dataDir, command);
    } catch (busy) {
      if (busy instanceof StoreLockedError)
        throw new StoreLockedError(
          `The store in ${dataDir} is in use by ${describeHolder(busy.holder)}: stop it first.`,
          busy.holder,
        );
      throw busy;
    }
    server.release();
    throw new StoreLockedError(
      `The store in ${dataDir} is open in other csp-sender commands (a batch, a send, history...): wait until they have finished.`,
      undefined,
    );
  }
  return held(db, dataDir, command);
}
