/**
 * Issue 20's takeover, with real processes: two `csp-sender serve` on one PostgreSQL database
 * (two ports, two data folders) and a local Resend. A web batch of 300 rows is started on A
 * through HTTP (upload + OK); B's batch page says it runs on A; A's process group is
 * SIGKILLed mid-run; B's sweep finishes the batch. Counted on the provider's side: every
 * recipient exactly once, every key processed once. Budgets per step, none on the whole.
 */
import { rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { startPostgres, type RunningPostgres } from '@csp-enablement/testkit/postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/passwords.js';
import { Store } from '../src/store.js';
import { PostgresDb } from '../src/store/postgres-db.js';
import { FakeResend, STEP1_FROM } from '../test/fake-resend.js';
import { hidden, tempDir } from '../test/helpers.js';
import { groupAlive, groupsStillRunning, serveCli, type ServingCli } from '../test/spawn-cli.js';
import { PASSWORD, session, USER } from '../test/web-fixture.js';

const ROWS = 300;
let pg: RunningPostgres | undefined;
let fake: FakeResend | undefined;
const serving: ServingCli[] = [];
const dirs: ReturnType<typeof tempDir>[] = [];

afterAll(async () => {
  try {
    for (const s of serving) await s.stop();
    expect(groupsStillRunning()).toEqual([]);
  } finally {
    await fake?.stop();
    await pg?.stop();
    for (const d of dirs) rmSync(d.dir, { recursive: true, force: true });
  }
}, 60_000);

/** Waits for `check` to give a value, looking every 100 ms, at most `limitMs` for this step. */
async function until<T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
  limitMs: number,
): Promise<T> {
  const end = Date.now() + limitMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out (${limitMs} ms) waiting for ${what}`);
    await sleep(100);
  }
}

/** Proxy and CA settings of the test's environment go to the children too. */
const carried = Object.fromEntries(
  Object.entries(process.env).filter(
    (e): e is [string, string] =>
      /^(NODE_EXTRA_CA_CERTS|(https?|no)_proxy)$/i.test(e[0]) && e[1] !== undefined,
  ),
);

const recipientsOf = (email: Record<string, unknown>): string[] => {
  const to = email.to;
  return (Array.isArray(to) ? to : [to]).map(String);
};

describe('a dead instance’s web batch is finished by a live one', () => {
  it('A is SIGKILLed mid-batch; B takes it over: 300 recipients, each exactly once', async () => {
    pg = await startPostgres();
    fake = new FakeResend();
    await fake.start();
    const env = () => {
      const dir = tempDir();
      dirs.push(dir);
      return {
        ...carried,
        SENDER_DATA_DIR: dir.dir,
        DATABASE_URL: pg?.url ?? '',
        PORT: '0',
        RESEND_API_KEY: fake?.apiKey ?? '',
        RESEND_BASE_URL: fake?.url ?? '',
        SENDER_STEP1_FROM: STEP1_FROM,
        // Every registry link is still a placeholder: the loopback test switch lets them out here.
        SENDER_ALLOW_PLACEHOLDERS: '1',
        SENDER_RETRY_BASE_MS: '5',
        SENDER_RETRY_MAX_MS: '50',
      };
    };
    const [envA, envB] = [env(), env()];
    const a = await serveCli(envA);
    serving.push(a);
    // A has migrated the database: the test's user goes in beside it (no password change asked).
    const db = new PostgresDb(pg.url);
    try {
      await new Store(db).users.addUser(USER, await hashPassword(PASSWORD));
    } finally {
      await db.close();
    }
    const b = await serveCli(envB);
    serving.push(b);
    const who = await session(a.url);

    // Upload and OK on A; each email POST then takes 1.5 s, so A is mid-run for a while.
    const form = new FormData();
    form.set('_csrf', who.csrf);
    form.set('template', 'customer-authorization-request');
    form.set('country', 'GB');
    const rows = Array.from({ length: ROWS }, (_, i) => `t${i}@contoso.example`);
    form.set('file', new Blob([`to\n${rows.join('\n')}\n`]), 'takeover.csv');
    const plan = await fetch(`${a.url}/batches/plan`, {
      method: 'POST',
      headers: { cookie: who.cookie, origin: a.url },
      body: form,
    });
    expect(plan.status).toBe(200);
    fake.answerDelayMs = 1500;
    const ok = await fetch(`${a.url}/batches/run`, {
      method: 'POST',
      headers: { cookie: who.cookie, origin: a.url },
      body: new URLSearchParams({ _csrf: who.csrf, plan: hidden(await plan.text(), 'plan') }),
      redirect: 'manual',
    });
    expect(ok.status).toBe(303);
    const page = ok.headers.get('location') ?? '';
    expect(page).toMatch(/^\/batches\/[0-9a-f]{32}-1$/);
    const look = async (on: ServingCli) =>
      (await fetch(`${on.url}${page}`, { headers: { cookie: who.cookie } })).text();

    // B's page says the batch runs, and where: on A's process.
    const onB = await look(b);
    expect(onB).toContain('<h1>Batch in progress</h1>');
    expect(onB).toContain(`Running on ${hostname()} (process ${a.pgid}).`);

    // The first chunk is in; A dies with the rest unsent (a chunk may be in flight).
    const delivered = () => fake?.delivered.length ?? 0;
    await until('A to send its first chunk', () => (delivered() >= 100 ? true : undefined), 60_000);
    process.kill(-a.pgid, 'SIGKILL');
    await until('A to be gone', () => (groupAlive(a.pgid) ? undefined : true), 10_000);
    const atKill = delivered();
    expect(atKill).toBeLessThan(ROWS);

    // B's sweep: after A's heartbeat and leases run out (30 s), within a couple of sweeps.
    const done = await until(
      'B to finish the batch',
      async () => {
        const html = await look(b);
        return html.includes('Batch finished') ? html : undefined;
      },
      180_000,
    );
    expect(done).toContain(`All ${ROWS} emails were sent.`);
    expect(b.output()).toContain(`taking over batch ${page.replace('/batches/', '')}`);

    // The provider's side: every recipient once; no key processed twice (a replay is not).
    const counts = new Map<string, number>();
    for (const d of fake.delivered)
      for (const to of recipientsOf(d.email)) counts.set(to, (counts.get(to) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([...rows].sort());
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
    expect([...fake.processedKeys.values()].filter((n) => n !== 1)).toEqual([]);
    expect(fake.specViolations).toEqual([]);
    const posts = fake.requests.filter((r) => r.method === 'POST' && r.path === '/emails/batch');
    console.log(
      [
        `takeover: ${atKill} of ${ROWS} delivered when A was killed (a chunk may have been in flight)`,
        `provider: ${posts.length} batch POSTs under ${fake.processedKeys.size} keys, ${fake.delivered.length} emails for ${counts.size} recipients`,
        ...b
          .output()
          .split('\n')
          .filter((l) => /taking over|took over/.test(l)),
      ].join('\n'),
    );
  }, 400_000);
});
