import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { holdUse, type HeldLock } from './store-ops/lock.js';

/**
 * `uncertain` is not a column value: a `failed` row whose request may have reached the
 * provider (`uncertain_at` set, see src/sending/uncertain.ts) reads as `uncertain`.
 */
export type SendState = 'queued' | 'sending' | 'sent' | 'failed' | 'uncertain';

export interface SendRow {
  id: number;
  /** What the caller used to ask for this send (web draft token, CLI run): a retried form post finds the same row. */
  requestKey: string;
  /** Sent as Idempotency-Key on every attempt; batch rows share their chunk's key. */
  idempotencyKey: string;
  templateId: string;
  country: string;
  to: string[];
  cc: string[];
  subject: string;
  fingerprint: string;
  templateVersion: string;
  transport: string;
  /** The Resend base URL the row was created for (null: the outbox, or a row from before this was recorded). */
  endpoint: string | null;
  state: SendState;
  attempts: number;
  lastError: string | null;
  messageId: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
  firstAttemptAt: number | null;
  batchId: string | null;
  batchLine: number | null;
  chunkIndex: number | null;
  /** Who holds a `sending` row, and until when (the owner renews it while alive). */
  lease: Lease | null;
  /** When an attempt may have reached the provider without an answer (ms); null: never. */
  uncertainAt: number | null;
}

/** A run that holds rows: process id, host, a token unique to that run, and the lease end (ms). */
export interface LeaseOwner {
  pid: number;
  host: string;
  token: string;
}
export interface Lease extends LeaseOwner {
  until: number;
}

/** What a caller gives for a new row; the store sets the rest (id, state, times, attempts). */
export type NewSend = Pick<
  SendRow,
  | 'requestKey'
  | 'idempotencyKey'
  | 'templateId'
  | 'country'
  | 'to'
  | 'cc'
  | 'subject'
  | 'fingerprint'
  | 'templateVersion'
  | 'transport'
  | 'endpoint'
  | 'createdBy'
> & { batchId?: string; batchLine?: number; chunkIndex?: number };

export interface BatchRow {
  id: string;
  contentHash: string;
  generation: number;
  fileName: string;
  templateId: string;
  country: string;
  rows: number;
  createdBy: string;
  createdAt: string;
}

export type Role = 'admin' | 'sales';
export const ROLES: readonly Role[] = ['admin', 'sales'];

export interface UserRow {
  id: number;
  email: string;
  passwordHash: string;
  role: Role;
  /** When an admin disabled the account (null: active). A disabled user cannot sign in. */
  disabledAt: string | null;
  createdAt: string;
}

export interface SessionRow {
  tokenHash: string;
  userId: number;
  email: string;
  role: Role;
  csrf: string;
  expiresAt: number;
}

export type Row = Record<string, SQLInputValue>;

const str = (row: Row, key: string): string => {
  const v = row[key];
  if (typeof v !== 'string') throw new Error(`store: column ${key} is not text`);
  return v;
};
const num = (row: Row, key: string): number => {
  const v = row[key];
  if (typeof v === 'bigint') return Number(v);
  if (typeof v !== 'number') throw new Error(`store: column ${key} is not a number`);
  return v;
};
const optStr = (row: Row, key: string): string | null => (row[key] === null ? null : str(row, key));
const optNum = (row: Row, key: string): number | null => (row[key] === null ? null : num(row, key));
const strings = (row: Row, key: string): string[] => {
  const parsed: unknown = JSON.parse(str(row, key));
  if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string')) {
    throw new Error(`store: column ${key} is not a list of addresses`);
  }
  return parsed;
};

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

const toRole = (value: string): Role => (value === 'admin' ? 'admin' : 'sales');

function toUser(row: Row): UserRow {
  return {
    id: num(row, 'id'),
    email: str(row, 'email'),
    passwordHash: str(row, 'password_hash'),
    role: toRole(str(row, 'role')),
    disabledAt: optStr(row, 'disabled_at'),
    createdAt: str(row, 'created_at'),
  };
}

