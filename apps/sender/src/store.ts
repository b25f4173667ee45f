import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { AuditLog } from './audit/audit-store.js';
import { BatchStore } from './batches/batch-store.js';
import { BATCH_RUNS_SQLITE_SCHEMA, BatchRuns } from './batches/runs.js';
import { PENDING_UPLOADS_SQLITE_SCHEMA } from './batches/pending.js';
import { SessionStore } from './accounts/session-store.js';
import { UserStore } from './accounts/user-store.js';
import { SendStore } from './sending/send-store.js';
import { holdUse, type HeldLock } from './store-ops/lock.js';
import { ACCOUNTS_SQLITE_SCHEMA } from './accounts/store.js';
import { INVITATIONS_SQLITE_SCHEMA } from './accounts/invitations.js';
import { PENDING_SIGN_INS_SQLITE_SCHEMA } from './accounts/pending.js';
import { DELIVERY_SQLITE_SCHEMA } from './delivery/store.js';
import { SUPPRESSION_SQLITE_SCHEMA } from './delivery/suppression.js';
import { PREFS_SQLITE_SCHEMA } from './prefs/store.js';
import { str, type Row } from './store/columns.js';
import type { StoreCore } from './store/core.js';
import type { SqlDb } from './store/sql.js';
import { SqliteDb } from './store/sqlite-db.js';

