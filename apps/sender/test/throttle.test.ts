/**
 * Issue 19, parts 3 and 4: proxies given by address or CIDR, the device cookie, delays
 * that cap at minutes, a throttle on /account/password (pending plans per user are in
 * pending-plans.test.ts, the cookie's signature in device-cookie.test.ts). (The attacks
 * themselves, with the real user signing in afterwards, are rows of the
 * intruders table in hostile-input.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LOGIN_THROTTLE, LoginThrottle } from '../src/auth/login-throttle.js';
import { changePassword, realUser, signedIn, signInWith } from './throttle-attacks.js';
import { openWeb, QUICK_THROTTLE, type WebFixture } from './web-fixture.js';

const LONG_DELAYS = { ...QUICK_THROTTLE, firstDelaySec: 120, maxDelaySec: 300 };
const PASSWORD = 'the real user’s own password';

describe('delays cap at minutes', () => {
  it('the shipped settings wait at most 5 minutes', () => {
    expect(DEFAULT_LOGIN_THROTTLE.maxDelaySec).toBeLessThanOrEqual(300);
    expect(DEFAULT_LOGIN_THROTTLE.addressDelaySec).toBeLessThanOrEqual(300);
  });

  it('refused attempts do not make the delay grow: after 25 quick guesses the next window is seconds, not minutes', async () => {
    const throttle = new LoginThrottle({ ...DEFAULT_LOGIN_THROTTLE, firstDelaySec: 1 });
    const admit = () => throttle.admit('victim@x.example', '192.0.2.7');
    let refused = 0;
    for (let i = 0; i < 25; i++) if (!(await admit()).allowed) refused++;
    expect(refused).toBe(20);
    // The guesser waits out the window and tries once more: the next window is the
    // 6th attempt's (2 s), not the 26th's (which was 2^21 s, capped at 15 min).
    await new Promise((r) => setTimeout(r, 1100));
    expect((await admit()).allowed).toBe(true);
    const next = await admit();
    expect(next).toMatchObject({ allowed: false, scope: 'account' });
    expect(next.allowed ? 0 : next.retryAfterSec).toBeLessThanOrEqual(2);
  });
});

describe('the device cookie', () => {
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
