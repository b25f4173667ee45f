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
  async countUsers(): Promise<number> {
    return num(await this.one('SELECT COUNT(*) AS n FROM users'), 'n');
  }

  /** Adds a user; without a role the first user is the admin and later ones are sales. */
  addUser(email: string, passwordHash: string, role?: Role): Promise<number> {
    return this.transaction(async () => {
      const chosen: Role = role ?? ((await this.countUsers()) === 0 ? 'admin' : 'sales');
      const row = await this.one(
        'INSERT INTO users (email, password_hash, role, created_at) VALUES (?, ?, ?, ?) RETURNING id',
        email,
        passwordHash,
        chosen,
        this.iso(),
      );
      return num(row, 'id');
    });
  }

  async list(): Promise<UserRow[]> {
    return (await this.db.all('SELECT * FROM users ORDER BY id')).map(toUser);
  }

  async userById(id: number): Promise<UserRow | undefined> {
    const row = await this.db.get('SELECT * FROM users WHERE id = ?', id);
    return row && toUser(row);
  }

  /** Disables (or enables) a user; disabling ends every session of theirs at once. */
  setDisabled(id: number, disabled: boolean): Promise<boolean> {
    return this.transaction(async () => {
      const result = await this.db.run(
        'UPDATE users SET disabled_at = ? WHERE id = ?',
        disabled ? this.iso() : null,
        id,
      );
      if (disabled) await this.db.run('DELETE FROM sessions WHERE user_id = ?', id);
      return result.changes > 0;
    });
  }

  async setRole(id: number, role: Role): Promise<boolean> {
    return (await this.db.run('UPDATE users SET role = ? WHERE id = ?', role, id)).changes > 0;
  }

  async countActiveAdmins(): Promise<number> {
    return num(
      await this.one(
        "SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL",
      ),
      'n',
    );
  }

  /** A new password ends every session of that user, in the same transaction. */
  setPassword(email: string, passwordHash: string): Promise<boolean> {
    return this.transaction(async () => {
      const result = await this.db.run(
        'UPDATE users SET password_hash = ? WHERE email = ?',
        passwordHash,
        email,
      );
      if (result.changes === 0) return false;
      await this.db.run(
        'DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE email = ?)',
        email,
      );
      return true;
    });
  }

  async findUser(email: string): Promise<UserRow | undefined> {
    const row = await this.db.get('SELECT * FROM users WHERE email = ?', email);
    return row && toUser(row);
  }
}
