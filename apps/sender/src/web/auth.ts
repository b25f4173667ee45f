import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { LoginThrottle } from '../auth/login-throttle.js';
import { dummyPasswordHash, verifyPassword } from '../passwords.js';
import type { SessionRow, Store } from '../store.js';
import { SessionCache } from './session-cache.js';

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
  | { ok: false; status: 401; message: string }
  | { ok: false; status: 429; message: string; retryAfterSec: number };

const inWords = (seconds: number): string =>
  seconds < 90
    ? `${seconds} second${seconds === 1 ? '' : 's'}`
    : `${Math.ceil(seconds / 60)} minutes`;

export class Auth {
  private readonly sessions: SessionCache;

  constructor(
    private readonly store: Store,
    private readonly sessionMs: number,
    private readonly throttle: LoginThrottle = new LoginThrottle(),
    private readonly now: () => number = Date.now,
  ) {
    this.sessions = new SessionCache(store);
  }

  async login(
    email: string,
    password: string,
    address: string,
    previousSession?: string,
    /** A device cookie's id, already verified for this account: its own, looser limit. */
    device?: string,
  ): Promise<LoginResult> {
    const account = email.trim().toLowerCase();
    // Counted before hashing: parallel guesses cannot all slip past the limit.
    const admission = await this.throttle.admit(account, address, device);
    if (!admission.allowed) {
      return {
        ok: false,
        status: 429,
        retryAfterSec: admission.retryAfterSec,
        message:
          admission.scope === 'address'
            ? `Too many sign-in attempts from your address. Try again in ${inWords(admission.retryAfterSec)}.`
            : admission.scope === 'device'
              ? `Too many failed sign-ins for this account from this browser. Try again in ${inWords(admission.retryAfterSec)}.`
              : `Too many failed sign-ins for this account from your address. Try again in ${inWords(admission.retryAfterSec)}.`,
      };
    }
    const user = await this.store.users.findUser(account);
    // Hash even for an unknown account, so the answer time does not reveal which accounts exist.
    const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
    if (!user || !ok) return { ok: false, status: 401, message: 'Wrong email or password.' };
    // Told only to someone who knows the password: it reveals nothing to a guesser.
    if (user.disabledAt !== null)
      return {
        ok: false,
        status: 401,
        message: 'This account is disabled. Ask an admin of the sender to enable it.',
      };
    await this.throttle.succeeded(admission, address);
    // Rotation: whatever session the browser had is dropped; a fresh token is issued.
    if (previousSession !== undefined)
      await this.store.sessions.deleteSession(tokenHash(previousSession));
    await this.store.sessions.deleteExpiredSessions();
    const session = token();
    await this.store.sessions.createSession(
      tokenHash(session),
      user.id,
      token(),
      this.now() + this.sessionMs,
    );
    const row = await this.store.sessions.findSession(tokenHash(session));
    if (!row) throw new Error('session was not stored');
    return { ok: true, session, row };
  }

  async find(session: string | undefined): Promise<SessionRow | undefined> {
    if (session === undefined || session.length > 100) return undefined;
    return this.sessions.find(tokenHash(session));
  }

  async logout(session: string): Promise<void> {
    const hash = tokenHash(session);
    await this.store.sessions.deleteSession(hash);
    this.sessions.forget(hash);
  }
}
