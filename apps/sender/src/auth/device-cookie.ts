/**
 * The device cookie (OWASP's "device cookies" against account lockout): after a
 * successful sign-in the browser gets a cookie naming the account it signed in to,
 * signed with HMAC-SHA256 under a server secret. A later sign-in to that account from
 * that browser is exempt from the per-address and per-account limits and has its own,
 * looser count instead, so an attacker's guesses do not lock the real user out. It
 * grants nothing else: the password is still checked.
 *
 * Value: `<device id>.<issued, s since epoch>.<mac>`; the mac covers the account too,
 * so a cookie from one account is worth nothing for another.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DEVICE_COOKIE_DAYS = 30;
const KEY_FILE = 'device-cookie.key';

const account = (email: string): string => email.trim().toLowerCase();

export class DeviceCookies {
  constructor(
    private readonly key: Buffer,
    private readonly maxAgeSec = DEVICE_COOKIE_DAYS * 24 * 3600,
    private readonly now: () => number = Date.now,
  ) {
    if (key.length < 32) throw new Error('the device cookie key must be at least 32 bytes');
  }

  private mac(email: string, id: string, issued: string): string {
    return createHmac('sha256', this.key)
      .update(`device-cookie v1\n${account(email)}\n${id}\n${issued}`)
      .digest('base64url');
  }

  /** A new cookie value for a browser that just signed in to this account. */
  issue(email: string): string {
    const id = randomBytes(16).toString('base64url');
    const issued = String(Math.floor(this.now() / 1000));
    return `${id}.${issued}.${this.mac(email, id, issued)}`;
  }

  /** The device id, when the value is a cookie this server issued for this account and not expired. */
  verify(value: string | undefined, email: string): string | undefined {
    if (value === undefined || value.length > 200) return undefined;
    const match = /^([A-Za-z0-9_-]{22})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(value);
    if (!match) return undefined;
    const [, id = '', issued = '', mac = ''] = match;
    const age = this.now() / 1000 - Number(issued);
    if (age < -60 || age > this.maxAgeSec) return undefined;
    const expected = Buffer.from(this.mac(email, id, issued));
    const given = Buffer.from(mac);
    return given.length === expected.length && timingSafeEqual(given, expected) ? id : undefined;
  }
}

/**
 * The server secret, kept beside the database so device cookies survive a restart;
 * created (owner-only) on first use.
 */
export function deviceCookieKey(dataDir: string): Buffer {
  const path = join(dataDir, KEY_FILE);
  try {
    const existing = readFileSync(path);
    if (existing.length >= 32) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  // On PostgreSQL nothing else makes the folder first (SQLite's store does when it opens).
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    // `wx`: two processes starting at once keep the first one's key.
    writeFileSync(path, key, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readFileSync(path);
  }
  chmodSync(path, 0o600);
  return key;
}
