import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/passwords.js';
import { startServer, type RunningServer } from '../src/server.js';
import { Browser, hidden, tempDir, testConfig } from './helpers.js';

const tmp = tempDir();
let server: RunningServer;
const announced: string[] = [];
const logged: string[] = [];
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
  server = await startServer(testConfig(tmp.dir), {
    log: (l) => logged.push(l),
    announce: (l) => announced.push(l),
  });
  await server.runtime.store.users.addUser('sales@reseller.example', await hashPassword(PASSWORD));
});
afterAll(async () => {
  await server.close();
  tmp.cleanup();
});

async function signIn(email = 'sales@reseller.example', password = PASSWORD): Promise<Browser> {
  const b = new Browser(server.url);
  const page = await (await b.get('/login')).text();
  const res = await b.post('/login', { _csrf: hidden(page, '_csrf'), email, password });
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe('/compose');
  return b;
}

async function csrfOf(b: Browser): Promise<string> {
  return hidden(await (await b.get('/compose')).text(), '_csrf');
}

const sends = async () => await server.runtime.store.sends.history();

describe('web UI', () => {
  it('created the first user once and printed its password once, without logging it', async () => {
    expect(announced.join('\n')).toMatch(/password: \S{20,}/);
    const password = /password: (\S+)/.exec(announced.join('\n'))?.[1] ?? '';
    expect(logged.join('\n')).not.toContain(password);
    expect(await server.runtime.store.users.countUsers()).toBe(2);
  });

  it('serves /healthz and /login without a session; everything else needs one', async () => {
    const b = new Browser(server.url);
    expect((await b.get('/healthz')).status).toBe(200);
    expect((await b.get('/login')).status).toBe(200);
    for (const path of ['/', '/compose', '/history', '/sends/1', '/email/reseller-invitation/US']) {
      const res = await b.get(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location')).toBe('/login');
    }
    expect(
      (await b.post('/send', { template: 'reseller-invitation', country: 'US', to: 'a@b.com' }))
        .status,
    ).toBe(401);
  });

  it('sends security headers with a strict CSP; the email frame is sandboxed', async () => {
    const b = await signIn();
    const page = await b.get('/compose');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/style-src 'sha256-[^']+'/);
    expect(csp).not.toContain('unsafe');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const email = await b.get('/email/reseller-invitation/US');
    expect(email.headers.get('content-security-policy')).toMatch(/sandbox$/);
    expect(email.headers.get('content-security-policy')).not.toContain('script');
    const { html } = await server.runtime.sender
      .renderFor('reseller-invitation', 'US')
      .then((r) => r.email);
    expect(await email.text()).toBe(html);
  });

  it('sets HttpOnly SameSite=Strict session cookies and rotates them at login', async () => {
    const b = new Browser(server.url);
    const page = await (await b.get('/login')).text();
    const res = await b.post('/login', {
      _csrf: hidden(page, '_csrf'),
      email: 'sales@reseller.example',
      password: PASSWORD,
    });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sid='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Max-Age=\d+/);
    const first = b.cookie('sid');
    expect((await b.get('/login')).status).toBe(303); // signed in: straight to compose
    // Session fixation: a cookie planted before sign-in is never the session afterwards.
    const planted = new Browser(server.url);
    await planted.request('/login', { headers: { cookie: 'sid=planted-by-attacker' } });
    const form = hidden(await (await planted.get('/login')).text(), '_csrf');
    await planted.request('/login', {
      method: 'POST',
      body: new URLSearchParams({
        _csrf: form,
        email: 'sales@reseller.example',
        password: PASSWORD,
      }),
      headers: { cookie: `sid=planted-by-attacker; login=${planted.cookie('login') ?? ''}` },
    });
    expect(planted.cookie('sid')).toBeDefined();
    expect(planted.cookie('sid')).not.toBe('planted-by-attacker');
    expect(planted.cookie('sid')).not.toBe(first);
    const other = await new Browser(server.url).get('/login');
    const login2 = await b.post('/login', {
      _csrf: hidden(await other.text(), '_csrf'),
      email: 'x@y.example',
      password: 'y',
    });
    expect(login2.status).toBe(403); // a token from another browser is not this browser's
    // Only a hash of the token is stored.
    const stored = server.runtime.store.sqlite.file
      .prepare('SELECT token_hash FROM sessions')
      .all() as {
      token_hash: string;
    }[];
    expect(stored.map((s) => s.token_hash)).not.toContain(first);
  });

  it('refuses POSTs without the CSRF token or from another origin', async () => {
    const b = await signIn();
    const form = {
      template: 'reseller-invitation',
      country: 'US',
      to: 'ga@contoso.example',
      cc: '',
    };
    expect((await b.post('/preview', form)).status).toBe(403);
    expect((await b.post('/preview', { ...form, _csrf: 'forged' })).status).toBe(403);
    const csrf = await csrfOf(b);
    expect(
      (await b.post('/preview', { ...form, _csrf: csrf }, { origin: 'https://evil.example' }))
        .status,
    ).toBe(403);
    expect((await b.post('/preview', { ...form, _csrf: csrf })).status).toBe(200);
  });

  it('runs compose → preview → confirm → OK → result → history, once per confirmation', async () => {
    const b = await signIn();
    const csrf = await csrfOf(b);
    const form = {
      _csrf: csrf,
      template: 'customer-authorization-request',
      country: 'CA',
      to: 'ga@contoso.example',
      cc: 'me@reseller.example',
    };
    const preview = await (await b.post('/preview', form)).text();
    expect(preview).toContain('sandbox=""');
    expect(preview).toContain('src="/email/customer-authorization-request/CA"');
    expect(preview).toContain('Verified');
    expect(preview).toContain('placeholder');
    const confirm = await (await b.post('/confirm', form)).text();
    expect(confirm).toContain('Send this email?');
    const request = hidden(confirm, 'request');
    const before = (await sends()).length;
    const sent = await b.post('/send', { ...form, request });
    expect(sent.status).toBe(303);
    const location = sent.headers.get('location') ?? '';
    expect(location).toMatch(/^\/sends\/\d+$/);
    // A second OK on the same confirmation (double click, re-post) finds the same send.
    const twice = await b.post('/send', { ...form, request });
    expect(twice.headers.get('location')).toBe(location);
    expect((await sends()).length).toBe(before + 1);
    const row = (await sends())[0];
    expect(row).toMatchObject({
      state: 'sent',
      createdBy: 'sales@reseller.example',
      to: ['ga@contoso.example'],
      cc: ['me@reseller.example'],
    });
    const result = await (await b.get(location)).text();
    expect(result).toContain(row?.messageId ?? 'missing');
    const history = await (await b.get('/history')).text();
    // A row people read: the recipient opens the send; no message id or fingerprint shown.
    expect(history).toContain(
      `<a class="row-link" href="/sends/${row?.id ?? 0}">ga@contoso.example</a>`,
    );
    expect(history).not.toContain(row?.messageId ?? 'missing');
    expect(history).not.toContain(row?.fingerprint.slice(0, 12) ?? 'missing');
    expect(readdirSync(join(tmp.dir, 'outbox')).filter((f) => f.endsWith('.eml'))).toHaveLength(
      before + 1,
    );
  });

  it('issue 17: Step 1 from the web is the reseller side’s email: From and Reply-To the signed-in user, and the pages say so', async () => {
    const b = await signIn();
    const form = {
      _csrf: await csrfOf(b),
      template: 'reseller-invitation',
      country: 'GB',
      to: 'ga@contoso.example',
      cc: '',
    };
    // The outbox without SENDER_STEP1_FROM: From is the signed-in user, never DoNotReply.
    const preview = await (await b.post('/preview', form)).text();
    expect(preview).toMatch(/<dt>From<\/dt>\s*<dd>sales@reseller\.example<\/dd>/);
    const confirm = await (await b.post('/confirm', form)).text();
    expect(confirm).toContain('will be sent from sales@reseller.example to');
    const sent = await b.post('/send', { ...form, request: hidden(confirm, 'request') });
    expect(sent.status).toBe(303);
    const files = readdirSync(join(tmp.dir, 'outbox')).filter((f) => f.endsWith('.eml'));
    const eml = files
      .map((f) => readFileSync(join(tmp.dir, 'outbox', f), 'utf8'))
      .find((m) => /^x-csp-template: reseller-invitation/im.test(m));
    expect(eml).toMatch(/^From: sales@reseller\.example\r$/m);
    expect(eml).toMatch(/^Reply-To: sales@reseller\.example\r$/m);
    expect(eml).not.toContain('DoNotReply');
  });

  it('answers bad input with a 4xx naming the field, and queues nothing', async () => {
    const b = await signIn();
    const csrf = await csrfOf(b);
    const base = {
      _csrf: csrf,
      template: 'reseller-invitation',
      country: 'US',
      to: 'ga@contoso.example',
      cc: '',
      request: 'r'.repeat(24),
    };
    const cases: [Record<string, string>, RegExp][] = [
      [{ to: 'Admin <ga@contoso.example> junk' }, /To: .*is not an email address/],
      [{ to: 'ga@contoso.example\r\nBcc: x@evil.example' }, /To: line breaks/],
      [{ to: 'a@contoso.example,A@contoso.example' }, /To: .*listed twice/],
      [{ to: `${'a'.repeat(250)}@contoso.example` }, /To: .*254/],
      [
        { to: Array.from({ length: 51 }, (_, i) => `u${i}@contoso.example`).join(';') },
        /To: more than 50 addresses/,
      ],
      [
        { cc: Array.from({ length: 51 }, (_, i) => `c${i}@contoso.example`).join(';') },
        /CC: more than 50 addresses/,
      ],
      [{ cc: 'not-an-address' }, /CC: /],
      [{ template: 'free-text' }, /template: unknown template/],
      [{ country: 'ZZ' }, /country: unknown country/],
      [{ to: '' }, /To: at least one/],
    ];
    const before = (await sends()).length;
    for (const [change, message] of cases) {
      for (const path of ['/preview', '/confirm', '/send']) {
        const res = await b.post(path, { ...base, ...change });
        expect(res.status, `${path} ${JSON.stringify(change).slice(0, 60)}`).toBe(400);
        expect((await res.text()).replaceAll('&quot;', '"')).toMatch(message);
      }
    }
    expect((await sends()).length).toBe(before);
  });

  it('shows a To or CC problem at its field, in words, tied to the input for screen readers', async () => {
    const b = await signIn();
    const form = {
      _csrf: await csrfOf(b),
      template: 'reseller-invitation',
      country: 'US',
      to: 'max@@x',
      cc: '',
    };
    const page = (await (await b.post('/preview', form)).text()).replaceAll('&quot;', '"');
    expect(page).toMatch(
      /<input id="to" name="to"[^>]* aria-invalid="true" aria-describedby="to-error"/,
    );
    expect(page).toMatch(
      /<p class="error field-error" id="to-error" role="alert">To: “max@@x” is not an email address/,
    );
    // Not as a raw "to: …" at the top, and the CC field is not marked.
    expect(page).not.toMatch(/>to: /);
    expect(page).not.toMatch(/id="cc"[^>]*aria-invalid/);
    const cc = await (
      await b.post('/preview', { ...form, to: 'ga@contoso.example', cc: 'x' })
    ).text();
    expect(cc).toMatch(/id="cc-error" role="alert">CC: “x” is not an email address/);
    expect(cc).not.toMatch(/id="to"[^>]*aria-invalid/);
  });

  it('previews and sends names, "," lists and IDN domains: Unicode on the page, punycode sent', async () => {
    const b = await signIn();
    const form = {
      _csrf: await csrfOf(b),
      template: 'reseller-invitation',
      country: 'US',
      to: '"Müller, Max" <max@müller-maschinenbau.de>, Anna Smith <anna@contoso.example>',
      cc: 'Schmidt, Eva <eva@contoso.example>',
    };
    const preview = await b.post('/preview', form);
    expect(preview.status).toBe(200);
    const page = (await preview.text()).replaceAll('&lt;', '<').replaceAll('&gt;', '>');
    expect(page).toContain(
      'Müller, Max <max@müller-maschinenbau.de>; Anna Smith <anna@contoso.example>',
    );
    expect(page).toContain('Schmidt, Eva <eva@contoso.example>');
    const request = hidden(await (await b.post('/confirm', form)).text(), 'request');
    expect((await b.post('/send', { ...form, request })).status).toBe(303);
    expect((await sends())[0]).toMatchObject({
      to: [
        '"Müller, Max" <max@xn--mller-maschinenbau-m6b.de>',
        '"Anna Smith" <anna@contoso.example>',
      ],
      cc: ['"Schmidt, Eva" <eva@contoso.example>'],
    });
  });

  it('throttles sign-in per account', async () => {
    const b = new Browser(server.url);
    for (let i = 0; i < 5; i++) {
      const csrf = hidden(await (await b.get('/login')).text(), '_csrf');
      const res = await b.post('/login', {
        _csrf: csrf,
        email: 'victim@reseller.example',
        password: `wrong-${i}`,
      });
      expect(res.status).toBe(401);
    }
    const locked = await b.post('/login', {
      _csrf: hidden(await (await b.get('/login')).text(), '_csrf'),
      email: 'victim@reseller.example',
      password: 'whatever',
    });
    expect(locked.status).toBe(429);
    expect(await locked.text()).toMatch(/Too many failed sign-ins for this account/);
    // Another account from the same address still works (the per-address limit is higher).
    await signIn();
    expect(logged.join('\n')).not.toMatch(/wrong-\d|whatever|correct horse/);
  });

  it('signs out and the old session no longer works', async () => {
    const b = await signIn();
    const csrf = await csrfOf(b);
    const old = b.cookie('sid');
    expect((await b.post('/logout', { _csrf: csrf })).status).toBe(303);
    const stale = new Browser(server.url);
    const res = await stale.request('/compose', { headers: { cookie: `sid=${old ?? ''}` } });
    expect(res.status).toBe(303);
  });
});
