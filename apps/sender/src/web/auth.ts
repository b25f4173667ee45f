import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { dummyPasswordHash, verifyPassword } from '../passwords.js';
import type { SessionRow, Store } from '../store.js';

export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

export const token = (): string => randomBytes(32).toString('base64url');
/** Only the hash of a session token is stored: a copy of the database logs no one in. */
export const tokenHash = (value: string): string =>
  createHash('sha256').update(value).digest('hex');

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

export type LoginResult =
  | { ok: true; session: string; row: SessionRow }
  | { ok: false; status: 401 | 429; message: string };

export class Auth {
  constructor(
    private readonly store: Store,
    private readonly sessionMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Minutes until the oldest failure leaves the window, when over the limit. */
  private throttled(column: 'account' | 'address', value: string, max: number): number | undefined {
    const { count, oldest } = this.store.loginFailures(
      column,
      value,
      this.now() - THROTTLE_WINDOW_MS,
    );
    if (count < max) return undefined;
    return Math.max(
      1,
      Math.ceil(((oldest ?? this.now()) + THROTTLE_WINDOW_MS - this.now()) / 60_000),
    );
  }

  async login(
    email: string,
    password: string,
    address: string,
    previousSession?: string,
  ): Promise<LoginResult> {
    const account = email.trim().toLowerCase();
    const byAddress = this.throttled('address', address, MAX_FAILURES_PER_ADDRESS);
    const byAccount = this.throttled('account', account, MAX_FAILURES_PER_ACCOUNT);
    const wait = byAddress ?? byAccount;
    if (wait !== undefined) {
      return {
        ok: false,
        status: 429,
        message: `Too many failed sign-ins ${byAddress === undefined ? 'for this account' : 'from your address'}. Try again in ${wait} minute${wait === 1 ? '' : 's'}.`,
      };
    }
    const user = this.store.findUser(account);
    // Hash even for an unknown account, so the answer time does not reveal which accounts exist.
    const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
    if (!user || !ok) {
      this.store.recordLoginFailure(account, address);
      return { ok: false, status: 401, message: 'Wrong email or password.' };
    }
    this.store.clearLoginFailures(account);
    // Rotation: whatever session the browser had is dropped; a fresh token is issued.
    if (previousSession !== undefined) this.store.deleteSession(tokenHash(previousSession));
    this.store.deleteExpiredSessions();
    const session = token();
    this.store.createSession(tokenHash(session), user.id, token(), this.now() + this.sessionMs);
    const row = this.store.findSession(tokenHash(session));
    if (!row) throw new Error('session was not stored');
    return { ok: true, session, row };
  }

  find(session: string | undefined): SessionRow | undefined {
    if (session === undefined || session.length > 100) return undefined;
    return this.store.findSession(tokenHash(session));
  }

  logout(session: string): void {
    this.store.deleteSession(tokenHash(session));
  }
}
