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
  close(): Promise<void>;
}

export async function openWeb(
  env: Record<string, string> = {},
  loginThrottle: LoginThrottleSettings = QUICK_THROTTLE,
): Promise<WebFixture> {
  const tmp = tempDir();
  const log: string[] = [];
  const server = await startServer(
    testConfig(tmp.dir, env),
    { log: (l) => log.push(l), announce: () => undefined },
    { loginThrottle, sendWaitMs: 5000 },
  );
  server.runtime.store.addUser(USER, await hashPassword(PASSWORD));
  return {
    server,
    url: server.url,
    log,
    close: async () => {
      try {
        await server.close();
      } finally {
        tmp.cleanup();
      }
    },
  };
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
