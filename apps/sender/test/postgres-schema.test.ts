import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RateLimiterPostgres } from 'rate-limiter-flexible';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { deliveryStates } from '../src/delivery/states.js';
import { Store } from '../src/store.js';
import { PostgresDb } from '../src/store/postgres-db.js';
import {
  MIGRATIONS,
  V1_DELIVERY_STATES,
  migrate,
  pendingMigrations,
} from '../src/store/postgres-schema.js';

let server: { url: string; stop(): Promise<void> };
let admin: PostgresDb;
const opened: PostgresDb[] = [];
let databases = 0;

/** A new empty database on the server, and a PostgresDb on it. */
async function freshDb(): Promise<{ url: string; db: PostgresDb }> {
  const name = `schema_${++databases}`;
  await admin.script(`CREATE DATABASE ${name}`);
  const url = server.url.replace(/\/postgres$/, `/${name}`);
  const db = new PostgresDb(url);
  opened.push(db);
  return { url, db };
}
const another = (url: string): PostgresDb => {
  const db = new PostgresDb(url);
  opened.push(db);
  return db;
};

// The run's server (postgres-global.ts); this file makes and drops its own databases on it.
beforeAll(() => {
  server = { url: inject('postgresUrl'), stop: () => Promise.resolve() };
  admin = new PostgresDb(server.url);
});
afterAll(async () => {
  for (const db of opened) await db.close();
  await admin.close();
  await server.stop();
});

describe('migrations', () => {
  it('are numbered 1, 2, … in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('every version is applied once and recorded with its time; migrating again does nothing', async () => {
    const { db } = await freshDb();
    const versions = MIGRATIONS.map((m) => m.version);
    expect((await pendingMigrations(db)).map((m) => m.version)).toEqual(versions);
    const at = Date.parse('2026-12-07T10:00:00.000Z');
    expect((await migrate(db, MIGRATIONS, () => at)).map((m) => m.version)).toEqual(versions);
    expect(await migrate(db)).toEqual([]);
    expect(await pendingMigrations(db)).toEqual([]);
    expect(
      await db.all('SELECT version, applied_at FROM schema_migrations ORDER BY version'),
    ).toEqual(versions.map((version) => ({ version, applied_at: '2026-12-07T10:00:00.000Z' })));
  });

  it('a database at version 1 gets the later versions alone, its data kept', async () => {
    const { db } = await freshDb();
    expect((await migrate(db, MIGRATIONS.slice(0, 1))).map((m) => m.version)).toEqual([1]);
    await db.run(
      "INSERT INTO users (email, password_hash, created_at) VALUES ('kept@example.com', 'h', 'now')",
    );
    expect((await migrate(db)).map((m) => m.version)).toEqual(
      MIGRATIONS.slice(1).map((m) => m.version),
    );
    expect(await db.get('SELECT email FROM users')).toEqual({ email: 'kept@example.com' });
    expect(await db.get('SELECT COUNT(*) AS n FROM pending_uploads')).toEqual({ n: 0 });
    expect(await db.get('SELECT COUNT(*) AS n FROM batch_runs')).toEqual({ n: 0 });
    expect(await db.get('SELECT COUNT(*) AS n FROM server_secrets')).toEqual({ n: 0 });
  });

  it('two instances migrating at once: both succeed, one applies the versions, the other finds them done', async () => {
    const { url, db } = await freshDb();
    const results = await Promise.all([migrate(db), migrate(another(url))]);
    expect(results.map((r) => r.length).sort()).toEqual([0, MIGRATIONS.length]);
    expect(await db.all('SELECT version FROM schema_migrations ORDER BY version')).toEqual(
      MIGRATIONS.map((m) => ({ version: m.version })),
    );
  });

  it('a failing migration applies nothing and is named', async () => {
    const { db } = await freshDb();
    const next = MIGRATIONS.length + 1;
    const broken = [
      ...MIGRATIONS,
      { version: next, name: 'a typo', sql: 'CREATE TABLEE x (y int)' },
    ];
    await expect(migrate(db, broken)).rejects.toThrow(
      new RegExp(`migration ${next} \\(a typo\\) failed, nothing was applied: syntax error`),
    );
    expect(await db.get("SELECT to_regclass('users') IS NULL AS none")).toEqual({ none: 1 });
  });

  it('a database migrated by a newer sender is refused, naming the version', async () => {
    const { db } = await freshDb();
    await migrate(db);
    await db.run("INSERT INTO schema_migrations VALUES (99, 'from the future', 'x')");
    await expect(pendingMigrations(db)).rejects.toThrow(
      /schema version\(s\) 99 this sender does not know/,
    );
    await expect(migrate(db)).rejects.toThrow(/version\(s\) 99/);
  });

  it('version 1 allows the delivery states the code knows (a new one is a new version)', () => {
    expect([...V1_DELIVERY_STATES]).toEqual([...deliveryStates]);
  });
});

