/** Roles and team management through the web (and `csp-sender users add --role`). */
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  USER,
  type WebFixture,
  type Who,
} from './web-fixture.js';

const ADMIN = 'boss@reseller.example';

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

beforeAll(async () => {
  web = await openWeb();
  await web.server.runtime.store.users.addUser(ADMIN, await hashPassword(PASSWORD), 'admin');
});
afterAll(async () => {
  await web.close();
});

describe('roles', () => {
  it('the first user is an admin; users added later are sales', async () => {
    const users = await web.server.runtime.store.users.list();
    expect(users[0]?.role).toBe('admin');
    expect(users.find((u) => u.email === USER)?.role).toBe('sales');
  });

  it('a sales user gets 403 on every admin route, and nothing changes', async () => {
    const sales = await signIn(USER, PASSWORD);
    const target = idOf(ADMIN);
    const before = await web.server.runtime.store.users.list();
    const answers: [string, number][] = [['GET /team', (await get('/team', sales)).status]];
    for (const [path, fields] of [
      ['/team/users', { email: 'intruder@reseller.example', role: 'admin' }],
      [`/team/users/${await target}/reset`, {}],
      [`/team/users/${await target}/disable`, {}],
      [`/team/users/${await target}/enable`, {}],
    ] as const)
      answers.push([`POST ${path}`, (await post(path, sales, fields)).status]);
    expect(answers).toEqual(answers.map(([route]) => [route, 403]));
    expect(await web.server.runtime.store.users.list()).toEqual(before);
    // The header offers no Team link to a sales user.
    expect((await get('/compose', sales)).text).not.toContain('href="/team"');
  });
});

