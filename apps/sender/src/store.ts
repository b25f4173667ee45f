import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { AuditLog } from './audit/audit-store.js';
import { BatchStore } from './batches/batch-store.js';
import { SessionStore } from './accounts/session-store.js';
import { UserStore } from './accounts/user-store.js';
import { SendStore } from './sending/send-store.js';
import { holdUse, type HeldLock } from './store-ops/lock.js';
import { str, type Row } from './store/columns.js';
import type { StoreCore } from './store/core.js';

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
} from './sending/send-store.js';
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
 * The one SQLite file: its schema and migrations, and one store per capability over it
 * (users, sessions, sends, batches, audit), each in its capability's folder.
 */
export class Store implements StoreCore {
  readonly db: DatabaseSync;
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly sends: SendStore;
  readonly batches: BatchStore;
  readonly audit: AuditLog;
  /** Held while open: a restore waits for it (src/store-ops/lock.ts). */
  private readonly use: HeldLock;

  constructor(
    dataDir: string,
    readonly now: () => number = Date.now,
  ) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    this.use = holdUse(dataDir);
    this.db = new DatabaseSync(join(dataDir, 'sender.sqlite'));
    // WAL + a busy timeout: the web server and a CLI run may share the file. The timeout
    // comes first: switching a new file to WAL takes a lock another process may hold.
    this.db.exec(
      'PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;',
    );
    this.db.exec(SCHEMA);
    this.addSendColumns();
    this.migrateUsers();
    // History filters and pages: each filter has an index that also gives the id order.
    this.db.exec(`
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
    this.audit = new AuditLog(this);
  }

  /**
   * Columns added after the first release. Looked at again under the write lock: two
   * processes opening one file at once would otherwise both add the same column.
   */
  private addSendColumns(): void {
    const missing = () => {
      const present = new Set(
        (this.db.prepare('PRAGMA table_info(sends)').all() as Row[]).map((r) => str(r, 'name')),
      );
      return Object.entries(ADDED_SEND_COLUMNS).filter(([name]) => !present.has(name));
    };
    if (missing().length === 0) return;
    this.transaction(() => {
      for (const [name, type] of missing())
        this.db.exec(`ALTER TABLE sends ADD COLUMN ${name} ${type}`);
    });
  }

  /** Roles came later: the first user of an older file becomes the admin, the others sales. */
  private migrateUsers(): void {
    const columns = () =>
      new Set(
        (this.db.prepare('PRAGMA table_info(users)').all() as Row[]).map((r) => str(r, 'name')),
      );
    if (columns().has('role')) return;
    // Looked at again under the write lock: another process may have migrated meanwhile.
    this.transaction(() => {
      const present = columns();
      if (present.has('role')) return;
      this.db.exec("ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'sales'");
      this.db.exec("UPDATE users SET role = 'admin' WHERE id = (SELECT MIN(id) FROM users)");
      if (!present.has('disabled_at'))
        this.db.exec('ALTER TABLE users ADD COLUMN disabled_at TEXT');
    });
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
    this.use.release();
  }

  private readonly statements = new Map<string, StatementSync>();

  statement(sql: string): StatementSync {
    let prepared = this.statements.get(sql);
    if (prepared === undefined) {
      // SQL is written in the code (a few hundred texts at most); the cap is a backstop.
      if (this.statements.size >= 1_000) this.statements.clear();
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  transaction<T>(fn: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = fn();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }
}
