/**
 * `csp-sender backup FILE`: a consistent copy of the live store, taken with SQLite's
 * online backup API (node:sqlite `backup()`), safe while `serve` or `batch` write to it.
 */
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { backup, DatabaseSync } from 'node:sqlite';
import { InputError } from '../addresses.js';
import { Store } from '../store.js';

export const storeFile = (dataDir: string): string => join(dataDir, 'sender.sqlite');

/**
 * Pages per backup step: the whole file in one step. A write by another process between
 * steps restarts SQLite's backup from the first page, which on a busy server could go on
 * for ever; one step reads one snapshot (WAL lets the writers go on meanwhile).
 */
const ALL_PAGES = 2_000_000_000;

export interface BackupResult {
  path: string;
  bytes: number;
  sends: number;
}

/** How many rows the `sends` table of a SQLite file holds. */
export function countSends(file: string): number {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const row = db.prepare('SELECT count(*) AS n FROM sends').get();
    return Number(row?.n ?? 0);
  } finally {
    db.close();
  }
}

export async function backupStore(
  dataDir: string,
  target: string,
  options: { force: boolean },
): Promise<BackupResult> {
  const path = resolve(target);
  if (!existsSync(storeFile(dataDir)))
    throw new InputError('SENDER_DATA_DIR', `no store in ${dataDir}: there is nothing to back up`);
  if (resolve(storeFile(dataDir)) === path)
    throw new InputError('FILE', `${target} is the live store itself; choose another path`);
  if (!existsSync(dirname(path)))
    throw new InputError('FILE', `the folder ${dirname(path)} does not exist`);
  if (existsSync(path) && !options.force)
    throw new InputError('FILE', `${target} exists already; add --force to overwrite it`);
  // Written beside the target and renamed: FILE is either the old file or a whole backup.
  const tmp = `${path}.tmp-${process.pid}`;
  // Opened as the other commands do: a restore waits until the copy is done.
  const store = new Store(dataDir);
  try {
    await backup(store.sqlite.file, tmp, { rate: ALL_PAGES });
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  } finally {
    await store.close();
  }
  try {
    // A single self-contained file (the live store is in WAL mode; a copy needs no -wal).
    const copy = new DatabaseSync(tmp);
    try {
      copy.exec('PRAGMA journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const sends = countSends(tmp);
    renameSync(tmp, path);
    return { path, bytes: statSync(path).size, sends };
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}