// Columns added after the first release: added to older files at open.
const ADDED_SEND_COLUMNS: Record<string, string> = {
  endpoint: 'TEXT',
  lease_pid: 'INTEGER',
  lease_host: 'TEXT',
  lease_token: 'TEXT',
  uncertain_at: 'INTEGER',
};

/** One name for a line's recipients, to tell whether they were already sent to. */
export function recipientKey(to: readonly string[], cc: readonly string[]): string {
  return `${to.map((a) => a.toLowerCase()).join(';')}|${cc.map((a) => a.toLowerCase()).join(';')}`;
}

function toLease(row: Row): Lease | null {
  const until = optNum(row, 'lease_until');
  const pid = optNum(row, 'lease_pid');
  const host = optStr(row, 'lease_host');
  const token = optStr(row, 'lease_token');
  if (until === null || pid === null || host === null || token === null) return null;
  return { pid, host, token, until };
}

export function toSend(row: Row): SendRow {
  return {
    id: num(row, 'id'),
    requestKey: str(row, 'request_key'),
    idempotencyKey: str(row, 'idempotency_key'),
    templateId: str(row, 'template_id'),
    country: str(row, 'country'),
    to: strings(row, 'recipients_to'),
    cc: strings(row, 'recipients_cc'),
    subject: str(row, 'subject'),
    fingerprint: str(row, 'fingerprint'),
    templateVersion: str(row, 'template_version'),
    transport: str(row, 'transport'),
    endpoint: optStr(row, 'endpoint'),
    state:
      row.uncertain_at !== null && row.uncertain_at !== undefined && str(row, 'state') === 'failed'
        ? 'uncertain'
        : (str(row, 'state') as SendState),
    attempts: num(row, 'attempts'),
    lastError: optStr(row, 'last_error'),
    messageId: optStr(row, 'message_id'),
    createdBy: str(row, 'created_by'),
    createdAt: str(row, 'created_at'),
    updatedAt: str(row, 'updated_at'),
    sentAt: optStr(row, 'sent_at'),
    firstAttemptAt: optNum(row, 'first_attempt_at'),
    batchId: optStr(row, 'batch_id'),
    batchLine: optNum(row, 'batch_line'),
    chunkIndex: optNum(row, 'chunk_index'),
    lease: toLease(row),
    uncertainAt: row.uncertain_at === undefined ? null : optNum(row, 'uncertain_at'),
  };
}

function toBatch(row: Row): BatchRow {
  return {
    id: str(row, 'id'),
    contentHash: str(row, 'content_hash'),
    generation: num(row, 'generation'),
    fileName: str(row, 'file_name'),
    templateId: str(row, 'template_id'),
    country: str(row, 'country'),
    rows: num(row, 'rows'),
    createdBy: str(row, 'created_by'),
    createdAt: str(row, 'created_at'),
  };
}

/** The one SQLite file: users, sessions, the send log, batches and the audit events. */
export class Store {
  readonly db: DatabaseSync;
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

