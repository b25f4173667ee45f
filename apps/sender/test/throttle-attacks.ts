/** Helpers for the throttle's attack tests: browsers that keep (or lack) a device cookie. */
import { hashPassword } from '../src/passwords.js';
import { cookiesFrom, raw, type RawResponse } from './http-raw.js';
import { hidden } from './helpers.js';
import { loginForm, postLogin, type WebFixture } from './web-fixture.js';

/** The `device=…` pair from a sign-in's cookies, or '' when none was set. */
export function deviceCookieOf(res: RawResponse): string {
  return (
    cookiesFrom(res.headers)
      .split('; ')
      .find((pair) => /^(?:__Host-)?device=/.test(pair)) ?? ''
  );
}

/** Whether this answer signed someone in (a session cookie was set). */
export const signedIn = (res: RawResponse): boolean =>
  res.status === 303 && /(?:^|[;,\s])(?:__Host-)?sid=[^;]/.test(String(res.headers['set-cookie']));

/** A sign-in from a browser holding `device` (a device cookie pair, or '' for a new browser). */
export async function signInWith(
  web: WebFixture,
  email: string,
  password: string,
  device: string,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const form = await loginForm(web.url, headers);
  const cookie = [form.cookie, device].filter((c) => c !== '').join('; ');
  return postLogin(web.url, { ...form, cookie }, email, password, headers);
}

/** Adds a user and signs them in once, as the real user does: returns their device cookie. */
export async function realUser(
  web: WebFixture,
  email: string,
  password: string,
): Promise<{ device: string; session: string; csrf: string }> {
  await web.server.runtime.store.users.addUser(email, await hashPassword(password));
  const res = await signInWith(web, email, password, '');
  if (!signedIn(res)) throw new Error(`the real user could not sign in: ${res.status}`);
  const session = cookiesFrom(res.headers);
  const account = await raw(`${web.url}/account`, { headers: { cookie: session } });
  return { device: deviceCookieOf(res), session, csrf: hidden(account.text, '_csrf') };
}

/** POST /account/password with a session (a stolen one, in the attack tests). */
export function changePassword(
  web: WebFixture,
  session: { session: string; csrf: string },
  current: string,
  next: string,
): Promise<RawResponse> {
  return raw(`${web.url}/account/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.session },
    body: new URLSearchParams({ _csrf: session.csrf, current, password: next }).toString(),
  });
}
