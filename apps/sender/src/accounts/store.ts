/**
 * Account facts kept beside the users table, in tables of their own so src/store.ts is
 * untouched: the provider subject a user is linked to, and passwords an admin set that
 * must be changed at the next sign-in.
 */
import type { SQLInputValue } from 'node:sqlite';
import type { Store } from '../store.js';

type Row = Record<string, SQLInputValue>;

const SCHEMA = `
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
`;

export class AccountStore {
  // Asked on every signed-in request: compiled once.
  private readonly mustChange;

  constructor(private readonly store: Store) {
    store.db.exec(SCHEMA);
    this.mustChange = store.db.prepare(
      'SELECT 1 AS x FROM password_change_required WHERE user_id = ?',
    );
  }

  private iso(): string {
    return new Date(this.store.now()).toISOString();
  }

  /** The user linked to this provider subject, if any. */
  userIdForSubject(subject: string): number | undefined {
    const row = this.store.db
      .prepare('SELECT user_id FROM user_identities WHERE subject = ?')
      .get(subject) as Row | undefined;
    const id = row?.user_id;
    return typeof id === 'number' || typeof id === 'bigint' ? Number(id) : undefined;
  }

  /** The subject a user is linked to, if any. */
  subjectOf(userId: number): string | undefined {
    const row = this.store.db
      .prepare('SELECT subject FROM user_identities WHERE user_id = ?')
      .get(userId) as Row | undefined;
    return typeof row?.subject === 'string' ? row.subject : undefined;
  }

  /**
   * Links once: false when the user or the subject is linked already (a link never moves).
   * The primary key and the UNIQUE user_id make that atomic.
   */
  link(userId: number, subject: string): boolean {
    const result = this.store.db
      .prepare(
        'INSERT INTO user_identities (subject, user_id, linked_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
      )
      .run(subject, userId, this.iso());
    return result.changes > 0;
  }

  /** The password was set by someone else (an admin, the CLI): it must be changed first. */
  requirePasswordChange(userId: number, setBy: string): void {
    this.store.db
      .prepare(
        'INSERT INTO password_change_required (user_id, set_by, set_at) VALUES (?, ?, ?) ON CONFLICT(user_id) DO UPDATE SET set_by = excluded.set_by, set_at = excluded.set_at',
      )
      .run(userId, setBy, this.iso());
  }

  passwordChangeRequired(userId: number): boolean {
    return this.mustChange.get(userId) !== undefined;
  }

  passwordChanged(userId: number): void {
    this.store.db.prepare('DELETE FROM password_change_required WHERE user_id = ?').run(userId);
  }
}
