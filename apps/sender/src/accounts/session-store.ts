/** Signed-in sessions, and the epoch every change to them bumps (see session_epoch). */
import type { StatementSync } from 'node:sqlite';
import { num, str, type Row } from '../store/columns.js';
import { CapabilityStore } from '../store/core.js';
import { toRole, type Role } from './user-store.js';

export interface SessionRow {
  tokenHash: string;
  userId: number;
  email: string;
  role: Role;
  csrf: string;
  expiresAt: number;
}

/** Sessions: created at sign-in, found per request, deleted at sign-out or expiry. */
export class SessionStore extends CapabilityStore {
  createSession(tokenHash: string, userId: number, csrf: string, expiresAt: number): void {
    this.core
      .statement(
        'INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(tokenHash, userId, csrf, this.now(), expiresAt);
  }

  /** The session epoch (see session_epoch in the schema); one indexed row, prepared once. */
  sessionEpoch(): number {
    this.epochStatement ??= this.core.statement('SELECT n FROM session_epoch WHERE id = 1');
    const row = this.epochStatement.get() as Row | undefined;
    return row ? num(row, 'n') : 0;
  }
  private epochStatement: StatementSync | undefined;
  private findSessionStatement: StatementSync | undefined;

  findSession(tokenHash: string): SessionRow | undefined {
    this.findSessionStatement ??= this.core.statement(
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
    this.core.statement('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
  }

  deleteExpiredSessions(): void {
    this.core.statement('DELETE FROM sessions WHERE expires_at <= ?').run(this.now());
  }
}
