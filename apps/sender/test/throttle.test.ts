/**
 * Issue 19, parts 3 and 4: proxies given by address or CIDR, the device cookie, delays
 * that cap at minutes, a throttle on /account/password, pending plans per user. (The
 * attacks themselves, with the real user signing in afterwards, are rows of the
 * intruders table in hostile-input.test.ts.)
 */
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceCookies, deviceCookieKey } from '../src/auth/device-cookie.js';
import { DEFAULT_LOGIN_THROTTLE, LoginThrottle } from '../src/auth/login-throttle.js';
import { PendingUploads } from '../src/batches/pending.js';
import { tempDir } from './helpers.js';
import { changePassword, realUser, signedIn, signInWith } from './throttle-attacks.js';
import { openWeb, QUICK_THROTTLE, type WebFixture } from './web-fixture.js';

const LONG_DELAYS = { ...QUICK_THROTTLE, firstDelaySec: 120, maxDelaySec: 300 };
const PASSWORD = 'the real user’s own password';

describe('delays cap at minutes', () => {
  it('the shipped settings wait at most 5 minutes', () => {
    expect(DEFAULT_LOGIN_THROTTLE.maxDelaySec).toBeLessThanOrEqual(300);
    expect(DEFAULT_LOGIN_THROTTLE.addressDelaySec).toBeLessThanOrEqual(300);
  });

  it('refused attempts do not make the delay grow: 25 quick guesses leave a delay of seconds', async () => {
    const throttle = new LoginThrottle(DEFAULT_LOGIN_THROTTLE);
    const waits: number[] = [];
    for (let i = 0; i < 25; i++) {
      const a = await throttle.admit('victim@x.example', '192.0.2.7');
      if (!a.allowed) waits.push(a.retryAfterSec);
    }
    expect(waits).toHaveLength(20);
    expect(Math.max(...waits)).toBeLessThanOrEqual(DEFAULT_LOGIN_THROTTLE.firstDelaySec);
  });
});

describe('the device cookie', () => {
  const key = randomBytes(32);
  it('is signed for one account, and refused when tampered, foreign, expired or under another key', () => {
    let now = Date.UTC(2026, 11, 7);
    const cookies = new DeviceCookies(key, 30 * 24 * 3600, () => now);
    const value = cookies.issue('Sales@Reseller.example');
    const id = cookies.verify(value, 'sales@reseller.example ');
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(cookies.verify(value, 'other@reseller.example')).toBeUndefined();
    const [a = '', b = '', mac = ''] = value.split('.');
    expect(
      cookies.verify(
        `${a}.${b}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`,
        'sales@reseller.example',
      ),
    ).toBeUndefined();
    expect(
      cookies.verify(`${a}.${Number(b) + 1}.${mac}`, 'sales@reseller.example'),
    ).toBeUndefined();
    expect(
      new DeviceCookies(randomBytes(32)).verify(value, 'sales@reseller.example'),
    ).toBeUndefined();
    for (const junk of [undefined, '', 'x', 'a.b.c', `${value}x`, 'A'.repeat(500)])
      expect(cookies.verify(junk, 'sales@reseller.example')).toBeUndefined();
    now += 31 * 24 * 3600_000;
    expect(cookies.verify(value, 'sales@reseller.example')).toBeUndefined();
  });

  it('its key is kept owner-only in the data folder and survives a restart', () => {
    const tmp = tempDir();
    try {
      const first = deviceCookieKey(tmp.dir);
      expect(first.length).toBe(32);
      expect(deviceCookieKey(tmp.dir).equals(first)).toBe(true);
      expect(statSync(join(tmp.dir, 'device-cookie.key')).mode & 0o777).toBe(0o600);
    } finally {
      tmp.cleanup();
    }
  });

  describe('over HTTP', () => {
    let web: WebFixture;
    beforeAll(async () => {
      web = await openWeb({}, LONG_DELAYS);
    });
    afterAll(async () => {
      await web.close();
    });

    it('is set at sign-in: httpOnly, SameSite=Strict, a month long', async () => {
      await realUser(web, 'cookie@reseller.example', PASSWORD);
      const res = await signInWith(web, 'cookie@reseller.example', PASSWORD, '');
      const line = ([res.headers['set-cookie']].flat() as string[]).find((l) =>
        l.startsWith('device='),
      );
      expect(line).toMatch(/HttpOnly/i);
      expect(line).toMatch(/SameSite=Strict/i);
      expect(line).toMatch(/Max-Age=2592000/);
    });

    it('exempts its account from the account + address count, with its own looser count; not another account', async () => {
      const alice = await realUser(web, 'alice@reseller.example', PASSWORD);
      await realUser(web, 'bob@reseller.example', PASSWORD);
      // Someone at the same address exhausts alice's account + address count.
      for (let i = 0; i < 8; i++) await signInWith(web, 'alice@reseller.example', `x-${i}`, '');
      expect((await signInWith(web, 'alice@reseller.example', PASSWORD, '')).status).toBe(429);
      // Alice's browser is not affected ...
      expect(
        signedIn(await signInWith(web, 'alice@reseller.example', PASSWORD, alice.device)),
      ).toBe(true);
      // ... and her device cookie buys nothing for bob's account.
      for (let i = 0; i < 8; i++)
        await signInWith(web, 'bob@reseller.example', `y-${i}`, alice.device);
      expect((await signInWith(web, 'bob@reseller.example', PASSWORD, alice.device)).status).toBe(
        429,
      );
      // Its own limit: 10 free failures, then delays, named as this browser's.
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++)
        statuses.push(
          (await signInWith(web, 'alice@reseller.example', `z-${i}`, alice.device)).status,
        );
      expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
      const limited = await signInWith(web, 'alice@reseller.example', PASSWORD, alice.device);
      expect(limited.status).toBe(429);
      expect(limited.text).toMatch(/from this browser/);
    });
  });
});

