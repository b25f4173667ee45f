/**
 * Sessions are served from memory in front of the store, and every way a session ends today
 * still ends it on the very next request: sign-out, an admin's password reset, disable,
 * one's own password change, a role change, and `csp-sender users add --reset` from
 * another process on the same data file or database. On SQLite and on PostgreSQL.
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { AccountStore } from '../src/accounts/store.js';
import { hashPassword } from '../src/passwords.js';
import { hidden } from './helpers.js';
import { cookiesFrom, raw, type RawResponse } from './http-raw.js';
import { runCli } from './spawn-cli.js';
import { describeStores } from './stores.js';
import { loginForm, openWeb, PASSWORD, postLogin, type WebFixture } from './web-fixture.js';

const ADMIN = 'boss@reseller.example';
let web: WebFixture;
let n = 0;

interface Who {
  cookie: string;
  csrf: string;
}

async function signIn(email: string, password = PASSWORD): Promise<Who> {
  const form = await loginForm(web.url);
  const res = await postLogin(web.url, form, email, password);
  if (res.status !== 303) throw new Error(`sign-in of ${email}: ${res.status}`);
  const cookie = cookiesFrom(res.headers);
  const page = await raw(`${web.url}/compose`, { headers: { cookie } });
  return { cookie, csrf: hidden(page.text, '_csrf') };
}

/** A fresh sales user, signed in. */
async function salesUser(): Promise<{ email: string; who: Who }> {
  const email = `sales${++n}@reseller.example`;
  await web.server.runtime.store.users.addUser(email, await hashPassword(PASSWORD), 'sales');
  return { email, who: await signIn(email) };
}

const post = (path: string, who: Who, fields: Record<string, string> = {}): Promise<RawResponse> =>
  raw(`${web.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: who.cookie,
      origin: web.url,
    },
    body: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(),
  });
const preview = (who: Who) =>
  post('/preview', who, {
    template: 'reseller-invitation',
    country: 'DE',
    to: 'ga@contoso.example',
    cc: '',
  });
const get = (path: string, who: Who) =>
  raw(`${web.url}${path}`, { headers: { cookie: who.cookie } });
const idOf = async (email: string): Promise<number> =>
  (await web.server.runtime.store.users.findUser(email))?.id ?? -1;

/** Three requests with one session: the last two are answered from memory, not the store. */
async function warm(who: Who): Promise<void> {
  const lookups = vi.spyOn(web.server.runtime.store.sessions, 'findSession');
  try {
    for (let i = 0; i < 3; i++) expect((await preview(who)).status).toBe(200);
    expect(lookups.mock.calls.length).toBeLessThanOrEqual(1);
  } finally {
    lookups.mockRestore();
  }
}

/** The old session is refused: a POST gets 401, a page sends to /login. */
async function expectSignedOut(who: Who): Promise<void> {
  const res = await preview(who);
  expect(res.status).toBe(401);
  expect(res.text).toContain('Your session has ended');
  const page = await get('/compose', who);
  expect(page.status).toBe(303);
  expect(page.headers.location).toBe('/login');
}

let admin: Who;

describeStores(
  'the in-memory session cache',
  (s) => {
    beforeAll(async () => {
      // The web server opens its own store: SQLite in its own folder, or this test's database.
      web = await openWeb(s.env);
      await web.server.runtime.store.users.addUser(ADMIN, await hashPassword(PASSWORD), 'admin');
      admin = await signIn(ADMIN);
    });
    afterAll(async () => {
      await web.close();
    });

    it('answers repeated requests of one session without reading it from the store', async () => {
      const { who } = await salesUser();
      await warm(who);
    });

    it('sign-out: the old cookie is refused on the next request', async () => {
      const { who } = await salesUser();
      await warm(who);
      expect((await post('/logout', who)).status).toBe(303);
      await expectSignedOut(who);
    });

    it('an admin resets the password: the user’s old session is refused at once', async () => {
      const { email, who } = await salesUser();
      await warm(who);
      expect((await post(`/team/users/${await idOf(email)}/reset`, admin)).status).toBe(200);
      await expectSignedOut(who);
    });

    it('an admin disables the user: the old session is refused at once', async () => {
      const { email, who } = await salesUser();
      await warm(who);
      expect((await post(`/team/users/${await idOf(email)}/disable`, admin)).status).toBeLessThan(
        400,
      );
      await expectSignedOut(who);
    });

    it('the user changes their own password: their session in another browser is refused', async () => {
      const { email, who } = await salesUser();
      const other = await signIn(email);
      await warm(other);
      const changed = await post('/account/password', who, {
        current: PASSWORD,
        password: 'another long enough password',
      });
      expect(changed.status).toBe(200);
      await expectSignedOut(other);
    });

    it('a role change is seen on the next request (a demoted admin gets 403 on /team)', async () => {
      const email = `admin${++n}@reseller.example`;
      await web.server.runtime.store.users.addUser(email, await hashPassword(PASSWORD), 'admin');
      const who = await signIn(email);
      await warm(who);
      expect((await get('/team', who)).status).toBe(200);
      await web.server.runtime.store.users.setRole(await idOf(email), 'sales');
      expect((await get('/team', who)).status).toBe(403);
    });

    it('csp-sender users add --reset in another process: refused on the next request', async () => {
      const { email, who } = await salesUser();
      // The clock stands still, so the entry cannot simply age out (TTL) while the CLI runs:
      // only the epoch the other process bumped can end it.
      const store = web.server.runtime.store;
      const clock = vi.spyOn(store, 'now').mockReturnValue(store.now());
      try {
        await warm(who);
        const run = await runCli(
          ['users', 'add', email, '--reset'],
          { SENDER_DATA_DIR: web.server.runtime.config.dataDir, ...s.env },
          'a new long enough password\n',
        );
        expect(run.code, run.stderr).toBe(0);
        await expectSignedOut(who);
      } finally {
        clock.mockRestore();
      }
    });

    it('a must-change flag set or cleared on its own (no password change) is seen on the next request', async () => {
      const { email, who } = await salesUser();
      const store = web.server.runtime.store;
      const accounts = new AccountStore(store);
      const userId = await idOf(email);
      // The clock stands still: only the epoch the flag's triggers move can end the entry.
      const clock = vi.spyOn(store, 'now').mockReturnValue(store.now());
      try {
        await warm(who);
        await accounts.requirePasswordChange(userId, ADMIN);
        const gated = await preview(who);
        expect(gated.status).toBe(403);
        expect(gated.text).toContain('Change your password first');
        expect((await get('/compose', who)).headers.location).toBe('/account/password');
        await accounts.passwordChanged(userId);
        expect((await preview(who)).status).toBe(200);
      } finally {
        clock.mockRestore();
      }
    });

    it('an expired session is refused even while it is in memory', async () => {
      const { who } = await salesUser();
      await warm(who);
      // Nothing is written: the remembered row's own expiry decides.
      const store = web.server.runtime.store;
      const clock = vi.spyOn(store, 'now').mockReturnValue(store.now() + 13 * 3600_000);
      try {
        await expectSignedOut(who);
      } finally {
        clock.mockRestore();
      }
    });
  },
  { fresh: 'all' },
);
