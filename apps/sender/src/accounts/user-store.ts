/** The users table: who may sign in, with which role, and whether disabled. */
import { num, optStr, str, type Row } from '../store/columns.js';
import { CapabilityStore } from '../store/core.js';

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

export const toRole = (value: string): Role => (value === 'admin' ? 'admin' : 'sales');

export function toUser(row: Row): UserRow {
  return {
    id: num(row, 'id'),
    email: str(row, 'email'),
    passwordHash: str(row, 'password_hash'),
    role: toRole(str(row, 'role')),
    disabledAt: optStr(row, 'disabled_at'),
    createdAt: str(row, 'created_at'),
  };
}

/** Users (sessions are src/accounts/session-store.ts). */
export class UserStore extends CapabilityStore {
  countUsers(): number {
    const row = this.core.statement('SELECT COUNT(*) AS n FROM users').get() as Row;
    return num(row, 'n');
  }

  /** Adds a user; without a role the first user is the admin and later ones are sales. */
  addUser(email: string, passwordHash: string, role?: Role): number {
    const chosen: Role = role ?? (this.countUsers() === 0 ? 'admin' : 'sales');
    const result = this.core
      .statement('INSERT INTO users (email, password_hash, role, created_at) VALUES (?, ?, ?, ?)')
      .run(email, passwordHash, chosen, this.iso());
    return Number(result.lastInsertRowid);
  }

  list(): UserRow[] {
    return (this.core.statement('SELECT * FROM users ORDER BY id').all() as Row[]).map(toUser);
  }

  userById(id: number): UserRow | undefined {
    const row = this.core.statement('SELECT * FROM users WHERE id = ?').get(id) as Row | undefined;
    return row && toUser(row);
  }

  /** Disables (or enables) a user; disabling ends every session of theirs at once. */
  setDisabled(id: number, disabled: boolean): boolean {
    return this.transaction(() => {
      const result = this.core
        .statement('UPDATE users SET disabled_at = ? WHERE id = ?')
        .run(disabled ? this.iso() : null, id);
      if (disabled) this.core.statement('DELETE FROM sessions WHERE user_id = ?').run(id);
      return result.changes > 0;
    });
  }

  setRole(id: number, role: Role): boolean {
    return this.core.statement('UPDATE users SET role = ? WHERE id = ?').run(role, id).changes > 0;
  }

  countActiveAdmins(): number {
    const row = this.core
      .statement("SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL")
      .get() as Row;
    return num(row, 'n');
  }

  setPassword(email: string, passwordHash: string): boolean {
    const result = this.core
      .statement('UPDATE users SET password_hash = ? WHERE email = ?')
      .run(passwordHash, email);
    if (result.changes === 0) return false;
    // A new password ends every session of that user.
    this.core
      .statement('DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE email = ?)')
      .run(email);
    return true;
  }

  findUser(email: string): UserRow | undefined {
    const row = this.core.statement('SELECT * FROM users WHERE email = ?').get(email) as
      Row | undefined;
    return row && toUser(row);
  }
}
