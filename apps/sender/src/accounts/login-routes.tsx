import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { DEVICE_COOKIE_DAYS, type DeviceCookies } from '../auth/device-cookie.js';
import type { TrustProxy } from '../config.js';
import { trimSpaces } from '../hidden-characters.js';
import { sameToken, token, type Auth } from '../web/auth.js';
import { clientAddress, trustedProxies } from '../web/client-address.js';
import type { ShellCookies } from '../web/cookies.js';
import type { Env } from '../web/env.js';
import { signInProblem } from '../web/login-input.js';
import { LoginPage } from './login-view.js';

export interface LoginRoutesOptions {
  auth: Auth;
  devices: DeviceCookies;
  cookies: ShellCookies;
  cookieSecure: boolean;
  sessionHours: number;
  /** Sign in with Microsoft is configured: the page offers it. */
  oidc: boolean;
  /** SENDER_LOCAL_PASSWORDS: off refuses email + password sign-in. */
  localPasswords: boolean;
  trustProxy: TrustProxy | undefined;
  log: (line: string) => void;
}

/** GET and POST /login: email + password sign-in (mounted before the session check). */
export function loginRoutes(options: LoginRoutesOptions): Hono<Env> {
  const { auth, devices, cookies, log } = options;
  const app = new Hono<Env>();
  const proxies =
    options.trustProxy === undefined ? undefined : trustedProxies(options.trustProxy.proxies);
  const addressOf = (c: Context<Env>): string =>
    clientAddress(c.env.incoming.socket.remoteAddress, c.req.header('x-forwarded-for'), proxies);

  // Before there is a session, CSRF is a double-submit token in its own cookie.
  const loginForm = (
    c: Context<Env>,
    status: 200 | 400 | 401 | 403 | 429,
    error?: string,
    email?: string,
  ) => {
    // Reuse the browser's pending token, so two tabs (or a stray request) do not void each other's form.
    const existing = getCookie(c, cookies.login);
    const csrf =
      existing !== undefined && /^[A-Za-z0-9_-]{43}$/.test(existing) && status !== 403
        ? existing
        : token();
    setCookie(c, cookies.login, csrf, { ...cookies.base, maxAge: 3600 });
    return c.html(
      <LoginPage
        csrf={csrf}
        error={error}
        oidc={options.oidc}
        passwords={options.localPasswords}
        {...(email !== undefined ? { email } : {})}
      />,
      status,
    );
  };

  app.get('/login', async (c) =>
    (await auth.find(getCookie(c, cookies.session)))
      ? c.redirect('/compose', 303)
      : loginForm(c, 200),
  );

  app.post('/login', async (c) => {
    if (!options.localPasswords)
      return loginForm(c, 403, 'Passwords are turned off here: sign in with Microsoft.');
    const form = c.get('form');
    const csrf = typeof form._csrf === 'string' ? form._csrf : '';
    const expected = getCookie(c, cookies.login) ?? '';
    if (!sameToken(csrf, expected))
      return loginForm(c, 403, 'The sign-in form expired. Please try again.');
    const email = typeof form.email === 'string' ? trimSpaces(form.email) : '';
    const password = typeof form.password === 'string' ? form.password : '';
    if (email === '' || password === '')
      return loginForm(c, 400, 'email and password: both are required.', email.slice(0, 320));
    const problem = signInProblem(email, password);
    if (problem !== undefined) return loginForm(c, 400, problem);
    const device = devices.verify(getCookie(c, cookies.device), email);
    const result = await auth.login(
      email,
      password,
      addressOf(c),
      getCookie(c, cookies.session),
      device,
    );
    if (!result.ok) {
      if (result.status === 429) c.header('Retry-After', String(result.retryAfterSec));
      return loginForm(c, result.status, result.message, email);
    }
    deleteCookie(c, cookies.login, { path: '/', secure: options.cookieSecure });
    setCookie(c, cookies.session, result.session, {
      ...cookies.base,
      maxAge: options.sessionHours * 3600,
    });
    // This browser is now known for this account: see src/auth/device-cookie.ts.
    setCookie(c, cookies.device, devices.issue(result.row.email), {
      ...cookies.base,
      maxAge: DEVICE_COOKIE_DAYS * 24 * 3600,
    });
    log(`sign-in: ${result.row.email}`);
    return c.redirect('/compose', 303);
  });

  return app;
}
