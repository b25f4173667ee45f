/**
 * History people can read (issue 18, part 6): rows in words, one state list, date errors at
 * their field, a count and a state picture; and the country list a user gets back (part 7).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryStore } from '../src/delivery/store.js';
import { ago } from '../src/history/views.js';
import { percents } from '../src/history/state.js';
import { countriesFor, userLocale } from '../src/prefs/countries.js';
import type { Store } from '../src/store.js';
import { raw } from './http-raw.js';
import { openWeb, session, type WebFixture } from './web-fixture.js';

let web: WebFixture;
let me: { cookie: string; csrf: string };
const ids: Record<string, number> = {};

/** One send in a given state, `minutesAgo` before the store's clock. */
function add(store: Store, name: string, state: string, minutesAgo: number, extra = ''): void {
  const at = new Date(store.now() - minutesAgo * 60_000).toISOString();
  const result = store.sqlite.file
    .prepare(
      `INSERT INTO sends (request_key, idempotency_key, template_id, country, recipients_to,
       recipients_cc, subject, fingerprint, template_version, transport, state, message_id,
       created_by, created_at, updated_at) VALUES (?, ?, 'customer-authorization-request', 'DE',
       ?, '[]', 'Bitte autorisieren Sie uns', 'fp0123456789abcdef', '0.2.0', 'resend', ?, ?,
       'sales@reseller.example', ?, ?)`,
    )
    .run(
      `r-${name}`,
      `k-${name}`,
      JSON.stringify([`${name}@kunde.example`]),
      state,
      state === 'sent' ? `msg-${name}` : null,
      at,
      at,
    );
  ids[name] = Number(result.lastInsertRowid);
  if (extra !== '') store.sqlite.file.prepare(extra).run(ids[name] ?? 0);
}

