/** Batches through the web over real HTTP: the plan queues nothing, OK runs the CLI's core, a re-upload resumes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/passwords.js';
import { hidden } from './helpers.js';
import { cookiesFrom, raw } from './http-raw.js';
import {
  loginForm,
  openWeb,
  PASSWORD,
  postLogin,
  session,
  type WebFixture,
} from './web-fixture.js';

let web: WebFixture;
let me: { cookie: string; csrf: string };

const csv = (rows: number, from = 1): string =>
  `to,cc\n${Array.from({ length: rows }, (_, i) => `ga${i + from}@customer.example,`).join('\n')}\n`;

function upload(
  who: { cookie: string; csrf: string },
  content: string,
  name = 'customers.csv',
): Promise<Response> {
  const form = new FormData();
  form.set('_csrf', who.csrf);
  form.set('template', 'customer-authorization-request');
  form.set('country', 'GB');
  form.set('file', new Blob([content]), name);
  return fetch(`${web.url}/batches/plan`, {
    method: 'POST',
    headers: { cookie: who.cookie, origin: web.url },
    body: form,
    redirect: 'manual',
  });
}

const run = (who: { cookie: string; csrf: string }, plan: string) =>
  raw(`${web.url}/batches/run`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: who.cookie,
      origin: web.url,
    },
    body: new URLSearchParams({ _csrf: who.csrf, plan }).toString(),
  });

/** Reloads the batch page (as the meta refresh does) until it says finished; bounded. */
async function finished(path: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const page = await raw(`${web.url}${path}`, { headers: { cookie: me.cookie } });
    if (page.text.includes('Batch finished')) return page.text;
    expect(page.text).toContain('<meta http-equiv="refresh" content="2"/>');
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${path} did not finish`);
}

beforeAll(async () => {
  web = await openWeb();
  me = await session(web.url);
});
afterAll(async () => {
  await web.close();
});

describe('web batches', () => {
  it('the plan queues nothing; OK sends every row; the same file again sends none twice', async () => {
    const plan = await upload(me, csv(120));
    const html = await plan.text();
    expect(plan.status).toBe(200);
    expect(html).toContain('<dd id="plan-rows">120</dd>');
    expect(await web.server.runtime.store.sends.history()).toEqual([]);
    const started = await run(me, hidden(html, 'plan'));
    expect(started.status).toBe(303);
    const path = String(started.headers.location ?? '');
    expect(path).toMatch(/^\/batches\/[0-9a-f]{32}-1$/);
    const result = await finished(path);
    expect(result).toContain('All 120 emails were sent.');
    expect(result).not.toContain('http-equiv="refresh"');
    expect(
      (await web.server.runtime.store.sends.history(500)).filter((r) => r.state === 'sent'),
    ).toHaveLength(120);

    // A plan is used once.
    const replay = await run(me, hidden(html, 'plan'));
    expect(replay.status).toBe(400);
    expect(replay.text).toContain('plan: this plan is unknown or expired');
    // The result links to exactly this batch's rows in history.
    const batchId = path.slice('/batches/'.length);
    expect(result).toContain(`href="/history?batch=${batchId}"`);
    const inHistory = await raw(`${web.url}/history?batch=${batchId}`, {
      headers: { cookie: me.cookie },
    });
    expect(inHistory.text).toContain('<strong>120</strong> sends match these filters.');

    // The same file again, finished: the plan says so and offers no OK; nothing is queued.
    const again = await upload(me, csv(120));
    const againHtml = await again.text();
    expect(againHtml).toMatch(/id="plan-finished"[^>]*>This file was sent in full already/);
    expect(againHtml).toContain('all 120 emails went out');
    expect(againHtml).not.toContain('name="plan"');
    expect(againHtml).not.toMatch(/<button type="submit">OK<\/button>/);
    expect(againHtml).not.toContain('id="plan-resume"');
    expect(await web.server.runtime.store.sends.history(500)).toHaveLength(120);
  });

  it('another user cannot run my plan', async () => {
    const plan = await (await upload(me, csv(3, 500))).text();
    await web.server.runtime.store.users.addUser(
      'other@reseller.example',
      await hashPassword(PASSWORD),
    );
    const form = await loginForm(web.url);
    const res = await postLogin(web.url, form, 'other@reseller.example', PASSWORD);
    const cookie = cookiesFrom(res.headers);
    const page = await raw(`${web.url}/compose`, { headers: { cookie } });
    const other = { cookie, csrf: hidden(page.text, '_csrf') };
    const refused = await run(other, hidden(plan, 'plan'));
    expect(refused.status).toBe(400);
    expect(
      (await web.server.runtime.store.sends.history(500)).some(
        (r) => r.to[0] === 'ga500@customer.example',
      ),
    ).toBe(false);
  });

  it('a file on any other form is refused', async () => {
    const form = new FormData();
    form.set('_csrf', me.csrf);
    form.set('to', new Blob(['x']), 'x.csv');
    const res = await fetch(`${web.url}/preview`, {
      method: 'POST',
      headers: { cookie: me.cookie, origin: web.url },
      body: form,
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('to: files are not accepted');
  });

  // Last: the server cuts the oversized upload off mid-body, which also ends that connection.
  it('uploads over 16 MB are refused saying the limit; other forms keep 64 KB', async () => {
    const big = await upload(me, `to\n${'a'.repeat(16 * 1024 * 1024 + 32 * 1024)}\n`);
    expect(big.status).toBe(413);
    expect(await big.text()).toContain('larger than 16 MB');
    // Under the byte limit but over the 100,000 rows: refused naming that limit, while reading.
    const justUnder = await upload(me, `to,cc\n${'x@customer.example,\n'.repeat(120_000)}`);
    expect(justUnder.status).toBe(400);
    expect(await justUnder.text()).toContain('at most 100,000 per file');
    const form = await raw(`${web.url}/preview`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: me.cookie,
        origin: web.url,
      },
      body: new URLSearchParams({ _csrf: me.csrf, to: 'a'.repeat(100 * 1024) }).toString(),
    });
    expect(form.status).toBe(413);
    expect(await web.server.runtime.store.sends.history(500)).toHaveLength(120);
  });
});
