/**
 * Account facts kept beside the users table, in tables of their own so src/store.ts is
 * untouched: the provider subject a user is linked to, and passwords an admin set that
 * must be changed at the next sign-in.
 */
import type { Store } from '../store.js';

/** The SQLite tables (PostgreSQL: src/store/postgres-schema.ts); created when the store opens. */
export const ACCOUNTS_SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS user_identities (
  subject TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
  linked_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS password_change_required (
  user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  set_by TEXT NOT NULL,
  set_at TEXT NOT NULL
);
-- The flag travels with the session row (the session cache): setting or clearing it moves
-- the session epoch like any other change to what a session may do.
CREATE TRIGGER IF NOT EXISTS session_epoch_on_must_change_insert AFTER INSERT ON password_change_required BEGIN
  INSERT INTO session_epoch (id, n) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS session_epoch_on_must_change_update AFTER UPDATE ON password_change_required BEGIN
  INSERT INTO session_epoch (id, n) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS session_epoch_on_must_change_delete AFTER DELETE ON password_change_required BEGIN
  INSERT INTO session_epoch (id, n) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = n + 1;
END;
`;

export class AccountStore {
  constructor(private readonly store: Store) {}

  private iso(): string {
    return new Date(this.store.now()).toISOString();
  }

  /** The user linked to this provider subject, if any. */
  async userIdForSubject(subject: string): Promise<number | undefined> {
    const row = await this.store.db.get(
      'SELECT user_id FROM user_identities WHERE subject = ?',
      subject,
    );
    const id = row?.user_id;
    return typeof id === 'number' || typeof id === 'bigint' ? Number(id) : undefined;
  }

  /** The subject a user is linked to, if any. */
  async subjectOf(userId: number): Promise<string | undefined> {
    const row = await this.store.db.get(
      'SELECT subject FROM user_identities WHERE user_id = ?',
      userId,
    );
    return typeof row?.subject === 'string' ? row.subject : undefined;
  }

  /**
   * Links once: false when the user or the subject is linked already (a link never moves).
   * The primary key and the UNIQUE user_id make that atomic.
   */
  async link(userId: number, subject: string): Promise<boolean> {
    const result = await this.store.db.run(
      'INSERT INTO user_identities (subject, user_id, linked_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
      subject,
      userId,
      this.iso(),
    );
    return result.changes > 0;
  }

  /** The password was set by someone else (an admin, the CLI): it must be changed first. */
  async requirePasswordChange(userId: number, setBy: string): Promise<void> {
    await this.store.db.run(
      'INSERT INTO password_change_required (user_id, set_by, set_at) VALUES (?, ?, ?) ON CONFLICT(user_id) DO UPDATE SET set_by = excluded.set_by, set_at = excluded.set_at',
      userId,
      setBy,
      this.iso(),
    );
  }

  /** The session row carries it too (`mustChangePassword`): that is what each request asks. */
  async passwordChangeRequired(userId: number): Promise<boolean> {
    return (
      (await this.store.db.get(
        'SELECT 1 AS x FROM password_change_required WHERE user_id = ?',
        userId,
      )) !== undefined
    );
  }

  async passwordChanged(userId: number): Promise<void> {
    await this.store.db.run('DELETE FROM password_change_required WHERE user_id = ?', userId);
  }
}
