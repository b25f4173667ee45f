/**
 * Issue 19, part 2: a password an admin set (web add or reset, `csp-sender users add`,
 * `--reset`) signs in once, to choose a new one; reset and disable ask first and say what
 * happened; nobody is offered (or allowed) to disable themselves; the one-time password is
 * a read-only field to select, with a copy button only when scripts run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountStore } from '../src/accounts/store.js';
import { hashPassword } from '../src/passwords.js';
import { Store } from '../src/store.js';
import { tempDir } from './helpers.js';
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
const OTHER_ADMIN = 'deputy@reseller.example';
const NEW_PASSWORD = 'my very own passphrase';

let web: WebFixture;

const signIn = (email: string, password: string) => signInAs(web, email, password);
const post = (path: string, who: Who, fields: Record<string, string> = {}) =>
  postAs(web, path, who, fields);
const get = (path: string, who: { cookie: string }) => getAs(web, path, who);

const idOf = async (email: string): Promise<number> => {
  const user = await web.server.runtime.store.users.findUser(email);
  if (!user) throw new Error(`no user ${email}`);
  return user.id;
};

/** Every page leads to /account/password, every other request is refused, until it is changed. */
async function expectLockedToPasswordChange(who: Who): Promise<void> {
  for (const path of ['/', '/compose', '/history', '/batches', '/history.csv', '/sends/1']) {
    const res = await get(path, who);
    expect([path, res.status, res.headers.location]).toEqual([path, 303, '/account/password']);
  }
  const form = await get('/account/password', who);
  expect(form.status).toBe(200);
  expect(form.text).toContain('Your password was set by an admin');
  for (const path of ['/preview', '/confirm', '/send', '/batches/plan']) {
    const res = await post(path, who, {
      template: 'reseller-invitation',
      country: 'US',
      to: 'a@b.example',
    });
    expect([path, res.status]).toEqual([path, 403]);
    expect(res.text).toContain('password: the password you signed in with was set by an admin');
  }
}

async function changeAndSignInAgain(email: string, who: Who, current: string): Promise<Who> {
  // The same password again is no change.
  const same = await post('/account/password', who, { current, password: current });
  expect(same.status).toBe(400);
  expect(same.text).toContain('password: choose a new password, not the current one');
  const changed = await post('/account/password', who, { current, password: NEW_PASSWORD });
  expect(changed.status).toBe(200);
  expect(changed.text).toContain('Password changed');
  // The one-time password is gone; the new one opens everything.
  const old = await postLogin(web.url, await loginForm(web.url), email, current);
  expect(old.status).toBe(401);
  const again = await signIn(email, NEW_PASSWORD);
  expect([again.location, (await get('/compose', again)).status]).toEqual(['/compose', 200]);
  return again;
}

beforeAll(async () => {
  web = await openWeb();
  await web.server.runtime.store.users.addUser(ADMIN, await hashPassword(PASSWORD), 'admin');
  await web.server.runtime.store.users.addUser(OTHER_ADMIN, await hashPassword(PASSWORD), 'admin');
});
afterAll(async () => {
  await web.close();
});

