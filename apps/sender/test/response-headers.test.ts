/**
 * Every answer carries the same security headers, whatever produced it: a page, a redirect,
 * a form post, a refusal, a 404, a 405, a 413 or the framed email (its own, stricter policy).
 * They are set before a route runs, so nothing a route does can drop them. And the form
 * bodies those posts carry: read once, limited, refused with a reason.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cssHash } from '../src/web/styles.js';
import { raw, type RawResponse } from './http-raw.js';
import { getAs, openWeb, postAs, session, type WebFixture } from './web-fixture.js';

let web: WebFixture;
beforeAll(async () => {
  web = await openWeb();
});
afterAll(async () => {
  await web.close();
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
const framed = {
  ...common,
  'content-security-policy': EMAIL_CSP,
  'x-frame-options': 'SAMEORIGIN',
};

function expectHeaders(res: RawResponse, expected: Record<string, string>, what: string): void {
  for (const [name, value] of Object.entries(expected))
    expect(res.headers[name], `${what}: ${name}`).toBe(value);
  expect(res.headers['strict-transport-security'], `${what}: no HSTS over http`).toBeUndefined();
  expect(res.headers['x-powered-by'], what).toBeUndefined();
}

const PREVIEW = {
  template: 'reseller-invitation',
  country: 'US',
  to: 'admin@customer.example',
  cc: '',
};

describe('response headers', () => {
  it('are the same on pages, redirects, form posts, refusals and errors', async () => {
    expectHeaders(await raw(`${web.url}/login`), shell, 'GET /login');
    expectHeaders(await raw(`${web.url}/compose`), shell, 'GET /compose signed out (303)');
    expectHeaders(await raw(`${web.url}/healthz`), shell, 'GET /healthz');
    expectHeaders(await raw(`${web.url}/login`, { method: 'PUT' }), shell, 'PUT /login (405)');
    const who = await session(web.url);
    expectHeaders(await getAs(web, '/compose', who), shell, 'GET /compose');
    const preview = await postAs(web, '/preview', who, PREVIEW);
    expect(preview.status).toBe(200);
    expectHeaders(preview, shell, 'POST /preview');
    const refused = await postAs(web, '/preview', { ...who, csrf: 'wrong' }, PREVIEW);
    expect(refused.status).toBe(403);
    expectHeaders(refused, shell, 'POST /preview with a wrong CSRF token (403)');
    const tooLarge = await postAs(web, '/preview', who, { to: 'x'.repeat(70 * 1024) });
    expect(tooLarge.status).toBe(413);
    expectHeaders(tooLarge, shell, 'POST /preview over 64 KB (413)');
    const missing = await getAs(web, '/sends/999999', who);
    expect(missing.status).toBe(404);
    expectHeaders(missing, shell, 'GET /sends/999999 (404)');
    const email = await getAs(web, '/email/reseller-invitation/US', who);
    expect(email.status).toBe(200);
    expectHeaders(email, framed, 'GET /email/… (framed)');
  });
});

/** A form post sent in chunks (Transfer-Encoding: chunked, no Content-Length). */
function chunkedPost(
  path: string,
  parts: string[],
  cookie: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${web.url}${path}`,
      {
        method: 'POST',
        headers: {
          cookie,
          origin: web.url,
          'content-type': 'application/x-www-form-urlencoded',
        },
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
    const { cookie, csrf } = await session(web.url);
    const over = await chunkedPost(
      '/preview',
      [`_csrf=${csrf}&to=`, ...Array.from({ length: 70 }, () => 'x'.repeat(1024))],
      cookie,
    );
    expect(over.status).toBe(413);
    const form = new URLSearchParams({
      _csrf: csrf,
      ...PREVIEW,
      to: 'Admin <admin@customer.example>',
    }).toString();
    const under = await chunkedPost('/preview', [form.slice(0, 20), form.slice(20)], cookie);
    expect(under.status).toBe(200);
    expect(under.text).toContain('admin@customer.example');
  });

  it('a repeated field, a file where none is taken, or a body that is no form: a 4xx naming it', async () => {
    const { cookie, csrf } = await session(web.url);
    const post = (body: string | Buffer, type: string) =>
      raw(`${web.url}/preview`, {
        method: 'POST',
        headers: { cookie, origin: web.url, 'content-type': type },
        body,
      });
    const twice = await post(
      `_csrf=${csrf}&to=a%40b.example&to=c%40d.example`,
      'application/x-www-form-urlencoded',
    );
    expect(twice.status).toBe(400);
    expect(twice.text).toContain('to: the field is sent more than once.');
    const file = new FormData();
    file.set('_csrf', csrf);
    file.set('to', new File(['a@b.example'], 'to.txt'));
    const multipart = new Response(file);
    const withFile = await post(
      Buffer.from(await multipart.arrayBuffer()),
      multipart.headers.get('content-type') ?? '',
    );
    expect(withFile.status).toBe(400);
    expect(withFile.text).toContain('to: files are not accepted.');
    const json = await post(JSON.stringify({ _csrf: csrf }), 'application/json');
    expect(json.status).toBe(415);
    expect(json.text).toContain('Content-Type: &quot;application/json&quot; is not accepted');
  });
});