describe('SENDER_TRUST_PROXY as CIDRs', () => {
  let web: WebFixture;
  beforeAll(async () => {
    web = await openWeb({ SENDER_TRUST_PROXY: '127.0.0.0/8,::1/128' }, LONG_DELAYS);
  });
  afterAll(async () => {
    await web.close();
  });

  it('a trusted proxy’s X-Forwarded-For names the client: one client’s guesses do not slow another', async () => {
    await realUser(web, 'proxied@reseller.example', PASSWORD);
    const attacker = { 'x-forwarded-for': '203.0.113.40' };
    for (let i = 0; i < 6; i++)
      await signInWith(web, 'proxied@reseller.example', `guess-${i}`, '', attacker);
    expect((await signInWith(web, 'proxied@reseller.example', PASSWORD, '', attacker)).status).toBe(
      429,
    );
    const user = { 'x-forwarded-for': '2001:db8::7' };
    expect(signedIn(await signInWith(web, 'proxied@reseller.example', PASSWORD, '', user))).toBe(
      true,
    );
  });
});

describe('/account/password', () => {
  let web: WebFixture;
  beforeAll(async () => {
    web = await openWeb({}, LONG_DELAYS);
  });
  afterAll(async () => {
    await web.close();
  });

  it('wrong current passwords are counted like sign-in failures; a right one starts afresh', async () => {
    const me = await realUser(web, 'me@reseller.example', PASSWORD);
    for (let i = 0; i < 4; i++)
      expect((await changePassword(web, me, `wrong-${i}`, 'a new password here')).status).toBe(400);
    // Current password right, new one too short: the count starts afresh.
    expect((await changePassword(web, me, PASSWORD, 'short')).status).toBe(400);
    for (let i = 0; i < 5; i++)
      expect((await changePassword(web, me, `wrong-${i}`, 'a new password here')).status).toBe(400);
    const limited = await changePassword(web, me, PASSWORD, 'a new password here');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.text).toMatch(/too many wrong current passwords/);
  });
});

describe('pending plans per user', () => {
  const upload = (userId: number) => ({
    userId,
    fileName: `u${userId}.csv`,
    content: 'to\na@b.example\n',
    template: 'reseller-invitation',
    country: 'US',
  });

  it('60 uploads by one user do not expire another user’s plan', () => {
    const pending = new PendingUploads();
    const theirs = pending.add(upload(2)) ?? '';
    for (let i = 0; i < 60; i++) expect(pending.add(upload(1))).toBeDefined();
    expect(pending.take(theirs, 2)?.fileName).toBe('u2.csv');
  });

  it('a user’s next upload past their cap drops their own oldest', () => {
    const pending = new PendingUploads(3600_000, 50, 3);
    const keys = [1, 2, 3, 4].map(() => pending.add(upload(1)) ?? '');
    expect(pending.take(keys[0] ?? '', 1)).toBeUndefined();
    for (const key of keys.slice(1)) expect(pending.take(key, 1)).toBeDefined();
  });

  it('when full: the oldest plan of the user with the most goes, never another user’s only plan', () => {
    const pending = new PendingUploads(3600_000, 4, 3);
    const one = pending.add(upload(1)) ?? '';
    const [a, b] = [pending.add(upload(2)) ?? '', pending.add(upload(2)) ?? ''];
    const three = pending.add(upload(3)) ?? '';
    // Full (4): user 4's upload pushes out user 2's oldest.
    const four = pending.add(upload(4)) ?? '';
    expect(pending.take(a, 2)).toBeUndefined();
    // Full again, every plan its user's only one: user 5 is refused, nobody's plan is dropped...
    expect(pending.add(upload(5))).toBeUndefined();
    // ... but user 1 may replace their own only plan.
    const again = pending.add(upload(1)) ?? '';
    expect(pending.take(one, 1)).toBeUndefined();
    for (const [key, user] of [
      [b, 2],
      [three, 3],
      [four, 4],
      [again, 1],
    ] as const)
      expect(pending.take(key, user), `user ${user}`).toBeDefined();
  });
});