describe('one-time passwords', () => {
  it('a user an admin added must change the one-time password before anything else', async () => {
    const admin = await signIn(ADMIN, PASSWORD);
    const added = await post('/team/users', admin, {
      email: 'rep@reseller.example',
      role: 'sales',
    });
    expect(added.status).toBe(200);
    expect(added.text).toContain('rep@reseller.example was added as sales.');
    const password = oneTimePassword(added.text);
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const rep = await signIn('rep@reseller.example', password);
    await expectLockedToPasswordChange(rep);
    await changeAndSignInAgain('rep@reseller.example', rep, password);
  });

  it('a reset asks first, says the sessions ended, and the new one-time password must be changed', async () => {
    const admin = await signIn(ADMIN, PASSWORD);
    const added = await post('/team/users', admin, {
      email: 'forgot@reseller.example',
      role: 'sales',
    });
    const user = await changeAndSignInAgain(
      'forgot@reseller.example',
      await signIn('forgot@reseller.example', oneTimePassword(added.text)),
      oneTimePassword(added.text),
    );
    const id = idOf('forgot@reseller.example');
    const ask = await get(`/team/users/${await id}/reset`, admin);
    expect(ask.status).toBe(200);
    expect(ask.text).toContain('Reset forgot@reseller.example&#39;s password?');
    expect(ask.text).toContain('Their sessions will end');
    expect(ask.text).toContain(`<form method="post" action="/team/users/${await id}/reset">`);
    // Asking changed nothing: the user is still signed in.
    expect((await get('/compose', user)).status).toBe(200);
    const reset = await post(`/team/users/${await id}/reset`, admin);
    expect(reset.status).toBe(200);
    expect(reset.text).toContain(
      'forgot@reseller.example&#39;s password was reset: their sessions ended.',
    );
    expect((await get('/compose', user)).headers.location).toBe('/login');
    const again = await signIn('forgot@reseller.example', oneTimePassword(reset.text));
    await expectLockedToPasswordChange(again);
  });

  it('disable asks first and says the sessions ended', async () => {
    const admin = await signIn(ADMIN, PASSWORD);
    const added = await post('/team/users', admin, {
      email: 'leaver@reseller.example',
      role: 'sales',
    });
    const leaver = await signIn('leaver@reseller.example', oneTimePassword(added.text));
    const id = idOf('leaver@reseller.example');
    const ask = await get(`/team/users/${await id}/disable`, admin);
    expect(ask.status).toBe(200);
    expect(ask.text).toContain('Disable leaver@reseller.example?');
    expect(ask.text).toContain('Their sessions will end at once');
    expect((await get('/account', leaver)).status).toBe(200);
    const done = await post(`/team/users/${await id}/disable`, admin);
    expect(done.status).toBe(200);
    expect(done.text).toContain(
      'leaver@reseller.example was disabled: their sessions ended and they cannot sign in.',
    );
    expect((await get('/account', leaver)).headers.location).toBe('/login');
  });

  it('no admin is offered to disable themselves, and the server refuses it', async () => {
    const admin = await signIn(ADMIN, PASSWORD);
    const id = idOf(ADMIN);
    const team = await get('/team', admin);
    expect(team.text).not.toContain(`/team/users/${await id}/disable`);
    expect(team.text).toContain(`/team/users/${await idOf(OTHER_ADMIN)}/disable`);
    const ask = await get(`/team/users/${await id}/disable`, admin);
    expect(ask.status).toBe(400);
    expect(ask.text).toContain('user: you cannot disable your own account');
    // Another admin is active, so only the self rule stands in the way.
    const res = await post(`/team/users/${await id}/disable`, admin);
    expect(res.status).toBe(400);
    expect(res.text).toContain('user: you cannot disable your own account');
    expect((await web.server.runtime.store.users.findUser(ADMIN))?.disabledAt).toBeNull();
  });

  it('the one-time password: a read-only field with the focus, and a copy button only for scripts', async () => {
    const admin = await signIn(ADMIN, PASSWORD);
    const added = await post('/team/users', admin, {
      email: 'copy@reseller.example',
      role: 'sales',
    });
    const field = /<input[^>]*id="one-time-password"[^>]*>/.exec(added.text)?.[0] ?? '';
    expect(field).toContain('readonly');
    expect(field).toContain('type="text"');
    expect(field).toContain('autofocus');
    expect(added.text).not.toMatch(/\son[a-z]+=/);
    expect(added.text).toContain('<label for="one-time-password">');
    // The button is hidden until the script shows it; the only script is the app's own file.
    expect(added.text).toMatch(
      /<button type="button" class="secondary" data-copy="one-time-password" hidden="">/,
    );
    expect([...added.text.matchAll(/<script[^>]*>/g)].map((m) => m[0])).toEqual([
      '<script src="/assets/copy.js" defer="">',
    ]);
    // The CSP gains script-src 'self' and nothing else: no inline script, no other origin.
    const csp = String(added.headers['content-security-policy'] ?? '');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|script-src[^;]*(https?:|\*)/);
    const script = await get('/assets/copy.js', admin);
    expect([script.status, script.headers['content-type']]).toEqual([
      200,
      'text/javascript; charset=utf-8',
    ]);
    expect(script.text).toContain('navigator.clipboard.writeText');
  });
});

describe('csp-sender users add', () => {
  it('a password set from the CLI (add or --reset) must be changed at the next sign-in', async () => {
    const tmp = tempDir();
    try {
      const env = { SENDER_DATA_DIR: tmp.dir };
      const added = await runCli(
        ['users', 'add', 'cli@x.example'],
        env,
        'a long enough password\n',
      );
      expect(added.code).toBe(0);
      expect(added.stdout).toContain('must choose a new password at their first sign-in');
      const store = new Store(tmp.dir);
      try {
        const accounts = new AccountStore(store);
        const id = (await store.users.findUser('cli@x.example'))?.id ?? 0;
        expect(await accounts.passwordChangeRequired(id)).toBe(true);
        await accounts.passwordChanged(id);
        await store.close();
        const reset = await runCli(
          ['users', 'add', 'cli@x.example', '--reset'],
          env,
          'another long password\n',
        );
        expect(reset.code).toBe(0);
        const reopened = new Store(tmp.dir);
        try {
          expect(await new AccountStore(reopened).passwordChangeRequired(id)).toBe(true);
        } finally {
          await reopened.close();
        }
      } finally {
        if (store.sqlite.file.isOpen) await store.close();
      }
    } finally {
      tmp.cleanup();
    }
  });
});