  private iso(): string {
    return new Date(this.now()).toISOString();
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

  // --- users -------------------------------------------------------------

  countUsers(): number {
    const row = this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as Row;
    return num(row, 'n');
  }

  /** Adds a user; without a role the first user is the admin and later ones are sales. */
  addUser(email: string, passwordHash: string, role?: Role): number {
    const chosen: Role = role ?? (this.countUsers() === 0 ? 'admin' : 'sales');
    const result = this.db
      .prepare('INSERT INTO users (email, password_hash, role, created_at) VALUES (?, ?, ?, ?)')
      .run(email, passwordHash, chosen, this.iso());
    return Number(result.lastInsertRowid);
  }

  users(): UserRow[] {
    return (this.db.prepare('SELECT * FROM users ORDER BY id').all() as Row[]).map(toUser);
  }

  userById(id: number): UserRow | undefined {
    const row = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as Row | undefined;
    return row && toUser(row);
  }

  /** Disables (or enables) a user; disabling ends every session of theirs at once. */
  setDisabled(id: number, disabled: boolean): boolean {
    return this.transaction(() => {
      const result = this.db
        .prepare('UPDATE users SET disabled_at = ? WHERE id = ?')
        .run(disabled ? this.iso() : null, id);
      if (disabled) this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(id);
      return result.changes > 0;
    });
  }

  setRole(id: number, role: Role): boolean {
    return this.db.prepare('UPDATE users SET role = ? WHERE id = ?').run(role, id).changes > 0;
  }

  countActiveAdmins(): number {
    const row = this.db
      .prepare("SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL")
      .get() as Row;
    return num(row, 'n');
  }

  setPassword(email: string, passwordHash: string): boolean {
    const result = this.db
      .prepare('UPDATE users SET password_hash = ? WHERE email = ?')
      .run(passwordHash, email);
    if (result.changes === 0) return false;
    // A new password ends every session of that user.
    this.db
      .prepare('DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE email = ?)')
      .run(email);
    return true;
  }

  findUser(email: string): UserRow | undefined {
    const row = this.db.prepare('SELECT * FROM users WHERE email = ?').get(email) as
      Row | undefined;
    return row && toUser(row);
  }

  // --- sessions ----------------------------------------------------------

  createSession(tokenHash: string, userId: number, csrf: string, expiresAt: number): void {
    this.db
      .prepare(
        'INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(tokenHash, userId, csrf, this.now(), expiresAt);
  }

  /** The session epoch (see session_epoch in the schema); one indexed row, prepared once. */
  sessionEpoch(): number {
    this.epochStatement ??= this.db.prepare('SELECT n FROM session_epoch WHERE id = 1');
    const row = this.epochStatement.get() as Row | undefined;
    return row ? num(row, 'n') : 0;
  }
  private epochStatement: StatementSync | undefined;
  private findSessionStatement: StatementSync | undefined;

  findSession(tokenHash: string): SessionRow | undefined {
    this.findSessionStatement ??= this.db.prepare(
      `SELECT s.token_hash, s.user_id, u.email, u.role, s.csrf, s.expires_at
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled_at IS NULL`,
    );
    const row = this.findSessionStatement.get(tokenHash, this.now()) as Row | undefined;
    return (
      row && {
        tokenHash: str(row, 'token_hash'),
        userId: num(row, 'user_id'),
        email: str(row, 'email'),
        role: toRole(str(row, 'role')),
        csrf: str(row, 'csrf'),
        expiresAt: num(row, 'expires_at'),
      }
    );
  }

  deleteSession(tokenHash: string): void {
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
  }

  deleteExpiredSessions(): void {
    this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(this.now());
  }

  // --- sends ---------------------------------------------------------------

  insertSend(send: NewSend): SendRow {
    const at = this.iso();
    const result = this.db
      .prepare(
        `INSERT INTO sends (request_key, idempotency_key, template_id, country, recipients_to, recipients_cc,
           subject, fingerprint, template_version, transport, endpoint, state, created_by, created_at, updated_at,
           batch_id, batch_line, chunk_index)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        send.requestKey,
        send.idempotencyKey,
        send.templateId,
        send.country,
        JSON.stringify(send.to),
        JSON.stringify(send.cc),
        send.subject,
        send.fingerprint,
        send.templateVersion,
        send.transport,
        send.endpoint,
        send.createdBy,
        at,
        at,
        send.batchId ?? null,
        send.batchLine ?? null,
        send.chunkIndex ?? null,
      );
    const row = this.getSend(Number(result.lastInsertRowid));
    if (!row) throw new Error('store: inserted send row vanished');
    return row;
  }

  getSend(id: number): SendRow | undefined {
    const row = this.db.prepare('SELECT * FROM sends WHERE id = ?').get(id) as Row | undefined;
    return row && toSend(row);
  }

  findSendByRequestKey(requestKey: string): SendRow | undefined {
    const row = this.db.prepare('SELECT * FROM sends WHERE request_key = ?').get(requestKey) as
      Row | undefined;
    return row && toSend(row);
  }

  /**
   * Takes rows for an attempt: queued ones, or `sending` ones whose holder
   * is gone (its lease ran out, or `takeOver` says its process no longer
   * exists). Returns only the rows this owner now holds.
   */
  claim(
    ids: number[],
    leaseMs: number,
    owner: LeaseOwner,
    takeOver: (lease: Lease) => boolean = () => false,
  ): SendRow[] {
    const now = this.now();
    return this.transaction(() => {
      const claimed: SendRow[] = [];
      const stmt = this.db.prepare(
        `UPDATE sends SET state = 'sending', attempts = attempts + 1, lease_until = ?, lease_pid = ?,
           lease_host = ?, lease_token = ?, updated_at = ?, first_attempt_at = COALESCE(first_attempt_at, ?)
         WHERE id = ?`,
      );
      for (const id of ids) {
        const row = this.getSend(id);
        if (!row) continue;
        const free =
          row.state === 'queued' ||
          (row.state === 'sending' &&
            (row.lease === null ||
              row.lease.until < now ||
              (row.lease.token !== owner.token && takeOver(row.lease))));
        if (!free) continue;
        // A row taken over mid-send: the dead run's request may have reached the provider.
        if (row.state === 'sending')
          this.db
            .prepare('UPDATE sends SET uncertain_at = COALESCE(uncertain_at, ?) WHERE id = ?')
            .run(now, id);
        stmt.run(now + leaseMs, owner.pid, owner.host, owner.token, this.iso(), now, id);
        const taken = this.getSend(id);
        if (taken) claimed.push(taken);
      }
      return claimed;
    });
  }

  /** Heartbeat: pushes out the lease of every row this owner holds. */
  renewLeases(owner: LeaseOwner, leaseMs: number): number {
    return Number(
      this.db
        .prepare("UPDATE sends SET lease_until = ? WHERE state = 'sending' AND lease_token = ?")
        .run(this.now() + leaseMs, owner.token).changes,
    );
  }

  /** After a retryable failure: back to queued (the key stays), with the error. */
  markRetry(ids: number[], error: string): void {
    const stmt = this.db.prepare(
      "UPDATE sends SET state = 'queued', last_error = ?, lease_until = NULL, lease_pid = NULL, lease_host = NULL, lease_token = NULL, updated_at = ? WHERE id = ? AND state = 'sending'",
    );
    this.transaction(() => {
      for (const id of ids) stmt.run(error, this.iso(), id);
    });
  }

  markSent(id: number, messageId: string): void {
    this.db
      .prepare(
        "UPDATE sends SET state = 'sent', message_id = ?, last_error = NULL, lease_until = NULL, lease_pid = NULL, lease_host = NULL, lease_token = NULL, sent_at = ?, updated_at = ? WHERE id = ?",
      )
      .run(messageId, this.iso(), this.iso(), id);
  }

  markFailed(ids: number[], error: string): void {
    const stmt = this.db.prepare(
      "UPDATE sends SET state = 'failed', last_error = ?, lease_until = NULL, lease_pid = NULL, lease_host = NULL, lease_token = NULL, updated_at = ? WHERE id = ? AND state <> 'sent'",
    );
    this.transaction(() => {
      for (const id of ids) stmt.run(error, this.iso(), id);
    });
  }

  /** A failed row goes back to queued, keeping its key (a rerun of its batch). */
  requeueFailed(ids: number[]): void {
    const stmt = this.db.prepare(
      "UPDATE sends SET state = 'queued', updated_at = ? WHERE id = ? AND state = 'failed'",
    );
    this.transaction(() => {
      for (const id of ids) stmt.run(this.iso(), id);
    });
  }

  /** Every row not finished: queued, or sending (held by a live run, or left by a dead one). */
  unfinished(): SendRow[] {
    return (
      this.db
        .prepare(`SELECT * FROM sends WHERE state IN ('queued', 'sending') ORDER BY id`)
        .all() as Row[]
    ).map(toSend);
  }

  /** A failed row goes back to queued under a new idempotency key (a deliberate retry). */
  requeueWithKey(id: number, idempotencyKey: string): void {
    this.db
      .prepare(
        "UPDATE sends SET state = 'queued', idempotency_key = ?, attempts = 0, first_attempt_at = NULL, updated_at = ? WHERE id = ? AND state = 'failed'",
      )
      .run(idempotencyKey, this.iso(), id);
  }

  /** Recipients (To and CC joined, lower case) already delivered from batches of one file. */
  deliveredFromFile(contentHash: string): Set<string> {
    const rows = this.db
      .prepare(
        `SELECT s.recipients_to, s.recipients_cc FROM sends s JOIN batches b ON b.id = s.batch_id
         WHERE b.content_hash = ? AND s.state = 'sent'`,
      )
      .all(contentHash) as Row[];
    return new Set(
      rows.map((r) => recipientKey(strings(r, 'recipients_to'), strings(r, 'recipients_cc'))),
    );
  }

  history(limit = 200): SendRow[] {
    return (
      this.db.prepare('SELECT * FROM sends ORDER BY id DESC LIMIT ?').all(limit) as Row[]
    ).map(toSend);
  }

  // --- batches -------------------------------------------------------------

  latestBatch(contentHash: string): BatchRow | undefined {
    const row = this.db
      .prepare('SELECT * FROM batches WHERE content_hash = ? ORDER BY generation DESC LIMIT 1')
      .get(contentHash) as Row | undefined;
    return row && toBatch(row);
  }

  insertBatch(batch: Omit<BatchRow, 'createdAt'>): BatchRow {
    this.db
      .prepare(
        `INSERT INTO batches (id, content_hash, generation, file_name, template_id, country, rows, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        batch.id,
        batch.contentHash,
        batch.generation,
        batch.fileName,
        batch.templateId,
        batch.country,
        batch.rows,
        batch.createdBy,
        this.iso(),
      );
    return { ...batch, createdAt: this.iso() };
  }

  getBatch(id: string): BatchRow | undefined {
    const row = this.db.prepare('SELECT * FROM batches WHERE id = ?').get(id) as Row | undefined;
    return row && toBatch(row);
  }

  recentBatches(limit = 20): BatchRow[] {
    return (
      this.db
        .prepare('SELECT * FROM batches ORDER BY created_at DESC, id LIMIT ?')
        .all(limit) as Row[]
    ).map(toBatch);
  }

  batchSends(batchId: string): SendRow[] {
    return (
      this.db
        .prepare('SELECT * FROM sends WHERE batch_id = ? ORDER BY batch_line')
        .all(batchId) as Row[]
    ).map(toSend);
  }

  // --- audit events --------------------------------------------------------

  logEvent(actor: string, kind: string, detail: string): void {
    this.db
      .prepare('INSERT INTO events (at, actor, kind, detail) VALUES (?, ?, ?, ?)')
      .run(this.iso(), actor, kind, detail);
  }

  /** When an event of this kind and detail was last recorded (ms), if ever. */
  lastEventAt(kind: string, detail: string): number | undefined {
    const row = this.db
      .prepare('SELECT at FROM events WHERE kind = ? AND detail = ? ORDER BY id DESC LIMIT 1')
      .get(kind, detail) as Row | undefined;
    return row && Date.parse(str(row, 'at'));
  }

  events(kind?: string): { at: string; actor: string; kind: string; detail: string }[] {
    const rows = (
      kind === undefined
        ? this.db.prepare('SELECT * FROM events ORDER BY id').all()
        : this.db.prepare('SELECT * FROM events WHERE kind = ? ORDER BY id').all(kind)
    ) as Row[];
    return rows.map((r) => ({
      at: str(r, 'at'),
      actor: str(r, 'actor'),
      kind: str(r, 'kind'),
      detail: str(r, 'detail'),
    }));
  }
}
