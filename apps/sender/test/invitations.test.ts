/**
 * Issue 19: invitation links as the alternative to one-time passwords (web /team add and
 * reset, `csp-sender users add --invite`): single use, 24 hours, stored hashed, a clear page
 * for an unknown, expired, used or replaced link; a new invitation, a reset or disabling the
 * user voids older links; issue and use are audit-logged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Invitations } from '../src/accounts/invitations.js';
import { hashPassword } from '../src/passwords.js';
import { Store } from '../src/store.js';
import { tempDir } from './helpers.js';
import { cookiesFrom, raw, type RawResponse } from './http-raw.js';
import { runCli } from './spawn-cli.js';
import {
  getAs,
  loginForm,
  oneTimePassword,
  openWeb,
  PASSWORD,
  postAs,
  postLogin,
  signInAs,
  type WebFixture,
  type Who,
} from './web-fixture.js';

const ADMIN = 'boss@reseller.example';
const CHOSEN = 'a password of my very own';

let web: WebFixture;
let admin: Who;

beforeAll(async () => {
  web = await openWeb();
  await web.server.runtime.store.users.addUser(ADMIN, await hashPassword(PASSWORD), 'admin');
  admin = await signInAs(web, ADMIN, PASSWORD);
});
afterAll(async () => {
  await web.close();
});

const linkOf = (html: string): string =>
  /id="invitation-link"[^>]*value="([^"]+)"/.exec(html)?.[1] ?? '';

const idOf = async (email: string): Promise<number> => {
  const user = await web.server.runtime.store.users.findUser(email);
  if (!user) throw new Error(`no user ${email}`);
  return user.id;
};

async function invite(email: string): Promise<string> {
  const res = await postAs(web, '/team/users', admin, { email, role: 'sales', via: 'invitation' });
  expect(res.status).toBe(200);
  const link = linkOf(res.text);
  expect(link).toMatch(new RegExp(`^${web.url}/invitation/\\d+\\.[A-Za-z0-9_-]{43}$`));
  return link;
}

const resetBy = async (email: string, via: 'password' | 'invitation'): Promise<RawResponse> =>
  postAs(web, `/team/users/${await idOf(email)}/reset`, admin, { via });

/** Opens the link and sets the password: the answer to the POST. */
const accept = (link: string, password = CHOSEN): Promise<RawResponse> =>
  raw(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: web.url },
    body: new URLSearchParams({ password }).toString(),
  });

const events = async () =>
  (await web.server.runtime.store.audit.events('team')).map((e) => `${e.actor}: ${e.detail}`);

