/**
 * Two sender instances on one PostgreSQL database (issue 20): what a load balancer in front
 * of them needs. A session made on one works on the other and ends on both; sign-in guesses
 * spread over both are counted together; one batch file run on both at once is sent once; a
 * batch plan shown by one is confirmed through the other, and "running" shows on both.
 * Debian's PostgreSQL, started here on 127.0.0.1 (see @csp-enablement/testkit/postgres).
 */
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from './stores.js';
import { runBatch } from '../src/batches/run.js';
import { hashPassword } from '../src/passwords.js';
import { startServer, type RunningServer } from '../src/server.js';
import { outboxDir } from '../src/config.js';
import { hidden, tempDir, testConfig } from './helpers.js';
import { raw } from './http-raw.js';
import { loginForm, PASSWORD, postLogin, QUICK_THROTTLE, session, USER } from './web-fixture.js';

let pg: Awaited<ReturnType<typeof testDatabase>>;
const dirs: ReturnType<typeof tempDir>[] = [];
const servers: RunningServer[] = [];
const table: [string, string, string][] = [];

const instance = async (): Promise<RunningServer> => {
  const dir = tempDir();
  dirs.push(dir);
  const server = await startServer(
    testConfig(dir.dir, { DATABASE_URL: pg.url }),
    { log: () => undefined, announce: () => undefined },
    { loginThrottle: QUICK_THROTTLE, sendWaitMs: 5000 },
  );
  servers.push(server);
  return server;
};

beforeAll(async () => {
  pg = await testDatabase();
}, 120_000);

afterAll(async () => {
  try {
    for (const server of servers.splice(0)) await server.close();
  } finally {
    for (const dir of dirs.splice(0)) dir.cleanup();
    await pg.stop();
    console.log(
      `two instances on one PostgreSQL:\n${table.map((r) => `  ${r[0].padEnd(34)} ${r[1].padEnd(22)} ${r[2]}`).join('\n')}`,
    );
  }
}, 60_000);

describe('two instances on one PostgreSQL database', () => {
  let a: RunningServer;
  let b: RunningServer;
  beforeAll(async () => {
    // Both start at once: one applies the migrations, the other finds nothing to do.
    [a, b] = await Promise.all([instance(), instance()]);
    await a.runtime.store.users.addUser(USER, await hashPassword(PASSWORD));
  }, 60_000);

  it('a session made on one works on the other, and a sign-out on either ends it on both', async () => {
    const who = await session(a.url);
    const onB = await raw(`${b.url}/compose`, { headers: { cookie: who.cookie } });
    expect(onB.status).toBe(200);
    expect(hidden(onB.text, '_csrf')).toBe(who.csrf);
    const out = await raw(`${b.url}/logout`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: who.cookie,
        origin: b.url,
      },
      body: new URLSearchParams({ _csrf: who.csrf }).toString(),
    });
    expect(out.status).toBe(303);
    const onA = await raw(`${a.url}/compose`, { headers: { cookie: who.cookie } });
    expect([onA.status, onA.headers.location]).toEqual([303, '/login']);
    table.push(['session', 'made on A', 'works on B; signed out on B, refused on A']);
  });

  it('sign-in guesses alternating between the two are counted together', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < QUICK_THROTTLE.freeAttempts + 1; i++) {
      const url = i % 2 === 0 ? a.url : b.url;
      const res = await postLogin(url, await loginForm(url), USER, `wrong guess ${i}`);
      statuses.push(res.status);
    }
    expect(statuses.slice(0, QUICK_THROTTLE.freeAttempts).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    table.push([
      'throttle',
      `${statuses.length} guesses A,B,A,…`,
      `${statuses.filter((s) => s === 401).length} × 401, then 429`,
    ]);
  });

  it('one batch file run on both instances at once is sent once: each recipient one email', async () => {
    const rows = 300;
    const content = `to\n${Array.from({ length: rows }, (_, i) => `r${i}@contoso.example`).join('\n')}\n`;
    const options = {
      file: 'both.csv',
      content,
      template: 'customer-authorization-request',
      country: 'GB',
      createdBy: USER,
    };
    const [onA, onB] = await Promise.all([
      runBatch(a.runtime.sender, options),
      runBatch(b.runtime.sender, options),
    ]);
    expect(onA.batch.id).toBe(onB.batch.id);
    // Each instance writes what it sends to its own outbox: together they hold every email.
    const [byA, byB] = [a, b].map((s) =>
      readdirSync(outboxDir(s.runtime.config)).filter((f) => f.endsWith('.eml')),
    );
    const emails = [...(byA ?? []), ...(byB ?? [])];
    const sends = await a.runtime.store.batches.batchSends(onA.batch.id);
    const sent = sends.filter((r) => r.state === 'sent');
    const recipients = new Set(sent.map((r) => r.to[0]));
    expect(sent).toHaveLength(rows);
    expect(recipients.size).toBe(rows);
    expect(emails).toHaveLength(rows);
    table.push([
      'batch of 300 run on A and B at once',
      `${byA?.length ?? 0} sent by A, ${byB?.length ?? 0} by B`,
      `${emails.length} emails, ${recipients.size} recipients, ${rows - recipients.size} duplicated`,
    ]);
  }, 120_000);

  it('a batch plan shown by A is confirmed through B; the batch page on B says "running" while a run on A is alive', async () => {
    const who = await session(a.url);
    const form = new FormData();
    form.set('_csrf', who.csrf);
    form.set('template', 'customer-authorization-request');
    form.set('country', 'GB');
    form.set('file', new Blob(['to\nplan1@contoso.example\nplan2@contoso.example\n']), 'plan.csv');
    const shown = await fetch(`${a.url}/batches/plan`, {
      method: 'POST',
      headers: { cookie: who.cookie, origin: a.url },
      body: form,
    });
    expect(shown.status).toBe(200);
    const plan = hidden(await shown.text(), 'plan');
    const ok = await raw(`${b.url}/batches/run`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: who.cookie,
        origin: b.url,
      },
      body: new URLSearchParams({ _csrf: who.csrf, plan }).toString(),
    });
    expect(ok.status, ok.text.slice(0, 300)).toBe(303);
    const page = String(ok.headers.location);
    const id = page.replace('/batches/', '');
    const look = async (on: RunningServer) =>
      (await raw(`${on.url}${page}`, { headers: { cookie: who.cookie } })).text;
    // B's run ends; then a run of the same batch registered on A shows on B's page.
    for (let i = 0; i < 200 && !(await look(b)).includes('Batch finished'); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(await look(b)).toContain('Batch finished');
    const onA = a.runtime.store.runs;
    const token = await onA.register(id, a.runtime.sender.owner);
    const running = await look(b);
    expect(running).toContain('<h1>Batch in progress</h1>');
    const owner = a.runtime.sender.owner;
    expect(running).toContain(`Running on ${owner.host} (process ${owner.pid}).`);
    await onA.end(id, token);
    expect(await look(b)).toContain('<h1>Batch finished</h1>');
    table.push(['batch plan', 'shown on A', 'OK on B: sent; A\'s run shows "running" on B']);
  }, 60_000);

  it('/readyz on each says the schema is current', async () => {
    for (const s of [a, b]) {
      const res = await raw(`${s.url}/readyz`);
      expect([res.status, JSON.parse(res.text)]).toEqual([200, { ready: true }]);
    }
  });
});
