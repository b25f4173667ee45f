import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../store.js';
import { PostgresDb } from '../store/postgres-db.js';
import { pendingMigrations } from '../store/postgres-schema.js';

/** Table → its columns. */
export type Schema = Map<string, Set<string>>;

export type Readiness = { ready: true } | { ready: false; reason: string };

// One query both proves the file answers and lists every table's columns.
const SCHEMA_QUERY = `SELECT m.name AS t, p.name AS c FROM sqlite_master m, pragma_table_info(m.name) p
  WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`;

async function readSchema(store: Store): Promise<Schema> {
  const schema: Schema = new Map();
  for (const row of await store.db.all(SCHEMA_QUERY)) {
    const table = String(row.t);
    const columns = schema.get(table) ?? new Set<string>();
    columns.add(String(row.c));
    schema.set(table, columns);
  }
  return schema;
}

let expected: Schema | undefined;

/**
 * The schema this build's Store creates and migrates to: read once from a fresh store in a
 * temporary folder, so the check follows every migration without a list of its own to keep.
 */
export async function expectedSchema(): Promise<Schema> {
  if (expected) return expected;
  const dir = mkdtempSync(join(tmpdir(), 'csp-sender-schema-'));
  try {
    const store = new Store(dir);
    try {
      expected = await readSchema(store);
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return expected;
}

/**
 * Readiness: the store answers a query and has every table and column this build needs
 * (a file restored from an older backup, or never migrated, has not). Columns a newer
 * build added are fine: this build does not use them.
 */
export async function readiness(store: Store, wanted?: Schema): Promise<Readiness> {
  if (store.db instanceof PostgresDb) return postgresReadiness(store.db);
  const want = wanted ?? (await expectedSchema());
  let have: Schema;
  try {
    if (!store.sqlite.file.isOpen) return { ready: false, reason: 'store: the database is closed' };
    have = await readSchema(store);
  } catch (error) {
    return {
      ready: false,
      reason: `store: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const missing: string[] = [];
  for (const [table, columns] of want) {
    const present = have.get(table);
    if (!present) missing.push(`table ${table}`);
    else for (const column of columns) if (!present.has(column)) missing.push(`${table}.${column}`);
  }
  return missing.length === 0
    ? { ready: true }
    : {
        ready: false,
        reason: `schema: not migrated to this version (missing ${missing.join(', ')}); restart the sender to migrate`,
      };
}

/** PostgreSQL: the server answers and every migration of this build is applied. */
async function postgresReadiness(db: PostgresDb): Promise<Readiness> {
  try {
    const pending = await pendingMigrations(db);
    return pending.length === 0
      ? { ready: true }
      : {
          ready: false,
          reason: `schema: migrations ${pending.map((m) => m.version).join(', ')} not applied; run csp-sender migrate`,
        };
  } catch (error) {
    return {
      ready: false,
      reason: `store: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
