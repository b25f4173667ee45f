import { createHash, randomBytes } from 'node:crypto';
import { num, optStr, str, type Row } from '../store/columns.js';
import { CapabilityStore, type StoreCore } from '../store/core.js';
import type { ColumnChoice } from './import.js';

/**
 * The SQLite table (PostgreSQL: src/store/postgres-schema.ts, version 2); created when the
 * store opens. `seq` orders a user's plans (oldest first) whatever the clock's resolution.
 */
export const PENDING_UPLOADS_SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS pending_uploads (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  file_name TEXT NOT NULL,
  content BLOB NOT NULL,
  template TEXT NOT NULL,
  country TEXT NOT NULL,
  columns TEXT,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS pending_uploads_user ON pending_uploads(user_id, seq);
`;

/** An uploaded file waiting for the user's OK: nothing is queued until then. */
export interface PendingUpload {
  userId: number;
  fileName: string;
  /** The file's bytes as uploaded (a string is stored as its UTF-8 bytes). */
  content: string | Uint8Array;
  template: string;
  country: string;
  /** The columns the user chose in the mapping step. */
  columns?: ColumnChoice;
  expiresAt: number;
}

export interface PendingLimits {
  ttlMs: number;
  /** Plans kept in all. */
  max: number;
  /** Plans kept per user. */
  perUser: number;
}

const DEFAULT_LIMITS: PendingLimits = { ttlMs: 3600_000, max: 50, perUser: 5 };

/** Only the token's SHA-256 is stored (as for invitations): the database alone runs no plan. */
const digest = (token: string): string => createHash('sha256').update(token).digest('hex');

const toColumns = (text: string | null): ColumnChoice | undefined => {
  if (text === null) return undefined;
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const choice: ColumnChoice = {};
  for (const key of ['to', 'cc', 'country'] as const) {
    const value = (parsed as Record<string, unknown>)[key];
    if (typeof value === 'string') choice[key] = value;
  }
  return choice;
};

const toUpload = (row: Row): PendingUpload => {
  const content = row.content;
  if (!(content instanceof Uint8Array)) throw new Error('store: column content is not bytes');
  const columns = toColumns(optStr(row, 'columns'));
  return {
    userId: num(row, 'user_id'),
    fileName: str(row, 'file_name'),
    content,
    template: str(row, 'template'),
    country: str(row, 'country'),
    ...(columns === undefined ? {} : { columns }),
    expiresAt: num(row, 'expires_at'),
  };
};

/**
 * Uploads between the plan page and the OK, kept in the store for an hour: any instance
 * sharing the database confirms a plan another one showed, and a restart keeps them.
 *
 * Bounded two ways, so one user cannot push out everyone else's plans: at most
 * `perUser` per user (a user's next upload drops their own oldest), and at most `max`
 * in all; when full, the oldest plan of the user holding the most goes, never another
 * user's only plan. If every plan is someone's only one, the upload is refused.
 */
export class PendingUploads extends CapabilityStore {
  private readonly limits: PendingLimits;

  constructor(core: StoreCore, limits: Partial<PendingLimits> = {}) {
    super(core);
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** A plan token, or undefined when the store holds `max` plans, each its user's only one. */
  add(upload: Omit<PendingUpload, 'expiresAt'>): Promise<string | undefined> {
    const { ttlMs, max, perUser } = this.limits;
    const user = upload.userId;
    // One write transaction: the counts and the drops see no other instance's upload between.
    return this.transaction(async () => {
      await this.db.run('DELETE FROM pending_uploads WHERE expires_at <= ?', this.now());
      while (Number((await this.count(user)).n) >= perUser) await this.dropOldestOf(user);
      if (Number((await this.count()).n) >= max) {
        const victim = await this.heaviest(user);
        if (victim === undefined) return undefined;
        await this.dropOldestOf(victim);
      }
      const token = randomBytes(18).toString('base64url');
      const next = await this.one('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM pending_uploads');
      await this.db.run(
        `INSERT INTO pending_uploads (token_hash, user_id, seq, file_name, content, template, country, columns, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        digest(token),
        user,
        num(next, 'seq'),
        upload.fileName,
        typeof upload.content === 'string'
          ? new TextEncoder().encode(upload.content)
          : upload.content,
        upload.template,
        upload.country,
        upload.columns === undefined ? null : JSON.stringify(upload.columns),
        this.now() + ttlMs,
      );
      return token;
    });
  }

  /** The upload behind a plan token, only for the user who uploaded it; used once. */
  async take(token: string, userId: number): Promise<PendingUpload | undefined> {
    // One statement: of two instances taking the same plan at once, one gets it.
    const row = await this.db.get(
      'DELETE FROM pending_uploads WHERE token_hash = ? AND user_id = ? AND expires_at > ? RETURNING *',
      digest(token),
      userId,
      this.now(),
    );
    return row && toUpload(row);
  }

  private count(userId?: number): Promise<Row> {
    return userId === undefined
      ? this.one('SELECT COUNT(*) AS n FROM pending_uploads')
      : this.one('SELECT COUNT(*) AS n FROM pending_uploads WHERE user_id = ?', userId);
  }

  private async dropOldestOf(userId: number): Promise<void> {
    await this.db.run(
      `DELETE FROM pending_uploads WHERE token_hash =
         (SELECT token_hash FROM pending_uploads WHERE user_id = ? ORDER BY seq LIMIT 1)`,
      userId,
    );
  }

  /**
   * Whose plan to drop when full: the user with the most plans (the uploader first on
   * a tie, then whoever uploaded longest ago). Another user's only plan is never chosen;
   * the uploader's own one is (their new plan replaces it).
   */
  private async heaviest(uploader: number): Promise<number | undefined> {
    const users = await this.db.all(
      `SELECT user_id, COUNT(*) AS n, MIN(seq) AS first FROM pending_uploads
       GROUP BY user_id ORDER BY n DESC, CASE WHEN user_id = ? THEN 0 ELSE 1 END, first`,
      uploader,
    );
    const top = users[0];
    if (top === undefined) return undefined;
    const [best, count] = [num(top, 'user_id'), num(top, 'n')];
    return count < 2 && best !== uploader ? undefined : best;
  }
}
