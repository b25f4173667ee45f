/** A real sender web server on 127.0.0.1 for a test file, with its own data folder. */
import type { LoginThrottleSettings } from '../src/auth/login-throttle.js';
import { hashPassword } from '../src/passwords.js';
import { startServer, type RunningServer } from '../src/server.js';
import { hidden, tempDir, testConfig } from './helpers.js';
import { cookiesFrom, raw, type RawResponse } from './http-raw.js';

export const PASSWORD = 'correct horse battery staple';
export const USER = 'sales@reseller.example';

/** Short delays so a test can wait one out. */
export const QUICK_THROTTLE: LoginThrottleSettings = {
  freeAttempts: 5,
  firstDelaySec: 1,
  maxDelaySec: 60,
  rememberSec: 3600,
  perAddressPerDay: 100,
  addressDelaySec: 30,
};

export interface WebFixture {
  server: RunningServer;
  url: string;
  log: string[];
  /** Stops the server and starts a new one on the same data folder and port (a restart). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** A signed-in browser: its cookie header and the session's CSRF token. */
export interface Who {
  cookie: string;
  csrf: string;
  /** Where the sign-in redirected to. */
  location: string;
}

export async function openWeb(
  env: Record<string, string> = {},
  loginThrottle: LoginThrottleSettings = QUICK_THROTTLE,
): Promise<WebFixture> {
  const tmp = tempDir();
  const log: string[] = [];
  const start = (port: string) =>
    startServer(
      testConfig(tmp.dir, { ...env, PORT: port }),
      { log: (l) => log.push(l), announce: () => undefined },
      { loginThrottle, sendWaitMs: 5000 },
    );
  const fixture: WebFixture = {
    server: await start(env.PORT ?? '0'),
    url: '',
    log,
    restart: async () => {
      await fixture.server.close();
      fixture.server = await start(new URL(fixture.url).port);
    },
    close: async () => {
      try {
        await fixture.server.close();
      } finally {
        tmp.cleanup();
      }
    },
  };
  fixture.url = fixture.server.url;
  await fixture.server.runtime.store.users.addUser(USER, await hashPassword(PASSWORD));
  return fixture;
}

/** The sign-in form's token and cookie, as a browser would get them. */
export async function loginForm(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ csrf: string; cookie: string }> {
  const page = await raw(`${url}/login`, { headers });
  return { csrf: hidden(page.text, '_csrf'), cookie: cookiesFrom(page.headers) };
}

export function postLogin(
  url: string,
  form: { csrf: string; cookie: string },
  email: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return raw(`${url}/login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: form.cookie,
      ...headers,
    },
    body: new URLSearchParams({ _csrf: form.csrf, email, password }).toString(),
  });
}

/** Signs in and returns the cookie header and the session's CSRF token. */
export async function session(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ cookie: string; csrf: string }> {
  const form = await loginForm(url, headers);
  const res = await postLogin(url, form, USER, PASSWORD, headers);
  if (res.status !== 303)
    throw new Error(`sign-in failed: ${res.status} ${res.text.slice(0, 200)}`);
  const cookie = cookiesFrom(res.headers);
  const compose = await raw(`${url}/compose`, { headers: { cookie, ...headers } });
  return { cookie, csrf: hidden(compose.text, '_csrf') };
}

/**
 * Signs `email` in with a password and reads the CSRF token from /account (which opens even
 * while a one-time password waits to be changed).
 */
export async function signInAs(web: WebFixture, email: string, password: string): Promise<Who> {
  const res = await postLogin(web.url, await loginForm(web.url), email, password);
  if (res.status !== 303) throw new Error(`sign-in of ${email}: ${res.status}`);
  const cookie = cookiesFrom(res.headers);
  const page = await raw(`${web.url}/account`, { headers: { cookie } });
  return { cookie, csrf: hidden(page.text, '_csrf'), location: String(res.headers.location ?? '') };
}

/** A form post of a signed-in browser, from the sender's own origin. */
export const postAs = (
  web: WebFixture,
  path: string,
  who: { cookie: string; csrf: string },
  fields: Record<string, string> = {},
): Promise<RawResponse> =>
  raw(`${web.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: who.cookie,
      origin: web.url,
    },
    body: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(),
  });

export const getAs = (
  web: WebFixture,
  path: string,
  who: { cookie: string },
): Promise<RawResponse> => raw(`${web.url}${path}`, { headers: { cookie: who.cookie } });

/** The one-time password shown on the page after adding or resetting a user. */
export const oneTimePassword = (html: string): string =>
  /id="one-time-password"[^>]*value="([^"]+)"/.exec(html)?.[1] ?? '';
