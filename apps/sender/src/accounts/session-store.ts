/** Signed-in sessions, and the epoch every change to them bumps (see session_epoch). */
import { bool, num, str } from '../store/columns.js';
import { CapabilityStore } from '../store/core.js';
import { toRole, type Role } from './user-store.js';

export interface SessionRow {
  tokenHash: string;
  userId: number;
  email: string;
  role: Role;
  csrf: string;
  expiresAt: number;
  /** The password was set by an admin (accounts/must-change.tsx): change it before anything else. */
  mustChangePassword: boolean;
}

/** Sessions: created at sign-in, found per request, deleted at sign-out or expiry. */
export class SessionStore extends CapabilityStore {
  async createSession(
    tokenHash: string,
    userId: number,
    csrf: string,
    expiresAt: number,
  ): Promise<void> {
    await this.db.run(
      'INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      tokenHash,
      userId,
      csrf,
      this.now(),
      expiresAt,
    );
  }

  /** The session epoch (see session_epoch in the schema): one indexed row. */
  async sessionEpoch(): Promise<number> {
    const row = await this.db.get('SELECT n FROM session_epoch WHERE id = 1');
    return row ? num(row, 'n') : 0;
  }

  async findSession(tokenHash: string): Promise<SessionRow | undefined> {
    const row = await this.db.get(
      `SELECT s.token_hash, s.user_id, u.email, u.role, s.csrf, s.expires_at,
              EXISTS (SELECT 1 FROM password_change_required p WHERE p.user_id = u.id) AS must_change
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled_at IS NULL`,
      tokenHash,
      this.now(),
    );
    return (
      row && {
        tokenHash: str(row, 'token_hash'),
        userId: num(row, 'user_id'),
        email: str(row, 'email'),
        role: toRole(str(row, 'role')),
        csrf: str(row, 'csrf'),
        expiresAt: num(row, 'expires_at'),
        mustChangePassword: bool(row, 'must_change'),
      }
    );
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.run('DELETE FROM sessions WHERE token_hash = ?', tokenHash);
  }

  async deleteExpiredSessions(): Promise<void> {
    await this.db.run('DELETE FROM sessions WHERE expires_at <= ?', this.now());
  }
}
