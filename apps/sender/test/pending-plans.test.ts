/**
 * Pending batch plans, kept in the store: a cap per user and a total cap that never drops
 * another user's only plan; only the token's hash is stored; a restart keeps them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PendingUploads } from '../src/batches/pending.js';
import { Store } from '../src/store.js';
import { hidden, tempDir } from './helpers.js';
import { openWeb, session } from './web-fixture.js';

let tmp: ReturnType<typeof tempDir>;
let store: Store;
/** Users 1 to 5, by their ids in the store. */
let users: number[];

beforeEach(async () => {
  tmp = tempDir();
  store = new Store(tmp.dir);
  users = [];
  for (let i = 1; i <= 5; i++) users.push(await store.users.addUser(`u${i}@example.com`, 'h'));
});
afterEach(async () => {
  await store.close();
  tmp.cleanup();
});

const user = (n: number): number => users[n - 1] ?? -1;
const upload = (n: number) => ({
  userId: user(n),
  fileName: `u${n}.csv`,
  content: 'to\na@b.example\n',
  template: 'reseller-invitation',
  country: 'US',
});

describe('pending plans per user', () => {
  it('60 uploads by one user do not expire another user’s plan', async () => {
    const pending = new PendingUploads(store);
    const theirs = (await pending.add(upload(2))) ?? '';
    for (let i = 0; i < 60; i++) expect(await pending.add(upload(1))).toBeDefined();
    expect((await pending.take(theirs, user(2)))?.fileName).toBe('u2.csv');
  });

  it('a user’s next upload past their cap drops their own oldest', async () => {
    const pending = new PendingUploads(store, { perUser: 3 });
    const keys: string[] = [];
    for (let i = 0; i < 4; i++) keys.push((await pending.add(upload(1))) ?? '');
    expect(await pending.take(keys[0] ?? '', user(1))).toBeUndefined();
    for (const key of keys.slice(1)) expect(await pending.take(key, user(1))).toBeDefined();
  });

  it('when full: the oldest plan of the user with the most goes, never another user’s only plan', async () => {
    const pending = new PendingUploads(store, { max: 4, perUser: 3 });
    const one = (await pending.add(upload(1))) ?? '';
    const a = (await pending.add(upload(2))) ?? '';
    const b = (await pending.add(upload(2))) ?? '';
    const three = (await pending.add(upload(3))) ?? '';
    // Full (4): user 4's upload pushes out user 2's oldest.
    const four = (await pending.add(upload(4))) ?? '';
    expect(await pending.take(a, user(2))).toBeUndefined();
    // Full again, every plan its user's only one: user 5 is refused, nobody's plan is dropped...
    expect(await pending.add(upload(5))).toBeUndefined();
    // ... but user 1 may replace their own only plan.
    const again = (await pending.add(upload(1))) ?? '';
    expect(await pending.take(one, user(1))).toBeUndefined();
    for (const [key, n] of [
      [b, 2],
      [three, 3],
      [four, 4],
      [again, 1],
    ] as const)
      expect(await pending.take(key, user(n)), `user ${n}`).toBeDefined();
  });

  it('a plan is used once, only by its user, and not after its hour', async () => {
    let now = Date.parse('2026-12-07T10:00:00Z');
    const clocked = new Store(tmp.dir, () => now);
    try {
      const pending = new PendingUploads(clocked);
      const token = (await pending.add(upload(1))) ?? '';
      expect(await pending.take(token, user(2))).toBeUndefined();
      expect((await pending.take(token, user(1)))?.country).toBe('US');
      expect(await pending.take(token, user(1))).toBeUndefined();
      const late = (await pending.add(upload(1))) ?? '';
      now += 3600_000;
      expect(await pending.take(late, user(1))).toBeUndefined();
    } finally {
      await clocked.close();
    }
  });

  it('only the token’s SHA-256 is stored; the bytes and the chosen columns come back as given', async () => {
    const pending = new PendingUploads(store);
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x74, 0x6f, 0x0a, 0xff]);
    const token =
      (await pending.add({ ...upload(1), content: bytes, columns: { to: 'E-Mail', cc: '' } })) ??
      '';
    const stored = await store.db.all('SELECT token_hash FROM pending_uploads');
    expect(stored).toHaveLength(1);
    expect(stored[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]?.token_hash).not.toContain(token);
    const back = await pending.take(token, user(1));
    expect(back?.content).toEqual(bytes);
    expect(back?.columns).toEqual({ to: 'E-Mail', cc: '' });
  });

  it('a removed user takes their plans along', async () => {
    const pending = new PendingUploads(store);
    await pending.add(upload(3));
    await store.db.run('DELETE FROM users WHERE id = ?', user(3));
    expect(await store.db.get('SELECT COUNT(*) AS n FROM pending_uploads')).toEqual({ n: 0 });
  });

  it('a plan survives a restart on SQLite', async () => {
    const token = (await new PendingUploads(store).add(upload(1))) ?? '';
    await store.close();
    store = new Store(tmp.dir);
    expect((await new PendingUploads(store).take(token, user(1)))?.fileName).toBe('u1.csv');
  });
});

describe('pending plans through the web', () => {
  it('a plan shown before a restart is confirmed after it', async () => {
    const web = await openWeb();
    try {
      const me = await session(web.url);
      const form = new FormData();
      form.set('_csrf', me.csrf);
      form.set('template', 'customer-authorization-request');
      form.set('country', 'GB');
      form.set('file', new Blob(['to\nga1@customer.example\nga2@customer.example\n']), 'r.csv');
      const plan = await fetch(`${web.url}/batches/plan`, {
        method: 'POST',
        headers: { cookie: me.cookie, origin: web.url },
        body: form,
      });
      const token = hidden(await plan.text(), 'plan');
      await web.restart();
      // fetch, not the keep-alive agent of `raw`: its sockets went with the old server.
      const run = await fetch(`${web.url}/batches/run`, {
        method: 'POST',
        headers: { cookie: me.cookie, origin: web.url },
        body: new URLSearchParams({ _csrf: me.csrf, plan: token }),
        redirect: 'manual',
      });
      expect(run.status).toBe(303);
      expect(run.headers.get('location')).toMatch(/^\/batches\/[0-9a-f]{32}-1$/);
    } finally {
      await web.close();
    }
  });
});