describe('team management', () => {
  it('an admin adds a user: the one-time password signs them in; the action is recorded', async () => {
    const admin = await signIn(ADMIN, PASSWORD);
    const added = await post('/team/users', admin, {
      email: 'new.rep@reseller.example',
      role: 'sales',
    });
    expect(added.status).toBe(200);
    const password = oneTimePassword(added.text);
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    await signIn('new.rep@reseller.example', password);
    const team = await get('/team', admin);
    expect(team.text).toContain(`added new.rep@reseller.example as sales`);
    expect(team.text).toContain(ADMIN);
    // A second add of the same address, or a bad one, names the problem.
    const again = await post('/team/users', admin, {
      email: 'new.rep@reseller.example',
      role: 'sales',
    });
    expect(again.status).toBe(400);
    expect(again.text).toContain('email: new.rep@reseller.example already has an account');
    const badRole = await post('/team/users', admin, {
      email: 'x@reseller.example',
      role: 'owner',
    });
    expect(badRole.status).toBe(400);
    expect(badRole.text).toContain('role: &quot;owner&quot; is not a role');
  });

  it('disabling a user ends their session at once, and they cannot sign in', async () => {
    const admin = await signIn(ADMIN, PASSWORD);
    const added = await post('/team/users', admin, {
      email: 'leaver@reseller.example',
      role: 'sales',
    });
    const password = oneTimePassword(added.text);
    const leaver = await signIn('leaver@reseller.example', password);
    expect((await get('/account', leaver)).status).toBe(200);
    const disabled = await post(
      `/team/users/${await idOf('leaver@reseller.example')}/disable`,
      admin,
    );
    expect(disabled.status).toBe(200);
    expect(disabled.text).toContain(
      'leaver@reseller.example was disabled: their sessions ended and they cannot sign in.',
    );
    const next = await get('/account', leaver);
    expect([next.status, next.headers.location]).toEqual([303, '/login']);
    const form = await loginForm(web.url);
    const retry = await postLogin(web.url, form, 'leaver@reseller.example', password);
    expect(retry.status).toBe(401);
    expect(retry.text).toContain('This account is disabled');
    await post(`/team/users/${await idOf('leaver@reseller.example')}/enable`, admin);
    await signIn('leaver@reseller.example', password);
    expect((await get('/team', admin)).text).toContain('disabled leaver@reseller.example');
  });

  it('an admin cannot disable the last active admin (themselves)', async () => {
    const admin = await signIn(ADMIN, PASSWORD);
    const first = (await web.server.runtime.store.users.list())[0];
    if (first) await web.server.runtime.store.users.setDisabled(first.id, true);
    const res = await post(`/team/users/${await idOf(ADMIN)}/disable`, admin);
    expect(res.status).toBe(400);
    expect(res.text).toContain('only active admin');
    if (first) await web.server.runtime.store.users.setDisabled(first.id, false);
    const unknown = await post('/team/users/99999/reset', admin);
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('user: there is no user #99999');
  });

  it('a reset password ends the user’s sessions; the new one works', async () => {
    const admin = await signIn(ADMIN, PASSWORD);
    const added = await post('/team/users', admin, {
      email: 'forgetful@reseller.example',
      role: 'sales',
    });
    const user = await signIn('forgetful@reseller.example', oneTimePassword(added.text));
    const reset = await post(
      `/team/users/${await idOf('forgetful@reseller.example')}/reset`,
      admin,
    );
    expect(reset.status).toBe(200);
    const after = await get('/account', user);
    expect([after.status, after.headers.location]).toEqual([303, '/login']);
    await signIn('forgetful@reseller.example', oneTimePassword(reset.text));
  });

  it('everyone changes their own password with the current one', async () => {
    const sales = await signIn(USER, PASSWORD);
    const wrong = await post('/account/password', sales, {
      current: 'not it at all',
      password: 'a new long password',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('current: the current password is wrong');
    const short = await post('/account/password', sales, { current: PASSWORD, password: 'short' });
    expect(short.status).toBe(400);
    expect(short.text).toContain('password: must be at least 12 characters');
    const ok = await post('/account/password', sales, {
      current: PASSWORD,
      password: 'a new long password',
    });
    expect(ok.status).toBe(200);
    expect((await get('/compose', sales)).status).toBe(303);
    await signIn(USER, 'a new long password');
    const back = await signIn(USER, 'a new long password');
    await post('/account/password', back, { current: 'a new long password', password: PASSWORD });
  });
});

describe('older data files and the CLI', () => {
  it('a file from before roles: the first user becomes admin, the others sales', async () => {
    const tmp = tempDir();
    try {
      const db = new DatabaseSync(join(tmp.dir, 'sender.sqlite'));
      db.exec(`CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE COLLATE NOCASE,
        password_hash TEXT NOT NULL, created_at TEXT NOT NULL);
        INSERT INTO users (email, password_hash, created_at) VALUES
          ('first@x.example', 'h', '2026-01-01'), ('second@x.example', 'h', '2026-01-02');`);
      db.close();
      const store = new Store(tmp.dir);
      try {
        expect((await store.users.list()).map((u) => [u.email, u.role, u.disabledAt])).toEqual([
          ['first@x.example', 'admin', null],
          ['second@x.example', 'sales', null],
        ]);
      } finally {
        await store.close();
      }
    } finally {
      tmp.cleanup();
    }
  });

  it('csp-sender users add --role admin; a bad role exits 2 naming it', async () => {
    const tmp = tempDir();
    try {
      const env = { SENDER_DATA_DIR: tmp.dir };
      const first = await runCli(
        ['users', 'add', 'one@x.example'],
        env,
        'a long enough password\n',
      );
      const second = await runCli(
        ['users', 'add', 'two@x.example', '--role', 'admin'],
        env,
        'a long enough password\n',
      );
      const third = await runCli(
        ['users', 'add', 'three@x.example'],
        env,
        'a long enough password\n',
      );
      const bad = await runCli(
        ['users', 'add', 'four@x.example', '--role', 'boss'],
        env,
        'a long enough password\n',
      );
      expect([first.code, second.code, third.code, bad.code]).toEqual([0, 0, 0, 2]);
      expect(bad.stderr).toContain('--role: "boss" is not a role');
      const store = new Store(tmp.dir);
      try {
        expect((await store.users.list()).map((u) => [u.email, u.role])).toEqual([
          ['one@x.example', 'admin'],
          ['two@x.example', 'admin'],
          ['three@x.example', 'sales'],
        ]);
        expect((await store.audit.events('team')).map((e) => e.detail)).toContain(
          'added two@x.example as admin',
        );
      } finally {
        await store.close();
      }
    } finally {
      tmp.cleanup();
    }
  });
});