describe('the migrated schema against the SQLite schema', () => {
  let db: PostgresDb;
  beforeAll(async () => {
    db = (await freshDb()).db;
    await migrate(db);
  });

  it('has every SQLite table with the same columns, types and NOT NULLs, every index and trigger', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csp-schema-'));
    // The SQLite store makes every capability's tables when it opens.
    const store = new Store(dir);
    const file = store.sqlite.file;
    try {
      const names = (type: string) =>
        (
          file
            .prepare(
              "SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%' AND sql IS NOT NULL ORDER BY name",
            )
            .all(type) as { name: string }[]
        ).map((r) => r.name);
      const pgTypes: Record<string, string[]> = {
        INTEGER: ['bigint'],
        TEXT: ['text', 'citext'],
        BLOB: ['bytea'],
      };
      const tables = names('table');
      expect(tables.length).toBeGreaterThan(10);
      for (const table of tables) {
        const sqlite = file.prepare(`PRAGMA table_info(${table})`).all() as {
          name: string;
          type: string;
          notnull: number;
          pk: number;
        }[];
        const pg = await db.all(
          `SELECT column_name, udt_name, is_nullable FROM information_schema.columns
           WHERE table_schema = current_schema() AND table_name = ?`,
          table,
        );
        const pgColumns = new Map(pg.map((c) => [String(c.column_name), c]));
        expect([...pgColumns.keys()].sort(), table).toEqual(sqlite.map((c) => c.name).sort());
        for (const column of sqlite) {
          const mapped = pgColumns.get(column.name);
          const type = mapped?.udt_name === 'int8' ? 'bigint' : String(mapped?.udt_name);
          expect(pgTypes[column.type], `${table}.${column.name}`).toContain(type);
          expect(mapped?.is_nullable === 'NO', `${table}.${column.name} NOT NULL`).toBe(
            column.notnull === 1 || column.pk > 0,
          );
        }
      }
      const pgIndexes = new Set(
        (await db.all('SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()')).map(
          (r) => String(r.indexname),
        ),
      );
      for (const index of names('index')) expect(pgIndexes, index).toContain(index);
      const pgTriggers = new Set(
        (await db.all('SELECT trigger_name FROM information_schema.triggers')).map((r) =>
          String(r.trigger_name),
        ),
      );
      for (const trigger of names('trigger')) expect(pgTriggers, trigger).toContain(trigger);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('NOCASE columns are citext: the same SQL finds and refuses addresses whatever their case', async () => {
    await db.run(
      "INSERT INTO users (email, password_hash, created_at) VALUES ('Ann@Example.com', 'h', 'now')",
    );
    expect(await db.get('SELECT email FROM users WHERE email = ?', 'ann@EXAMPLE.com')).toEqual({
      email: 'Ann@Example.com',
    });
    await expect(
      db.run(
        "INSERT INTO users (email, password_hash, created_at) VALUES ('ANN@example.COM', 'h', 'now')",
      ),
    ).rejects.toThrow(/duplicate key value violates unique constraint "users_email_key"/);
    await db.run(
      "INSERT INTO suppression_removals (address, removed_at, removed_by, reason) VALUES ('Bob@Example.com', 'now', 'a', 'r')",
    );
    expect(
      await db.get(
        'SELECT count(*) AS n FROM suppression_removals WHERE address IN (?)',
        'bob@example.COM',
      ),
    ).toEqual({ n: 1 });
  });

  it("history's sender filter, lower(created_by) = lower(?), ignores case and has its index", async () => {
    await db.run(
      `INSERT INTO sends (request_key, idempotency_key, template_id, country, recipients_to, recipients_cc,
         subject, fingerprint, template_version, transport, state, created_by, created_at, updated_at)
       VALUES ('k1', 'i1', 't', 'DE', '[]', '[]', 's', 'f', 'v', 'outbox', 'queued', 'Sales@Example.com', 'c', 'u')`,
    );
    const filter = 'SELECT request_key FROM sends WHERE lower(created_by) = lower(?) ORDER BY id';
    expect(await db.all(filter, 'sales@example.COM')).toEqual([{ request_key: 'k1' }]);
    // With a table scan ruled out, the plan names the index (a few rows would otherwise be scanned).
    const plan = await db.transaction(async () => {
      await db.run('SET LOCAL enable_seqscan = off');
      return db.all(`EXPLAIN ${filter}`, 'x');
    });
    expect(plan.map((r) => String(r['QUERY PLAN'])).join('\n')).toContain('sends_created_by_id');
  });

  it('session_epoch moves on a session removed and on a password changed, not on a no-op', async () => {
    const epoch = async () =>
      Number((await db.get('SELECT n FROM session_epoch WHERE id = 1'))?.n ?? 0);
    const user = await db.get(
      "INSERT INTO users (email, password_hash, created_at) VALUES ('eve@example.com', 'h', 'now') RETURNING id",
    );
    const id = Number(user?.id);
    await db.run(
      "INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES ('t1', ?, 'c', 1, 2)",
      id,
    );
    const start = await epoch();
    await db.run("DELETE FROM sessions WHERE token_hash = 't1'");
    expect(await epoch()).toBe(start + 1);
    await db.run("UPDATE users SET password_hash = 'h2' WHERE id = ?", id);
    expect(await epoch()).toBe(start + 2);
    await db.run("DELETE FROM sessions WHERE token_hash = 'none'");
    await db.run("UPDATE users SET created_at = 'later' WHERE id = ?", id);
    expect(await epoch()).toBe(start + 2);
  });

  it("rate-limiter-flexible's RateLimiterPostgres counts in login_throttle on the db's pool", async () => {
    const limiter = new RateLimiterPostgres({
      storeClient: db.pool,
      tableName: 'login_throttle',
      tableCreated: true,
      points: 3,
      duration: 60,
    });
    await limiter.consume('ann@example.com');
    const second = await limiter.consume('ann@example.com');
    expect(second.remainingPoints).toBe(1);
    expect(second.msBeforeNext).toBeGreaterThan(0);
    await limiter.consume('ann@example.com');
    await expect(limiter.consume('ann@example.com')).rejects.toMatchObject({ remainingPoints: 0 });
    expect(await db.all('SELECT key, points FROM login_throttle')).toEqual([
      { key: 'rlflx:ann@example.com', points: 4 },
    ]);
  });

  it("rate-limiter-flexible's table is there, in its own layout", async () => {
    expect(
      await db.all(
        `SELECT column_name, data_type FROM information_schema.columns
         WHERE table_name = 'login_throttle' ORDER BY ordinal_position`,
      ),
    ).toEqual([
      { column_name: 'key', data_type: 'character varying' },
      { column_name: 'points', data_type: 'integer' },
      { column_name: 'expire', data_type: 'bigint' },
    ]);
  });
});
