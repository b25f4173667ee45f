/**
 * Sessions in memory in front of the store of record (SQLite). A hit costs one read of
 * the store's session epoch instead of the session join, and is never trusted blindly:
 *
 * - Every write that ends a session or changes what it may do bumps the epoch in the same
 *   transaction, through SQLite triggers (see session_epoch in store.ts): any change to a
 *   session row, sign-out, sign-in rotation, the expiry clean-up, disable, a password reset
 *   (web /team and `csp-sender users add --reset`), one's own password change, a role
 *   change. Triggers
 *   live in the data file, so a CLI run or another `serve` on the same file bumps it too,
 *   even a build that knows nothing of this cache.
 * - The epoch is read for every request (once for the requests that arrive together, see
 *   store/turn-memo.ts); when it moved, the whole cache is dropped. So a reset or disabled
 *   user's old session is refused on the very next request, in this process or any other
 *   sharing the store.
 * - A short TTL bounds how long an entry lives even if some writer skipped the triggers
 *   (a hand-made SQL change; a future shared store without them), and the size is capped.
 *
 * Only found sessions are kept: an unknown token always asks the store.
 */
import type { SessionRow, Store } from '../store.js';
import { TurnMemo } from '../store/turn-memo.js';

export const SESSION_CACHE_TTL_MS = 5_000;
export const SESSION_CACHE_MAX = 10_000;

export class SessionCache {
  private readonly rows = new Map<string, { row: SessionRow; until: number }>();
  private epoch: number | undefined;
  /** The epoch, read once for the requests of one event-loop turn (store/turn-memo.ts). */
  private readonly epochs: TurnMemo<number>;

  constructor(
    private readonly store: Store,
    private readonly ttlMs = SESSION_CACHE_TTL_MS,
    private readonly max = SESSION_CACHE_MAX,
  ) {
    this.epochs = new TurnMemo(store.db, () => store.sessions.sessionEpoch());
  }

  async find(tokenHash: string): Promise<SessionRow | undefined> {
    const epoch = await this.epochs.get();
    if (epoch !== this.epoch) {
      this.rows.clear();
      this.epoch = epoch;
    }
    const now = this.store.now();
    const hit = this.rows.get(tokenHash);
    if (hit !== undefined) {
      if (hit.until > now && hit.row.expiresAt > now) return hit.row;
      this.rows.delete(tokenHash);
    }
    const row = await this.store.sessions.findSession(tokenHash);
    if (row !== undefined) {
      // Oldest first out (a Map keeps insertion order).
      if (this.rows.size >= this.max) {
        const oldest = this.rows.keys().next();
        if (oldest.done !== true) this.rows.delete(oldest.value);
      }
      this.rows.set(tokenHash, { row: Object.freeze(row), until: now + this.ttlMs });
    }
    return row;
  }

  /** This process's own sign-out: gone at once (the epoch would drop it on the next read too). */
  forget(tokenHash: string): void {
    this.rows.delete(tokenHash);
  }

  get size(): number {
    return this.rows.size;
  }
}