describe('invitation links on /team', () => {
  it('add by invitation: shown once, stored hashed; the user chooses a password and is signed in', async () => {
    const link = await invite('new@reseller.example');
    const token = link.slice(link.lastIndexOf('/') + 1);
    // Only the SHA-256 of the secret is kept: the link is nowhere in the file.
    const rows = web.server.runtime.store.sqlite.file.prepare('SELECT * FROM invitations').all();
    expect(JSON.stringify(rows)).not.toContain(token.split('.')[1]);
    const page = await raw(link);
    expect(page.status).toBe(200);
    expect(page.text).toContain('You were invited to the CSP sender as');
    // The same rules as /account/password.
    const weak = await accept(link, 'short');
    expect(weak.status).toBe(400);
    expect(weak.text).toContain('password: ');
    const done = await accept(link);
    expect([done.status, done.headers.location]).toEqual([303, '/compose']);
    // Signed in, and nothing asks for another password change.
    const compose = await raw(`${web.url}/compose`, {
      headers: { cookie: cookiesFrom(done.headers) },
    });
    expect(compose.status).toBe(200);
    const again = await postLogin(
      web.url,
      await loginForm(web.url),
      'new@reseller.example',
      CHOSEN,
    );
    expect([again.status, again.headers.location]).toEqual([303, '/compose']);
    expect(await events()).toEqual(
      expect.arrayContaining([
        `${ADMIN}: added new@reseller.example as sales`,
        `${ADMIN}: issued an invitation link for new@reseller.example (valid 24 h)`,
        'new@reseller.example: used their invitation link and chose a password',
      ]),
    );
  });

  it('a used link says so, and what to do', async () => {
    const link = await invite('once@reseller.example');
    expect((await accept(link)).status).toBe(303);
    for (const res of [await raw(link), await accept(link, 'another long password')]) {
      expect(res.status).toBe(410);
      expect(res.text).toContain('This invitation link was already used');
    }
    // The second try changed nothing.
    const signIn = await postLogin(
      web.url,
      await loginForm(web.url),
      'once@reseller.example',
      CHOSEN,
    );
    expect(signIn.status).toBe(303);
  });

  it('an expired link (past 24 h) says so', async () => {
    const link = await invite('late@reseller.example');
    const id = Number(/\/invitation\/(\d+)\./.exec(link)?.[1]);
    // Produced by moving its expiry into the past, as 24 hours later would.
    web.server.runtime.store.sqlite.file
      .prepare('UPDATE invitations SET expires_at = ? WHERE id = ?')
      .run(Date.now() - 1000, id);
    const res = await accept(link);
    expect(res.status).toBe(410);
    expect(res.text).toContain('This invitation link expired: links last 24 hours');
    expect(res.text).toContain('Ask an admin of the sender for a new one');
  });

  it('an unknown link, or a known id with a wrong secret, is "not known"', async () => {
    const link = await invite('guess@reseller.example');
    const forged = link.replace(/\.[A-Za-z0-9_-]{43}$/, `.${'A'.repeat(43)}`);
    for (const url of [
      forged,
      `${web.url}/invitation/999999.${'B'.repeat(43)}`,
      `${web.url}/invitation/x`,
    ]) {
      const res = await raw(url);
      expect([url, res.status]).toEqual([url, 404]);
      expect(res.text).toContain('This invitation link is not known');
    }
    expect((await raw(link)).status).toBe(200);
  });

  it('a new invitation or a reset voids the older links; disabling the user too', async () => {
    const first = await invite('moves@reseller.example');
    const second = linkOf((await resetBy('moves@reseller.example', 'invitation')).text);
    expect(second).not.toBe(first);
    const replaced = await raw(first);
    expect(replaced.status).toBe(410);
    expect(replaced.text).toContain('This invitation link was replaced');
    // A reset with a one-time password voids the link as well.
    const reset = await resetBy('moves@reseller.example', 'password');
    expect(oneTimePassword(reset.text)).not.toBe('');
    expect((await raw(second)).status).toBe(410);
    const third = linkOf((await resetBy('moves@reseller.example', 'invitation')).text);
    expect((await raw(third)).status).toBe(200);
    const id = idOf('moves@reseller.example');
    expect((await postAs(web, `/team/users/${await id}/disable`, admin)).status).toBe(200);
    const disabled = await accept(third);
    expect(disabled.status).toBe(403);
    expect(disabled.text).toContain('This account is disabled');
    // Enabling again does not bring the link back.
    expect((await postAs(web, `/team/users/${await id}/enable`, admin)).status).toBe(200);
    expect((await raw(third)).text).toContain('This invitation link was replaced');
  });

  it('a reset by invitation ends the sessions and the old password', async () => {
    await invite('resets@reseller.example');
    await web.server.runtime.store.users.setPassword(
      'resets@reseller.example',
      await hashPassword(PASSWORD),
    );
    const user = await signInAs(web, 'resets@reseller.example', PASSWORD);
    await resetBy('resets@reseller.example', 'invitation');
    expect((await getAs(web, '/account', user)).status).toBe(303);
    const old = await postLogin(
      web.url,
      await loginForm(web.url),
      'resets@reseller.example',
      PASSWORD,
    );
    expect(old.status).toBe(401);
  });

  it('an unknown choice is refused naming the field; the form offers both', async () => {
    const res = await postAs(web, '/team/users', admin, {
      email: 'odd@reseller.example',
      role: 'sales',
      via: 'carrier pigeon',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('via: &quot;carrier pigeon&quot; is not a choice');
    const team = await getAs(web, '/team', admin);
    expect(team.text).toContain('value="invitation"');
    expect(await web.server.runtime.store.users.findUser('odd@reseller.example')).toBeUndefined();
  });
});

describe('csp-sender users add --invite', () => {
  it('prints a link that works once; an existing user needs --reset', async () => {
    const tmp = tempDir();
    try {
      const env = { SENDER_DATA_DIR: tmp.dir, SENDER_PUBLIC_URL: 'https://sender.example.com' };
      const added = await runCli(['users', 'add', 'cli@reseller.example', '--invite'], env);
      expect(added.code).toBe(0);
      const link = /https:\/\/sender\.example\.com\/invitation\/(\S+)/.exec(added.stdout);
      expect(added.stdout).toContain('single use, valid 24 h');
      const again = await runCli(['users', 'add', 'cli@reseller.example', '--invite'], env);
      expect(again.code).toBe(2);
      expect(again.stderr).toContain('already exists; use --reset');
      const reset = await runCli(
        ['users', 'add', 'cli@reseller.example', '--invite', '--reset'],
        env,
      );
      expect(reset.code).toBe(0);
      const store = new Store(tmp.dir);
      try {
        const invitations = new Invitations(store);
        expect(await invitations.check(link?.[1] ?? '')).toEqual({ ok: false, why: 'voided' });
        const latest = /\/invitation\/(\S+)/.exec(reset.stdout)?.[1] ?? '';
        expect((await invitations.use(latest, CHOSEN)).ok).toBe(true);
        // A reset with a password from the CLI voids an open link too.
        const open = /\/invitation\/(\S+)/.exec(
          (await runCli(['users', 'add', 'cli@reseller.example', '--invite', '--reset'], env))
            .stdout,
        )?.[1];
        expect((await invitations.check(open ?? '')).ok).toBe(true);
        const byPassword = await runCli(
          ['users', 'add', 'cli@reseller.example', '--reset'],
          env,
          'a password from the shell\n',
        );
        expect(byPassword.code).toBe(0);
        expect(await invitations.check(open ?? '')).toEqual({ ok: false, why: 'voided' });
        expect((await store.audit.events('team')).map((e) => `${e.actor}: ${e.detail}`)).toEqual(
          expect.arrayContaining([
            'cli: issued an invitation link for cli@reseller.example (valid 24 h)',
            'cli: reset the password of cli@reseller.example (by invitation link)',
          ]),
        );
      } finally {
        await store.close();
      }
    } finally {
      tmp.cleanup();
    }
  });
});
