/**
 * What each capability's store promises, on SQLite and on PostgreSQL alike (issue 20): users,
 * sessions and their epoch, the send claim and its lease, batches, the audit log, preferences
 * and invitations. "Another process" is a second Store on the same file or database.
 */
import { expect, it } from 'vitest';
import { Invitations } from '../src/accounts/invitations.js';
import { Prefs } from '../src/prefs/store.js';
import type { NewSend, Store } from '../src/store.js';
import { isUniqueViolation } from '../src/store/errors.js';
import { describeStores } from './stores.js';

const send = (n: number): NewSend => ({
  requestKey: `req-${n}`,
  idempotencyKey: `key-${n}`,
  templateId: 'customer-authorization-request',
  country: 'GB',
  to: [`r${n}@contoso.example`],
  cc: [],
  subject: 's',
  fingerprint: 'f',
  templateVersion: '0.2.0',
  transport: 'resend',
  endpoint: null,
  createdBy: 'a@reseller.example',
});
const RUN_A = { pid: 101, host: 'a.invalid', token: 'run-a' };
const RUN_B = { pid: 202, host: 'b.invalid', token: 'run-b' };

/** The error a promise rejects with (or a failed test if it resolves). */
async function refusal(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
}

describeStores('capability stores', (s) => {
  const epoch = (store: Store = s.store) => store.sessions.sessionEpoch();

  it('users: found in any case; the same email in another case is refused as a UNIQUE violation', async () => {
    const id = await s.store.users.addUser('Ann@Reseller.example', 'hash');
    expect((await s.store.users.findUser('ann@reseller.EXAMPLE'))?.id).toBe(id);
    // The first user is the admin, later ones sales.
    expect((await s.store.users.userById(id))?.role).toBe('admin');
    const error = await refusal(s.store.users.addUser('ANN@reseller.example', 'other'));
    expect(isUniqueViolation(error, 'users')).toBe(true);
    expect(isUniqueViolation(error, 'batches')).toBe(false);
    const bob = await s.store.users.addUser('bob@reseller.example', 'hash');
    expect((await s.store.users.userById(bob))?.role).toBe('sales');
    expect(await s.store.users.countUsers()).toBe(2);
    // A password set by an address in another case reaches the same user.
    expect(await s.store.users.setPassword('BOB@RESELLER.EXAMPLE', 'new')).toBe(true);
    expect((await s.store.users.userById(bob))?.passwordHash).toBe('new');
  });

  it('sessions: the epoch moves on sign-out, disable and a password change, seen by another process', async () => {
    const other = await s.reopen();
    const user = await s.store.users.addUser('ann@reseller.example', 'hash');
    const far = Date.now() + 3600_000;
    await s.store.sessions.createSession('t1', user, 'csrf-1', far);
    const start = await epoch();
    expect((await other.sessions.findSession('t1'))?.email).toBe('ann@reseller.example');
    // Sign-out (in the other process): one bump, seen here.
    await other.sessions.deleteSession('t1');
    expect(await epoch()).toBe(start + 1);
    expect(await s.store.sessions.findSession('t1')).toBeUndefined();
    // Deleting nothing bumps nothing.
    await other.sessions.deleteSession('t1');
    expect(await epoch(other)).toBe(start + 1);
    // Disable: the user's row and session both change.
    await s.store.sessions.createSession('t2', user, 'csrf-2', far);
    const beforeDisable = await epoch();
    expect(await s.store.users.setDisabled(user, true)).toBe(true);
    expect(await epoch(other)).toBeGreaterThan(beforeDisable);
    expect(await other.sessions.findSession('t2')).toBeUndefined();
    await s.store.users.setDisabled(user, false);
    // A password change ends the session too.
    await s.store.sessions.createSession('t3', user, 'csrf-3', far);
    const beforePassword = await epoch();
    await other.users.setPassword('ann@reseller.example', 'changed');
    expect(await epoch()).toBeGreaterThan(beforePassword);
    expect(await s.store.sessions.findSession('t3')).toBeUndefined();
  });

  it('sessions: an expired one is not found, and the clean-up removes it', async () => {
    const user = await s.store.users.addUser('ann@reseller.example', 'hash');
    await s.store.sessions.createSession('old', user, 'c', Date.now() - 1);
    await s.store.sessions.createSession('new', user, 'c', Date.now() + 3600_000);
    expect(await s.store.sessions.findSession('old')).toBeUndefined();
    const before = await epoch();
    await s.store.sessions.deleteExpiredSessions();
    expect(await epoch()).toBe(before + 1);
    expect((await s.store.sessions.findSession('new'))?.tokenHash).toBe('new');
  });

  it('claims: a row held by one run is not claimed by another; its own run may renew it', async () => {
    const other = await s.reopen();
    const row = await s.store.sends.insertSend(send(1));
    const [mine] = await s.store.sends.claim([row.id], 60_000, RUN_A);
    expect(mine).toMatchObject({ state: 'sending', attempts: 1, uncertainAt: null });
    expect(mine?.lease).toMatchObject({ ...RUN_A });
    expect(await other.sends.claim([row.id], 60_000, RUN_B)).toEqual([]);
    // Another run's heartbeat does not touch it; its own run's does.
    expect(await other.sends.renewLeases(RUN_B, 60_000)).toBe(0);
    expect(await s.store.sends.renewLeases(RUN_A, 120_000)).toBe(1);
    expect((await other.sends.getSend(row.id))?.lease?.token).toBe('run-a');
  });

  it('claims: an expired lease is taken over by another process and the row marked uncertain', async () => {
    const row = await s.store.sends.insertSend(send(1));
    await s.store.sends.claim([row.id], -1, RUN_A);
    const other = await s.reopen();
    const [taken] = await other.sends.claim([row.id], 60_000, RUN_B);
    expect(taken).toMatchObject({ state: 'sending', attempts: 2, idempotencyKey: 'key-1' });
    expect(taken?.lease?.token).toBe('run-b');
    // The dead run's request may have reached the provider.
    expect(taken?.uncertainAt).not.toBeNull();
    // A takeover the caller allows (the holder's process is gone) also takes a live lease.
    const live = await s.store.sends.insertSend(send(2));
    await s.store.sends.claim([live.id], 60_000, RUN_A);
    const [over] = await other.sends.claim([live.id], 60_000, RUN_B, (l) => l.token === 'run-a');
    expect(over?.lease?.token).toBe('run-b');
  });

  // SQLite waits for its file lock synchronously (busy_timeout), which would block the one
  // thread both Stores share here; PostgreSQL's writers are independent connections.
  if (s.kind === 'postgres')
    it('claims: two processes claiming the same rows at once share them out', async () => {
      const other = await s.reopen();
      const ids: number[] = [];
      for (let n = 0; n < 20; n++) ids.push((await s.store.sends.insertSend(send(n))).id);
      const [a, b] = await Promise.all([
        s.store.sends.claim(ids, 60_000, RUN_A),
        other.sends.claim([...ids].reverse(), 60_000, RUN_B),
      ]);
      const claimed = [...a, ...b].map((r) => r.id).sort((x, y) => x - y);
      expect(claimed).toEqual(ids);
    });

  it('batches: content_hash + generation is unique; the latest generation is found', async () => {
    const batch = {
      id: 'b1',
      contentHash: 'h',
      generation: 1,
      fileName: 'list.csv',
      templateId: 'reseller-invitation',
      country: 'DE',
      rows: 3,
      createdBy: 'a@reseller.example',
    };
    await s.store.batches.insertBatch(batch);
    const other = await s.reopen();
    const error = await refusal(other.batches.insertBatch({ ...batch, id: 'b2' }));
    expect(isUniqueViolation(error, 'batches')).toBe(true);
    // The store goes on after the refusal (on PostgreSQL the failed statement's transaction ended).
    await other.batches.insertBatch({ ...batch, id: 'b2', generation: 2 });
    expect((await s.store.batches.latestBatch('h'))?.id).toBe('b2');
    expect((await s.store.batches.recentBatches()).map((b) => b.id)).toEqual(['b2', 'b1']);
  });

  it('audit: events come back in the order written, by kind too, whatever their times', async () => {
    let clock = Date.parse('2026-12-07T10:00:00Z');
    const timed = await s.reopen(() => clock);
    await timed.audit.logEvent('ann', 'sign-in', 'first');
    clock -= 60_000; // a clock set back: the order is still the order written
    await timed.audit.logEvent('bob', 'send', 'second');
    await s.store.audit.logEvent('cy', 'sign-in', 'third');
    expect((await s.store.audit.events()).map((e) => e.detail)).toEqual([
      'first',
      'second',
      'third',
    ]);
    expect((await timed.audit.events('sign-in')).map((e) => e.actor)).toEqual(['ann', 'cy']);
    expect(await timed.audit.lastEventAt('send', 'second')).toBe(clock);
    expect(await timed.audit.lastEventAt('send', 'never')).toBeUndefined();
  });

  it('prefs: the last registry country per user; anything else is ignored', async () => {
    const ann = await s.store.users.addUser('ann@reseller.example', 'hash');
    const bob = await s.store.users.addUser('bob@reseller.example', 'hash');
    const prefs = new Prefs(s.store);
    expect(await prefs.lastCountry(ann)).toBeUndefined();
    await prefs.setLastCountry(ann, 'GB');
    await prefs.setLastCountry(ann, 'DE');
    await prefs.setLastCountry(ann, 'ZZ');
    await prefs.setLastCountry(bob, 'FR');
    const other = new Prefs(await s.reopen());
    expect(await other.lastCountry(ann)).toBe('DE');
    expect(await other.lastCountry(bob)).toBe('FR');
  });

  it('invitations: used once, voided by a newer one, expired after 24 h', async () => {
    let clock = Date.now();
    const store = await s.reopen(() => clock);
    const id = await store.users.addUser('new@reseller.example', 'hash', 'sales');
    const user = await store.users.userById(id);
    if (user === undefined) throw new Error('no user');
    const invitations = new Invitations(store);
    const first = await invitations.issue('boss', user);
    const second = await invitations.issue('boss', user);
    expect(await invitations.check(first)).toEqual({ ok: false, why: 'voided' });
    expect(await invitations.check(second)).toMatchObject({ ok: true, user: { id } });
    // Used from another process: once.
    const elsewhere = new Invitations(await s.reopen(() => clock));
    expect(await elsewhere.use(second, 'a long enough new password')).toMatchObject({ ok: true });
    expect(await invitations.use(second, 'another long password')).toEqual({
      ok: false,
      why: 'used',
    });
    expect((await store.users.userById(id))?.passwordHash).not.toBe('hash');
    const third = await invitations.issue('boss', user);
    clock += 24 * 3600_000 + 1;
    expect(await invitations.check(third)).toEqual({ ok: false, why: 'expired' });
    expect((await store.audit.events()).filter((e) => e.actor === 'boss')).toHaveLength(3);
  });
});
