/**
 * Pending "Sign in with Microsoft" sign-ins (state, nonce, PKCE verifier) in the store, not
 * in memory: a sign-in started before a restart, or on another instance sharing the data
 * file, still completes. Keyed by the SHA-256 of the browser's cookie value; each is taken
 * once (DELETE … RETURNING is atomic) and lives 10 minutes.
 */
import type { Store } from '../store.js';

export interface Pending {
  state: string;
  nonce: string;
  verifier: string;
  expires: number;
}

/** A flood of unfinished sign-ins drops the oldest rather than growing without end. */
export const MAX_PENDING = 10_000;

/** The SQLite table (PostgreSQL: src/store/postgres-schema.ts); created when the store opens. */
export const PENDING_SIGN_INS_SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS oidc_pending (
  key_hash TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  nonce TEXT NOT NULL,
  verifier TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS oidc_pending_expires ON oidc_pending(expires_at);
`;

export class PendingSignIns {
  constructor(
    private readonly store: Store,
    private readonly max = MAX_PENDING,
  ) {}

  /** Stores one, after dropping the expired ones and, past the cap, the oldest. */
  put(keyHash: string, pending: Pending, now: number): Promise<void> {
    const db = this.store.db;
    return this.store.transaction(async () => {
      await db.run('DELETE FROM oidc_pending WHERE expires_at <= ?', now);
      await db.run(
        `DELETE FROM oidc_pending WHERE key_hash IN (
           SELECT key_hash FROM oidc_pending ORDER BY expires_at
           LIMIT (SELECT CASE WHEN COUNT(*) >= ? THEN COUNT(*) - ? + 1 ELSE 0 END FROM oidc_pending))`,
        this.max,
        this.max,
      );
      await db.run(
        'INSERT INTO oidc_pending (key_hash, state, nonce, verifier, expires_at) VALUES (?, ?, ?, ?, ?)',
        keyHash,
        pending.state,
        pending.nonce,
        pending.verifier,
        pending.expires,
      );
    });
  }

  /** Takes it (single use, whatever happens next); undefined when unknown, used or expired. */
  async take(keyHash: string, now: number): Promise<Pending | undefined> {
    const row = await this.store.db.get(
      'DELETE FROM oidc_pending WHERE key_hash = ? RETURNING state, nonce, verifier, expires_at',
      keyHash,
    );
    if (row === undefined) return undefined;
    const { state, nonce, verifier, expires_at: expires } = row;
    if (
      typeof state !== 'string' ||
      typeof nonce !== 'string' ||
      typeof verifier !== 'string' ||
      (typeof expires !== 'number' && typeof expires !== 'bigint')
    )
      throw new Error('store: oidc_pending row is malformed');
    return Number(expires) > now ? { state, nonce, verifier, expires: Number(expires) } : undefined;
  }

  async count(): Promise<number> {
    const row = await this.store.db.get('SELECT COUNT(*) AS n FROM oidc_pending');
    return Number(row?.n ?? 0);
  }
}
