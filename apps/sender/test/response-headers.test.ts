/**
 * Every answer carries the same security headers, whatever produced it: a page, a redirect,
 * a form post, a refusal, a 404, a 405, a 413 or the framed email (its own, stricter policy).
 * They are set before a route runs, so nothing a route does can drop them.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/passwords.js';
import { startServer, type RunningServer } from '../src/server.js';
import { cssHash } from '../src/web/styles.js';
import { Browser, hidden, tempDir, testConfig } from './helpers.js';

const tmp = tempDir();
let server: RunningServer;
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
  server = await startServer(testConfig(tmp.dir), {
    log: () => undefined,
    announce: () => undefined,
  });
  await server.runtime.store.users.addUser('sales@reseller.example', await hashPassword(PASSWORD));
});
afterAll(async () => {
  await server.close();
  tmp.cleanup();
});

const SHELL_CSP = `default-src 'none'; script-src 'self'; style-src ${cssHash}; img-src 'self' data:; frame-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;
const EMAIL_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; form-action 'none'; base-uri 'none'; sandbox";

/** The headers every answer has, whoever made it (testConfig: not behind TLS, so no HSTS). */
const common = {
  'cache-control': 'no-store',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};
const shell = { ...common, 'content-security-policy': SHELL_CSP, 'x-frame-options': 'DENY' };
const framed = { ...common, 'content-security-policy': EMAIL_CSP, 'x-frame-options': 'SAMEORIGIN' };

function expectHeaders(res: Response, expected: Record<string, string>, what: string): void {
  for (const [name, value] of Object.entries(expected))
    expect(res.headers.get(name), `${what}: ${name}`).toBe(value);
  expect(res.headers.get('strict-transport-security'), `${what}: no HSTS over http`).toBeNull();
  expect(res.headers.get('x-powered-by'), what).toBeNull();
}

async function signIn(): Promise<Browser> {
  const b = new Browser(server.url);
  const page = await (await b.get('/login')).text();
  const res = await b.post('/login', {
    _csrf: hidden(page, '_csrf'),
    email: 'sales@reseller.example',
    password: PASSWORD,
  });
  expect(res.status).toBe(303);
  return b;
}

describe('response headers', () => {
  it('are the same on pages, redirects, form posts, refusals and errors', async () => {
    const anonymous = new Browser(server.url);
    expectHeaders(await anonymous.get('/login'), shell, 'GET /login');
    expectHeaders(await anonymous.get('/compose'), shell, 'GET /compose signed out (303)');
    expectHeaders(await anonymous.get('/healthz'), shell, 'GET /healthz');
    expectHeaders(await anonymous.request('/login', { method: 'PUT' }), shell, 'PUT /login (405)');
    const b = await signIn();
    const compose = await b.get('/compose');
    expectHeaders(compose, shell, 'GET /compose');
    const csrf = hidden(await compose.text(), '_csrf');
    const preview = await b.post(
      '/preview',
      {
        _csrf: csrf,
        template: 'reseller-invitation',
        country: 'US',
        to: 'admin@customer.example',
        cc: '',
      },
      { origin: server.url },
    );
    expect(preview.status).toBe(200);
    expectHeaders(preview, shell, 'POST /preview');
    const refused = await b.post('/preview', { _csrf: 'wrong', template: 'x' });
    expect(refused.status).toBe(403);
    expectHeaders(refused, shell, 'POST /preview with a wrong CSRF token (403)');
    const tooLarge = await b.post('/preview', { _csrf: csrf, to: 'x'.repeat(70 * 1024) });
    expect(tooLarge.status).toBe(413);
    expectHeaders(tooLarge, shell, 'POST /preview over 64 KB (413)');
    const missing = await b.get('/sends/999999');
    expect(missing.status).toBe(404);
    expectHeaders(missing, shell, 'GET /sends/999999 (404)');
    const email = await b.get('/email/reseller-invitation/US');
    expect(email.status).toBe(200);
    expectHeaders(email, framed, 'GET /email/… (framed)');
  });
});

/** A form post sent in chunks (Transfer-Encoding: chunked, no Content-Length). */
function chunkedPost(
  path: string,
  parts: string[],
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.url}${path}`,
      {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, text });
        });
      },
    );
    req.on('error', reject);
    for (const part of parts) req.write(part);
    req.end();
  });
}

describe('form bodies', () => {
  it('a chunked body is limited while it streams in, and read whole when under the limit', async () => {
    const b = await signIn();
    const csrf = hidden(await (await b.get('/compose')).text(), '_csrf');
    const headers = { cookie: `sid=${b.cookie('sid') ?? ''}`, origin: server.url };
    const over = await chunkedPost(
      '/preview',
      [`_csrf=${csrf}&to=`, ...Array.from({ length: 70 }, () => 'x'.repeat(1024))],
      headers,
    );
    expect(over.status).toBe(413);
    const form = new URLSearchParams({
      _csrf: csrf,
      template: 'reseller-invitation',
      country: 'US',
      to: 'Admin <admin@customer.example>',
      cc: '',
    }).toString();
    const under = await chunkedPost('/preview', [form.slice(0, 20), form.slice(20)], headers);
    expect(under.status).toBe(200);
    expect(under.text).toContain('admin@customer.example');
  });

  it('a repeated field, a file where none is taken, or a body that is no form: a 4xx naming it', async () => {
    const b = await signIn();
    const csrf = hidden(await (await b.get('/compose')).text(), '_csrf');
    const twice = await b.request('/preview', {
      method: 'POST',
      body: `_csrf=${csrf}&to=a%40b.example&to=c%40d.example`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(twice.status).toBe(400);
    expect(await twice.text()).toContain('to: the field is sent more than once.');
    const file = new FormData();
    file.set('_csrf', csrf);
    file.set('to', new File(['a@b.example'], 'to.txt'));
    const withFile = await b.request('/preview', { method: 'POST', body: file });
    expect(withFile.status).toBe(400);
    expect(await withFile.text()).toContain('to: files are not accepted.');
    const json = await b.request('/preview', {
      method: 'POST',
      body: JSON.stringify({ _csrf: csrf }),
      headers: { 'content-type': 'application/json' },
    });
    expect(json.status).toBe(415);
    expect(await json.text()).toContain(
      'Content-Type: &quot;application/json&quot; is not accepted',
    );
  });
});
