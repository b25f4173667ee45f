/**
 * `csp-sender restore FILE`: puts a backup in place of the live store. Only when nobody
 * has the store open (the EXCLUSIVE lock of ./lock.ts: a running server is named), after
 * checking FILE is a sender store this build can use; the current store is kept aside,
 * and the swap is one rename, so the store path never holds half a file.
 */
import {
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { backup, DatabaseSync } from 'node:sqlite';
import { InputError } from '../addresses.js';
import { readiness, type Schema } from '../health/readiness.js';
import { Store } from '../store.js';
import { storeFile } from './backup.js';
import { holdExclusive } from './lock.js';

/** Tables every csp-sender store has had since the first release. */
const CORE_TABLES = ['users', 'sends', 'batches', 'events'];

const SCHEMA_QUERY = `SELECT m.name AS t, p.name AS c FROM sqlite_master m, pragma_table_info(m.name) p
  WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`;

export interface RestoreResult {
  /** Where the store that was replaced now is (undefined: there was none). */
  aside: string | undefined;
  sends: number;
  bytes: number;
}

function readSchema(db: DatabaseSync): Schema {
  const schema: Schema = new Map();
  for (const row of db.prepare(SCHEMA_QUERY).all()) {
    const table = String(row.t);
    schema.set(table, (schema.get(table) ?? new Set<string>()).add(String(row.c)));
  }
  return schema;
}

/** Refuses a file that is not a readable, undamaged csp-sender store. */
function checkBackupFile(file: string): void {
  const bad = (why: string) => new InputError('FILE', `${file} ${why}`);
  let have: Schema;
  try {
    const db = new DatabaseSync(file, { readOnly: true });
    try {
      const check = db.prepare('PRAGMA quick_check').all();
      const verdict = check.map((r) => String(Object.values(r)[0])).join('; ');
      if (verdict !== 'ok') throw bad(`is damaged (SQLite quick_check: ${verdict.slice(0, 300)})`);
      have = readSchema(db);
    } finally {
      db.close();
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw bad(
      `is not a SQLite database this can read (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const missing = CORE_TABLES.filter((t) => !have.has(t));
  if (missing.length > 0)
    throw bad(`is not a csp-sender store: it has no table ${missing.join(', ')}`);
  // Older stores are migrated like at any start, and then checked for every table and
  // column this build needs (readiness). Tables or columns a newer build added are kept
  // and not used, as at a start (capability stores create their own tables on first use,
  // so there is no full list of known ones to refuse others by).
}

/** A name that sorts by time and is safe in any file system. */
const stamp = (now: Date) => now.toISOString().replace(/[:.]/g, '-');

export async function restoreStore(
  dataDir: string,
  file: string,
  options: { actor: string; now?: Date },
): Promise<RestoreResult> {
  const source = resolve(file);
  let size: number;
  try {
    const stat = statSync(source);
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
  } catch (error) {
    throw new InputError(
      'FILE',
      `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (size === 0) throw new InputError('FILE', `${file} is empty: not a backup`);
  const live = storeFile(dataDir);
  if (resolve(live) === source)
    throw new InputError('FILE', `${file} is the live store itself, not a backup`);
  checkBackupFile(source);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lock = holdExclusive(dataDir, 'csp-sender restore');
  const stage = mkdtempSync(join(dataDir, '.restore-'));
  try {
    // A copy with the backup API (a consistent read even if FILE is in use), migrated to this build.
    const src = new DatabaseSync(source, { readOnly: true });
    try {
      await backup(src, storeFile(stage));
    } finally {
      src.close();
    }
    const staged = new Store(stage);
    let sends: number;
    try {
      const ready = await readiness(staged);
      if (!ready.ready) throw new InputError('FILE', `${file} cannot be used: ${ready.reason}`);
      await staged.audit.logEvent(
        options.actor,
        'store',
        `restored from backup ${basename(source)}`,
      );
      sends = Number((await staged.db.get('SELECT count(*) AS n FROM sends'))?.n ?? 0);
    } finally {
      await staged.close();
    }
    // Closing the last connection folded the WAL into the file: one file to move.
    for (const extra of ['-wal', '-shm'])
      if (existsSync(`${storeFile(stage)}${extra}`))
        throw new Error(`restore: ${storeFile(stage)}${extra} was left after closing the copy`);
    let aside: string | undefined;
    if (existsSync(live)) {
      // Nobody else has it open (the lock): fold its WAL in and leave WAL mode, so the file
      // kept aside is the whole store, and restoring it later opens it read-only cleanly.
      const db = new DatabaseSync(live);
      try {
        db.exec('PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE');
      } finally {
        db.close();
      }
      for (const extra of ['-wal', '-shm']) {
        const path = `${live}${extra}`;
        if (existsSync(path)) {
          if (extra === '-wal' && statSync(path).size > 0)
            throw new Error(
              `restore: ${path} still holds changes after a checkpoint; nothing was changed`,
            );
          rmSync(path, { force: true });
        }
      }
      aside = `${live}.before-restore-${stamp(options.now ?? new Date())}`;
      // A second name for the current file, then one rename over the store path.
      linkSync(live, aside);
    }
    renameSync(storeFile(stage), live);
    return { aside, sends, bytes: statSync(live).size };
  } finally {
    rmSync(stage, { recursive: true, force: true });
    lock.release();
  }
}