// The row types, where callers have always found them.
export type { Row } from './store/columns.js';
export { ROLES, type Role, type UserRow } from './accounts/user-store.js';
export type { SessionRow } from './accounts/session-store.js';
export {
  recipientKey,
  toSend,
  type Lease,
  type LeaseOwner,
  type NewSend,
  type SendRow,
  type SendState,
} from './sending/send-row.js';
export type { BatchRow } from './batches/batch-store.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  role TEXT NOT NULL DEFAULT 'sales',
  disabled_at TEXT
);
CREATE TABLE IF NOT EXISTS sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
-- Bumped, in the same transaction, by every write that ends a session or changes what it
-- may do (sign-out, rotation, expiry clean-up, any change to a session row, disable,
-- password reset or change, role, user removal), whichever process or program makes it: the web's in-memory session cache
-- (src/web/session-cache.ts) compares it on every request instead of reading the session.
CREATE TABLE IF NOT EXISTS session_epoch (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
CREATE TRIGGER IF NOT EXISTS session_epoch_on_delete AFTER DELETE ON sessions BEGIN
  INSERT INTO session_epoch (id, n) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS session_epoch_on_update AFTER UPDATE ON sessions BEGIN
  INSERT INTO session_epoch (id, n) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS session_epoch_on_user AFTER UPDATE OF password_hash, disabled_at, role, email ON users BEGIN
  INSERT INTO session_epoch (id, n) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS session_epoch_on_user_delete AFTER DELETE ON users BEGIN
  INSERT INTO session_epoch (id, n) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = n + 1;
END;
-- Sign-in failures are counted in memory now (src/auth/login-throttle.ts, expiring);
-- the old table kept them forever, so it goes.
DROP TABLE IF EXISTS login_failures;
CREATE TABLE IF NOT EXISTS batches (
  id TEXT PRIMARY KEY,
  content_hash TEXT NOT NULL,
  generation INTEGER NOT NULL,
  file_name TEXT NOT NULL,
  template_id TEXT NOT NULL,
  country TEXT NOT NULL,
  rows INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (content_hash, generation)
);
CREATE TABLE IF NOT EXISTS sends (
  id INTEGER PRIMARY KEY,
  request_key TEXT NOT NULL UNIQUE,
  idempotency_key TEXT NOT NULL,
  template_id TEXT NOT NULL,
  country TEXT NOT NULL,
  recipients_to TEXT NOT NULL,
  recipients_cc TEXT NOT NULL,
  subject TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  template_version TEXT NOT NULL,
  transport TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  message_id TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  sent_at TEXT,
  first_attempt_at INTEGER,
  lease_until INTEGER,
  batch_id TEXT REFERENCES batches(id),
  batch_line INTEGER,
  chunk_index INTEGER
);
CREATE INDEX IF NOT EXISTS sends_state ON sends(state);
CREATE INDEX IF NOT EXISTS sends_batch ON sends(batch_id, chunk_index);
-- A batch's rows by line: queueing asks whether any line of a range has a row already
-- (src/batches/queue-rows.ts); without it that count read every row of the batch, once per
-- 1,000 lines (a plan of 100,000 rows grew 11× for 10× the rows).
CREATE INDEX IF NOT EXISTS sends_batch_line ON sends(batch_id, batch_line);
CREATE TABLE IF NOT EXISTS events (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  detail TEXT NOT NULL
);
`;

// Columns added after the first release: added to older files at open.
const ADDED_SEND_COLUMNS: Record<string, string> = {
  endpoint: 'TEXT',
  lease_pid: 'INTEGER',
  lease_host: 'TEXT',
  lease_token: 'TEXT',
  uncertain_at: 'INTEGER',
};

/**
 * The store of record: one store per capability (users, sessions, sends, batches, audit),
 * each in its capability's folder, over the store port (src/store/sql.ts). This
 * constructor opens the embedded default, one SQLite file in the data folder, creating or
 * migrating its schema.
 */
export class Store implements StoreCore {
  readonly db: SqlDb;
  private readonly sqliteDb: SqliteDb | undefined;
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly sends: SendStore;
  readonly batches: BatchStore;
  /** Batch runs alive, in any process or instance (src/batches/runs.ts). */
  readonly runs: BatchRuns;
  readonly audit: AuditLog;
  /** Held while a SQLite file is open: a restore waits for it (src/store-ops/lock.ts). */
  private readonly use: HeldLock | undefined;

  /**
   * A data folder opens (or creates) its SQLite file; a database already connected and
   * migrated (PostgreSQL, see src/store/open.ts) is used as it is.
   */
  constructor(
    source: string | SqlDb,
    readonly now: () => number = Date.now,
  ) {
    if (typeof source !== 'string') {
      this.db = source;
      this.users = new UserStore(this);
      this.sessions = new SessionStore(this);
      this.sends = new SendStore(this);
      this.batches = new BatchStore(this);
      this.runs = new BatchRuns(this);
      this.audit = new AuditLog(this);
      return;
    }
    const dataDir = source;
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    this.use = holdUse(dataDir);
    const file = new DatabaseSync(join(dataDir, 'sender.sqlite'));
    // WAL + a busy timeout: the web server and a CLI run may share the file. The timeout
    // comes first: switching a new file to WAL takes a lock another process may hold.
    file.exec('PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;');
    file.exec(SCHEMA);
    // Each capability's own tables, declared beside its queries.
    for (const schema of [
      ACCOUNTS_SQLITE_SCHEMA,
      INVITATIONS_SQLITE_SCHEMA,
      PENDING_SIGN_INS_SQLITE_SCHEMA,
      DELIVERY_SQLITE_SCHEMA,
      SUPPRESSION_SQLITE_SCHEMA,
      PREFS_SQLITE_SCHEMA,
      PENDING_UPLOADS_SQLITE_SCHEMA,
      BATCH_RUNS_SQLITE_SCHEMA,
    ])
      file.exec(schema);
    this.sqliteDb = new SqliteDb(file);
    this.db = this.sqliteDb;
    this.addSendColumns(file, this.sqliteDb);
    this.migrateUsers(file, this.sqliteDb);
    // History filters and pages: each filter has an index that also gives the id order.
    file.exec(`
      CREATE INDEX IF NOT EXISTS sends_template_id ON sends(template_id, id);
      CREATE INDEX IF NOT EXISTS sends_country_id ON sends(country, id);
      CREATE INDEX IF NOT EXISTS sends_state_id ON sends(state, id);
      CREATE INDEX IF NOT EXISTS sends_created_by_id ON sends(created_by COLLATE NOCASE, id);
      CREATE INDEX IF NOT EXISTS sends_created_at ON sends(created_at);
      CREATE INDEX IF NOT EXISTS sends_batch_id ON sends(batch_id, id);
    `);
    this.users = new UserStore(this);
    this.sessions = new SessionStore(this);
    this.sends = new SendStore(this);
    this.batches = new BatchStore(this);
    this.runs = new BatchRuns(this);
    this.audit = new AuditLog(this);
  }

  /**
   * Columns added after the first release. Looked at again under the write lock: two
   * processes opening one file at once would otherwise both add the same column.
   */
  private addSendColumns(file: DatabaseSync, sqlite: SqliteDb): void {
    const missing = () => {
      const present = new Set(
        (file.prepare('PRAGMA table_info(sends)').all() as Row[]).map((r) => str(r, 'name')),
      );
      return Object.entries(ADDED_SEND_COLUMNS).filter(([name]) => !present.has(name));
    };
    if (missing().length === 0) return;
    sqlite.transactionSync(() => {
      for (const [name, type] of missing())
        file.exec(`ALTER TABLE sends ADD COLUMN ${name} ${type}`);
    });
  }

  /** Roles came later: the first user of an older file becomes the admin, the others sales. */
  private migrateUsers(file: DatabaseSync, sqlite: SqliteDb): void {
    const columns = () =>
      new Set((file.prepare('PRAGMA table_info(users)').all() as Row[]).map((r) => str(r, 'name')));
    if (columns().has('role')) return;
    // Looked at again under the write lock: another process may have migrated meanwhile.
    sqlite.transactionSync(() => {
      const present = columns();
      if (present.has('role')) return;
      file.exec("ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'sales'");
      file.exec("UPDATE users SET role = 'admin' WHERE id = (SELECT MIN(id) FROM users)");
      if (!present.has('disabled_at')) file.exec('ALTER TABLE users ADD COLUMN disabled_at TEXT');
    });
  }

  /** The SQLite file itself, for what only SQLite has (backup, restore, its locks). */
  get sqlite(): SqliteDb {
    if (this.sqliteDb === undefined)
      throw new Error('store: this is a PostgreSQL store; use the database’s own tools for this');
    return this.sqliteDb;
  }

  /** Closes the database (waiting for an open transaction) and lets go of the data folder. */
  async close(): Promise<void> {
    try {
      await this.db.close();
    } finally {
      this.use?.release();
    }
  }

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }
}
