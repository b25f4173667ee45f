/**
 * Invitation links: the alternative to a one-time password. An admin (or `csp-sender users
 * add --invite`) gets a link once; it opens a page where the user chooses their own password
 * and is signed in. Single use, 24 hours, stored as the SHA-256 of its 32 random bytes; a new
 * invitation, a password reset or disabling the user voids the older ones.
 *
 * The link is `/invitation/<id>.<secret>`: the row is found by its id and the secret's hash
 * compared in constant time, so a guess learns nothing from timing.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hashPassword, passwordProblem } from '../passwords.js';
import type { Store, UserRow } from '../store.js';
import { TEAM_EVENT } from '../team/core.js';
import { AccountStore } from './store.js';

export const INVITATION_HOURS = 24;
export const INVITATION_PATH = '/invitation';

/** The SQLite table (PostgreSQL: src/store/postgres-schema.ts); created when the store opens. */
export const INVITATIONS_SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS invitations (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  secret_hash BLOB NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at TEXT,
  voided_at TEXT
);
CREATE INDEX IF NOT EXISTS invitations_user ON invitations(user_id);
`;

/** Why a link does not open, each with its own page. */
export type InvitationState =
  | { ok: true; id: number; user: UserRow }
  | { ok: false; why: 'unknown' | 'expired' | 'used' | 'voided' | 'disabled' };

export class InvitationError extends Error {
  override name = 'InvitationError';
}

const digest = (secret: string): Buffer => createHash('sha256').update(secret).digest();

export class Invitations {
  private readonly accounts: AccountStore;
  constructor(private readonly store: Store) {
    this.accounts = new AccountStore(store);
  }

  private iso(): string {
    return new Date(this.store.now()).toISOString();
  }

  /** Voids every open invitation of the user (a new one, a reset, disabling). */
  async voidFor(userId: number): Promise<number> {
    const result = await this.store.db.run(
      'UPDATE invitations SET voided_at = ? WHERE user_id = ? AND used_at IS NULL AND voided_at IS NULL',
      this.iso(),
      userId,
    );
    return result.changes;
  }

  /**
   * A new link for the user (older ones voided), audit-logged. Returns the token part of the
   * link (`<id>.<secret>`), shown once: only the secret's hash is kept.
   */
  async issue(actor: string, user: UserRow): Promise<string> {
    const secret = randomBytes(32).toString('base64url');
    const id = await this.store.transaction(async () => {
      await this.voidFor(user.id);
      const row = await this.store.db.get(
        'INSERT INTO invitations (user_id, secret_hash, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?) RETURNING id',
        user.id,
        digest(secret),
        actor,
        this.iso(),
        this.store.now() + INVITATION_HOURS * 3600_000,
      );
      return Number(row?.id);
    });
    await this.store.audit.logEvent(
      actor,
      TEAM_EVENT,
      `issued an invitation link for ${user.email} (valid ${INVITATION_HOURS} h)`,
    );
    return `${id}.${secret}`;
  }

  /** What the link is worth now. */
  async check(token: string): Promise<InvitationState> {
    const match = /^([1-9][0-9]{0,15})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (match === null) return { ok: false, why: 'unknown' };
    const row = await this.store.db.get('SELECT * FROM invitations WHERE id = ?', Number(match[1]));
    const stored = row?.secret_hash;
    const given = digest(match[2] ?? '');
    if (
      row === undefined ||
      !(stored instanceof Uint8Array) ||
      stored.length !== given.length ||
      !timingSafeEqual(stored, given)
    )
      return { ok: false, why: 'unknown' };
    if (row.used_at !== null) return { ok: false, why: 'used' };
    const user = await this.store.users.userById(Number(row.user_id));
    if (!user) return { ok: false, why: 'unknown' };
    // Disabling voids the links too; "disabled" says more than "replaced".
    if (user.disabledAt !== null) return { ok: false, why: 'disabled' };
    if (row.voided_at !== null) return { ok: false, why: 'voided' };
    if (Number(row.expires_at) <= this.store.now()) return { ok: false, why: 'expired' };
    return { ok: true, id: Number(row.id), user };
  }

  /**
   * Sets the user's own password through the link, once: the link is marked used in the same
   * step that checks it is still open, so two tabs cannot both use it.
   */
  async use(token: string, password: string): Promise<InvitationState> {
    const weak = passwordProblem(password);
    if (weak !== undefined) throw new InvitationError(`password: ${weak}`);
    const state = await this.check(token);
    if (!state.ok) return state;
    const hash = await hashPassword(password);
    const taken = await this.store.transaction(async () => {
      const marked = await this.store.db.run(
        'UPDATE invitations SET used_at = ? WHERE id = ? AND used_at IS NULL AND voided_at IS NULL AND expires_at > ?',
        this.iso(),
        state.id,
        this.store.now(),
      );
      if (marked.changes === 0) return false;
      await this.store.users.setPassword(state.user.email, hash);
      await this.accounts.passwordChanged(state.user.id);
      return true;
    });
    if (!taken) return this.check(token);
    await this.store.audit.logEvent(
      state.user.email,
      TEAM_EVENT,
      'used their invitation link and chose a password',
    );
    return state;
  }
}

/** The link an admin hands over. */
export const invitationLink = (origin: string, token: string): string =>
  `${origin.replace(/\/+$/, '')}${INVITATION_PATH}/${token}`;