beforeAll(async () => {
  web = await openWeb();
  me = await session(web.url);
  const store = web.server.runtime.store;
  new DeliveryStore(store);
  add(store, 'quiet', 'sent', 2);
  add(store, 'lost', 'failed', 3, 'UPDATE sends SET uncertain_at = 1 WHERE id = ?');
  add(store, 'broken', 'failed', 4, "UPDATE sends SET last_error = 'HTTP 422' WHERE id = ?");
  add(store, 'refused', 'sent', 5);
  add(store, 'arrived', 'sent', 90);
  const report = store.sqlite.file.prepare(
    "INSERT INTO delivery_states (email_id, state, occurred_at, source, updated_at) VALUES (?, ?, '2026-01-01T00:00:00Z', 'webhook', '2026-01-01T00:00:00Z')",
  );
  report.run('msg-refused', 'failed');
  report.run('msg-arrived', 'delivered');
});
afterAll(async () => {
  await web.close();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  raw(`${web.url}${path}`, { headers: { cookie: me.cookie, ...headers } });
const shown = (html: string): number[] =>
  [...html.matchAll(/<a class="row-link" href="\/sends\/(\d+)">/g)].map((m) => Number(m[1]));

describe('history people can read', () => {
  it('a row is recipient, subject and template name, country, state in words, and "N min ago"', async () => {
    const html = (await get('/history')).text;
    const row = html.split('<tr>').find((r) => r.includes('quiet@kunde.example')) ?? '';
    expect(row).toContain(
      `<a class="row-link" href="/sends/${ids.quiet ?? 0}">quiet@kunde.example</a>`,
    );
    expect(row).toContain('Bitte autorisieren Sie uns');
    expect(row).toContain('Step 2: Customer authorization request');
    expect(row).not.toContain('customer-authorization-request');
    expect(row).toContain('>Germany<');
    expect(row).toMatch(/class="state tone-info"[^>]*>Sent</);
    expect(row).toMatch(
      /<time datetime="[^"]+Z" title="\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC">2 min ago<\/time>/,
    );
    expect(row).not.toContain('msg-quiet');
    const arrived = html.split('<tr>').find((r) => r.includes('arrived@')) ?? '';
    expect(arrived).toMatch(/tone-ok"[^>]*>Delivered</);
    expect(arrived).toContain('>1 h ago<');
    const lost = html.split('<tr>').find((r) => r.includes('lost@')) ?? '';
    expect(lost).toMatch(/tone-warn"[^>]*>Uncertain</);
  });

  it('the count and the state picture cover the whole filter; the bar is hidden from screen readers, the counts are text', async () => {
    const html = (await get('/history')).text;
    expect(html).toContain('<strong>5</strong> sends.');
    expect(html).toMatch(/<div class="bar" aria-hidden="true">/);
    for (const [bucket, n] of [
      ['sent', 1],
      ['delivered', 1],
      ['bounced', 0],
      ['failed', 2],
      ['uncertain', 1],
    ] as const)
      expect(html, bucket).toContain(`${bucket} <strong data-bucket="${bucket}">${n}</strong>`);
    // Widths are classes (the CSP allows no style attributes): 1 of 5 is 20 %.
    expect(html).toContain('class="seg seg-sent w20"');
    expect(html).not.toContain('style=');
  });

  it('the state list names each state once, in words, with uncertain; failed and uncertain filter apart', async () => {
    const html = (await get('/history')).text;
    const select = /<select id="f-state"[\s\S]*?<\/select>/.exec(html)?.[0] ?? '';
    const labels = [...select.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map(
      (m) => m[2] ?? '',
    );
    expect(labels).toEqual([
      'any',
      'Queued',
      'Sending',
      'Sent, no news yet',
      'Delayed',
      'Delivered',
      'Bounced',
      'Failed',
      'Uncertain',
      'Suppressed',
      'Marked as spam',
    ]);
    expect(select).not.toContain('>delivery_delayed<');
    expect(shown((await get('/history?state=uncertain')).text)).toEqual([ids.lost]);
    // Failed: ours (not the uncertain one) and the provider's.
    expect(shown((await get('/history?state=failed')).text)).toEqual([ids.refused, ids.broken]);
  });

  it('"Sent until" before "Sent from" is an error at that field, the form kept as typed', async () => {
    const res = await get('/history?from=2026-03-10&to=2026-03-01');
    expect(res.status).toBe(400);
    expect(res.text).toContain('<label for="f-from">Sent from</label>');
    expect(res.text).toContain('<label for="f-to">Sent until</label>');
    expect(res.text).toMatch(
      /<input id="f-to" name="to" type="date" value="2026-03-01" aria-invalid="true" aria-describedby="f-to-error" autofocus=""\/>\s*<p class="error field-error" id="f-to-error" role="alert">Sent until \(2026-03-01\) is before Sent from \(2026-03-10\)/,
    );
    expect(res.text).toContain('value="2026-03-10"');
    // The same dates the right way round are a normal (empty) result.
    const ok = await get('/history?from=2026-03-01&to=2026-03-10');
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('No sends match these filters.');
  });

  it('the send’s page names the template and gives the time readable, exact in datetime', async () => {
    const html = (await get(`/sends/${ids.quiet ?? 0}`)).text;
    expect(html).toContain('Step 2: Customer authorization request · DE · version 0.2.0');
    const at = /<dt>Queued at<\/dt><dd><time datetime="([^"]+)">([^<]+)<\/time>/.exec(html);
    expect(at?.[1]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(at?.[2]).toBe(`${(at?.[1] ?? '').replace('T', ' ').slice(0, 19)} UTC`);
  });

  it('a batch filter takes batch ids only', async () => {
    const res = await get('/history?batch=..%2Fx');
    expect(res.status).toBe(400);
    expect(res.text).toContain('batch: &quot;../x&quot; is not a batch id');
  });
});

describe('pieces', () => {
  it('"ago" in words', () => {
    const now = Date.parse('2026-12-07T12:00:00Z');
    expect(
      [
        '2026-12-07T11:59:40Z',
        '2026-12-07T11:58:00Z',
        '2026-12-07T09:00:00Z',
        '2026-12-06T11:00:00Z',
        '2026-12-03T12:00:00Z',
        '2026-10-01T08:00:00Z',
      ].map((iso) => ago(iso, now)),
    ).toEqual(['just now', '2 min ago', '3 h ago', '1 day ago', '4 days ago', '1 Oct 2026']);
  });

  it('bar widths are whole percents adding up to 100, every non-zero count visible', () => {
    expect(percents([1, 1, 1])).toEqual([34, 33, 33]);
    expect(percents([0, 5, 0])).toEqual([0, 100, 0]);
    expect(percents([0, 0])).toEqual([0, 0]);
    const tiny = percents([10_000, 1, 1, 1]);
    expect(tiny.reduce((a, b) => a + b, 0)).toBe(100);
    expect(tiny.slice(1)).toEqual([1, 1, 1]);
  });

  it('countries sort by name in the user’s language (Accept-Language), English otherwise', () => {
    expect(userLocale('sv-SE,sv;q=0.9,en;q=0.5')).toBe('sv-SE');
    expect(userLocale('en;q=0.2, de;q=0.8')).toBe('de');
    expect(userLocale('*, not a tag!!')).toBe('en');
    expect(userLocale(undefined)).toBe('en');
    const names = countriesFor('de-DE').map((c) => c.name);
    expect(names).toEqual([...names].sort(new Intl.Collator('de-DE').compare));
    expect(names[0]).toBe('Australia');
  });
});

describe('the last country is remembered per user', () => {
  it('compose and the batch form start from the country chosen last', async () => {
    const compose = (await get('/compose', { 'accept-language': 'de' })).text;
    expect(compose).toContain('<option value="US" selected="">');
    // Sorted by name: Australia before Canada before United States.
    const order = [...compose.matchAll(/<option value="([A-Z]{2})"/g)].map((m) => m[1]);
    expect(order.indexOf('AU')).toBeLessThan(order.indexOf('CA'));
    expect(order.indexOf('CA')).toBeLessThan(order.indexOf('US'));
    const post = (path: string) =>
      raw(`${web.url}${path}`, {
        method: 'POST',
        headers: {
          cookie: me.cookie,
          origin: web.url,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({
          _csrf: me.csrf,
          template: 'customer-authorization-request',
          country: 'DE',
          to: 'ga@contoso.example',
          cc: '',
        }).toString(),
      });
    // A preview alone is no choice yet (and writes nothing on the preview's hot path).
    expect((await post('/preview')).status).toBe(200);
    expect((await get('/compose')).text).toContain('<option value="US" selected="">');
    // Going on to confirm is.
    expect((await post('/confirm')).status).toBe(200);
    expect((await get('/compose')).text).toContain('<option value="DE" selected="">');
    expect((await get('/batches')).text).toContain('<option value="DE" selected="">');
    // Kept in the store, per user: a second session of the same user sees it too.
    const again = await session(web.url);
    expect((await raw(`${web.url}/compose`, { headers: { cookie: again.cookie } })).text).toContain(
      '<option value="DE" selected="">',
    );
  });
});
