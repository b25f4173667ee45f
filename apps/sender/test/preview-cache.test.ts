/**
 * The preview page comes from pieces cached per verified email: it must be byte for byte
 * the page the uncached path gives (the email rendered live with renderEmail, PreviewPage's
 * JSX rendered per request), and the CSRF and Origin checks still refuse, cache warm or not.
 */
import { countries, renderEmail, templateIds } from '@csp-enablement/templates';
import { jsx } from 'hono/jsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPlaceholderInvitation, lockedRenderer } from '../src/catalog.js';
import { hashPassword } from '../src/passwords.js';
import {
  cachedVariants,
  previewBody,
  previewHtml,
  type PreviewProps,
} from '../src/compose/preview-cache.js';
import { PreviewPage } from '../src/compose/views.js';
import { hidden } from './helpers.js';
import { cookiesFrom, raw, type RawResponse } from './http-raw.js';
import { loginForm, openWeb, PASSWORD, postLogin, USER, type WebFixture } from './web-fixture.js';

const ADMIN = 'boss@reseller.example';

/** The uncached path: PreviewPage's JSX rendered now. */
const uncached = (props: PreviewProps): string => {
  const node: { toString(): unknown } = jsx(PreviewPage, props);
  return String(node.toString());
};

interface Who {
  email: string;
  role: 'admin' | 'sales';
  cookie: string;
  csrf: string;
}

let web: WebFixture;
let sales: Who;
let admin: Who;

async function signIn(email: string, role: Who['role']): Promise<Who> {
  const form = await loginForm(web.url);
  const res = await postLogin(web.url, form, email, PASSWORD);
  if (res.status !== 303) throw new Error(`sign-in of ${email}: ${res.status}`);
  const cookie = cookiesFrom(res.headers);
  const page = await raw(`${web.url}/compose`, { headers: { cookie } });
  return { email, role, cookie, csrf: hidden(page.text, '_csrf') };
}

function postPreview(
  who: Pick<Who, 'cookie'>,
  fields: Record<string, string>,
  headers: Record<string, string> = { origin: '' },
): Promise<RawResponse> {
  return raw(`${web.url}/preview`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: who.cookie,
      origin: headers.origin || web.url,
      ...Object.fromEntries(Object.entries(headers).filter(([k]) => k !== 'origin')),
    },
    body: new URLSearchParams(fields).toString(),
  });
}

beforeAll(async () => {
  web = await openWeb();
  await web.server.runtime.store.users.addUser(ADMIN, await hashPassword(PASSWORD), 'admin');
  sales = await signIn(USER, 'sales');
  admin = await signIn(ADMIN, 'admin');
});
afterAll(async () => {
  await web.close();
});

describe('the cached preview page', () => {
  it('is byte for byte the uncached page, for every template × country, role, with and without CC', async () => {
    let compared = 0;
    for (const template of templateIds)
      for (const country of countries)
        for (const who of [sales, admin])
          for (const cc of ['', 'it@contoso.example']) {
            // The country as typed (lower case, spaces): the form echoes it as sent.
            const values = {
              template,
              country: ` ${country.code.toLowerCase()}`,
              to: 'ga@contoso.example',
              cc,
            };
            const res = await postPreview(who, { _csrf: who.csrf, ...values });
            expect(res.status).toBe(200);
            const email = await renderEmail(template, country.code);
            const expected = uncached({
              user: { email: who.email, csrf: who.csrf, role: who.role },
              values,
              email,
              to: ['ga@contoso.example'],
              cc: cc === '' ? [] : [cc],
              placeholder: hasPlaceholderInvitation(country),
              transport: 'outbox',
              // Step 1 is the reseller's email: through the outbox without SENDER_STEP1_FROM
              // it goes from the signed-in user (see the sender README, From and Reply-To).
              from: template === 'reseller-invitation' ? who.email : email.from,
            });
            expect(res.text === expected, `${template}/${country.code} ${who.role} cc=${cc}`).toBe(
              true,
            );
            compared++;
          }
    expect(compared).toBe(templateIds.length * countries.length * 4);
  });

  it('escapes every per-request value as the JSX does, and is served from cached pieces', async () => {
    const { render } = lockedRenderer(() => undefined);
    const email = await render('customer-authorization-request', 'FR');
    const odd = `a&b <c> "d" 'e' “ü” \u00a0 %EE%80%80 \uE000 </pre>`;
    for (const role of ['sales', 'admin'] as const)
      for (const cc of [[], [odd]]) {
        const props: PreviewProps = {
          user: { email: `${odd}@x`, csrf: odd, role },
          values: { template: odd, country: odd, to: odd, cc: odd },
          email,
          to: [odd, 'second@x.example'],
          cc,
          placeholder: true,
          transport: 'outbox',
          from: odd,
        };
        expect(previewHtml(props)).toBe(uncached(props));
        expect(previewHtml(props)).toBe(uncached(props));
        // The response body: the same page as UTF-8 bytes.
        expect(Buffer.from(previewBody(props)).toString('utf8')).toBe(uncached(props));
      }
    expect(cachedVariants(email)).toBe(4);
  });

  it('still refuses a wrong, missing or another user’s CSRF token, and a foreign Origin, with the cache warm', async () => {
    const good = {
      template: 'reseller-invitation',
      country: 'DE',
      to: 'ga@contoso.example',
      cc: '',
    };
    for (let i = 0; i < 3; i++)
      expect((await postPreview(sales, { _csrf: sales.csrf, ...good })).status).toBe(200);
    const refused: [string, number, string][] = [];
    const check = async (name: string, res: Promise<RawResponse>) => {
      const r = await res;
      refused.push([name, r.status, r.text.includes('Verified') ? 'PREVIEW SHOWN' : '']);
    };
    await check(
      'wrong _csrf',
      postPreview(sales, { _csrf: `${sales.csrf.slice(0, -1)}x`, ...good }),
    );
    await check('no _csrf', postPreview(sales, good));
    await check('empty _csrf', postPreview(sales, { _csrf: '', ...good }));
    await check('another user’s _csrf', postPreview(sales, { _csrf: admin.csrf, ...good }));
    await check(
      'foreign Origin',
      postPreview(sales, { _csrf: sales.csrf, ...good }, { origin: 'https://attacker.example' }),
    );
    await check(
      'malformed Origin',
      postPreview(sales, { _csrf: sales.csrf, ...good }, { origin: 'javascript:alert(1)' }),
    );
    await check(
      'Origin with another port',
      postPreview(
        sales,
        { _csrf: sales.csrf, ...good },
        { origin: web.url.replace(/:\d+$/, ':1') },
      ),
    );
    expect(refused).toEqual(refused.map(([name]) => [name, 403, '']));
    // And a request with no session at all.
    expect((await postPreview({ cookie: '' }, { _csrf: sales.csrf, ...good })).status).toBe(401);
  });
});
