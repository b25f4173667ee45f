/**
 * Sign-in throttling (rate-limiter-flexible), proxies (SENDER_TRUST_PROXY,
 * SENDER_PUBLIC_URL) and the web app's answers to malformed requests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginThrottle } from '../src/auth/login-throttle.js';
import { raw } from './http-raw.js';
import {
  loginForm,
  openWeb,
  PASSWORD,
  postLogin,
  QUICK_THROTTLE,
  session,
  USER,
  type WebFixture,
} from './web-fixture.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// A first delay far longer than any of these tests, so a slow machine cannot see it run out.
const LONG_DELAYS = { ...QUICK_THROTTLE, firstDelaySec: 120, maxDelaySec: 600 };
const from = (address: string) => ({ 'x-forwarded-for': address });

describe('sign-in throttle behind a trusted proxy (SENDER_TRUST_PROXY=127.0.0.1)', () => {
  let web: WebFixture;
  let quick: WebFixture;
  beforeAll(async () => {
    web = await openWeb({ SENDER_TRUST_PROXY: '127.0.0.1' }, LONG_DELAYS);
    quick = await openWeb(
      { SENDER_TRUST_PROXY: '127.0.0.1' },
      { ...QUICK_THROTTLE, firstDelaySec: 2 },
    );
  });
  afterAll(async () => {
    await web.close();
    await quick.close();
  });

  it('40 parallel wrong passwords: counted before hashing, so at most 5 are tried and the right password does not slip in', async () => {
    const attacker = from('203.0.113.40');
    const form = await loginForm(web.url, attacker);
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => postLogin(web.url, form, USER, `guess-${i}`, attacker)),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(35);
    const limited = answers.find((a) => a.status === 429);
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited?.text).toMatch(/Too many failed sign-ins for this account from your address/);
    // The right password from the attacking address right away: still waiting, not signed in.
    const right = await postLogin(web.url, form, USER, PASSWORD, attacker);
    expect(right.status).toBe(429);
    expect(String(right.headers['set-cookie'] ?? '')).not.toMatch(/sid=/);
    // The real user at another address is not locked out by someone else's guesses.
    await expect(session(web.url, from('198.51.100.7'))).resolves.toMatchObject({
      cookie: expect.stringMatching(/sid=/) as unknown,
    });
  });

  it('sequential guesses: growing delays (429 + retry-after), never a lockout against the right password', async () => {
    const client = from('203.0.113.77');
    const form = await loginForm(quick.url, client);
    for (let i = 0; i < 5; i++)
      expect((await postLogin(quick.url, form, USER, `wrong-${i}`, client)).status).toBe(401);
    const first = await postLogin(quick.url, form, USER, 'wrong-5', client);
    expect(first.status).toBe(429);
    const firstWait = Number(first.headers['retry-after']);
    expect([1, 2]).toContain(firstWait);
    await sleep(firstWait * 1000 + 100);
    expect((await postLogin(quick.url, form, USER, 'wrong-6', client)).status).toBe(401);
    const second = await postLogin(quick.url, form, USER, 'wrong-7', client);
    expect(second.status).toBe(429);
    const wait = Number(second.headers['retry-after']);
    expect(wait).toBeGreaterThan(2); // the delay grew (4 s after 2 s)
    await sleep(wait * 1000 + 100);
    // After the delay, the right password gets in.
    const ok = await postLogin(quick.url, form, USER, PASSWORD, client);
    expect(ok.status).toBe(303);
    // And the slate is clean: a later typo is an ordinary 401.
    expect((await postLogin(quick.url, form, USER, 'typo', client)).status).toBe(401);
  });
});

describe('sign-in throttle with no proxy configured', () => {
  let web: WebFixture;
  beforeAll(async () => {
    web = await openWeb({}, LONG_DELAYS);
  });
  afterAll(async () => {
    await web.close();
  });

  it('ignores X-Forwarded-For, so a client cannot escape the limit by inventing addresses', async () => {
    const form = await loginForm(web.url);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await postLogin(web.url, form, USER, `spoof-${i}`, {
        'x-forwarded-for': `192.0.2.${i + 1}`,
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
  });
});

describe('the throttle keeps nothing forever', () => {
  it('an unknown account’s failure count expires on its own', async () => {
    const throttle = new LoginThrottle({
      freeAttempts: 5,
      firstDelaySec: 1,
      maxDelaySec: 1,
      rememberSec: 1,
      perAddressPerDay: 100,
      addressDelaySec: 1,
    });
    const admission = await throttle.admit('nobody@unknown.example', '192.0.2.9');
    expect(admission.allowed).toBe(true);
    expect(await throttle.remembers('nobody@unknown.example', '192.0.2.9')).toBe(true);
    await sleep(1200);
    expect(await throttle.remembers('nobody@unknown.example', '192.0.2.9')).toBe(false);
  });
});

describe('the per-address budget slows an address down, it does not ban it', () => {
  it('past the daily budget: one attempt per delay, across accounts', async () => {
    const throttle = new LoginThrottle({
      freeAttempts: 5,
      firstDelaySec: 1,
      maxDelaySec: 1,
      rememberSec: 60,
      perAddressPerDay: 3,
      addressDelaySec: 1,
    });
    const tries = async () =>
      (await throttle.admit(`user${String(Math.random())}@x.example`, '192.0.2.50')).allowed;
    expect([await tries(), await tries(), await tries()]).toEqual([true, true, true]);
    const refused = await throttle.admit('someone@x.example', '192.0.2.50');
    expect(refused).toMatchObject({ allowed: false, scope: 'address', retryAfterSec: 1 });
    // Another address is not affected.
    expect((await throttle.admit('someone@x.example', '192.0.2.51')).allowed).toBe(true);
    await sleep(1100);
    expect(await tries()).toBe(true);
    expect(await tries()).toBe(false);
  });
});

describe('behind a proxy that rewrites Host (SENDER_PUBLIC_URL)', () => {
  let web: WebFixture;
  const PUBLIC = 'https://sender.example.com';
  beforeAll(async () => {
    web = await openWeb({ SENDER_PUBLIC_URL: `${PUBLIC}/`, SENDER_TRUST_PROXY: '127.0.0.1' });
  });
  afterAll(async () => {
    await web.close();
  });

  it('accepts form posts from the public origin whatever Host the proxy sends, and refuses others', async () => {
    const proxied = { host: 'backend.internal:8787', origin: PUBLIC };
    const form = await loginForm(web.url, proxied);
    const signedIn = await postLogin(web.url, form, USER, PASSWORD, proxied);
    expect(signedIn.status).toBe(303);
    const foreign = await postLogin(web.url, form, USER, PASSWORD, {
      host: 'sender.example.com',
      origin: 'https://evil.example',
    });
    expect(foreign.status).toBe(403);
    expect(foreign.text).toMatch(/Origin: cross-site form posts are not accepted/);
  });
});

describe('malformed requests get a clear 4xx, never a 500', () => {
  let web: WebFixture;
  beforeAll(async () => {
    web = await openWeb();
  });
  afterAll(async () => {
    await web.close();
  });

  it('a malformed Origin header: 403 naming the header', async () => {
    const { cookie, csrf } = await session(web.url);
    for (const origin of [
      'http://[bad',
      'not a url',
      'javascript:alert(1)',
      'http://a.example/path',
    ]) {
      const res = await raw(`${web.url}/preview`, {
        method: 'POST',
        headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, template: 'reseller-invitation' }).toString(),
      });
      expect(res.status, origin).toBe(403);
      expect(res.text).toMatch(/Origin: the header is not a valid origin/);
    }
  });

  it('malformed multipart: 400 naming the body', async () => {
    const { cookie } = await session(web.url);
    const res = await raw(`${web.url}/preview`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'multipart/form-data; boundary=xyz' },
      body: '--xyz\r\nContent-Disposition: form-data; name="to"\r\n\r\nunterminated',
    });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/request body: the form data is malformed/);
  });

  it('PUT, DELETE and PATCH on existing routes: 405 with Allow', async () => {
    const cases: [string, string, string][] = [
      ['PUT', '/compose', 'GET, HEAD'],
      ['DELETE', '/history', 'GET, HEAD'],
      ['PATCH', '/send', 'POST'],
      ['PUT', '/login', 'GET, POST, HEAD'],
      ['DELETE', '/sends/1', 'GET, HEAD'],
      ['GET', '/preview', 'POST'],
    ];
    for (const [method, path, allow] of cases) {
      const res = await raw(`${web.url}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.allow).toBe(allow);
      expect(res.text).toMatch(/method: /);
    }
  });
});
