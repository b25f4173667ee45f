/**
 * A password an admin set (new user, reset, `csp-sender users add`) is known to someone else:
 * until its owner chooses their own, every page leads to /account/password and every other
 * request is refused.
 */
import { createMiddleware } from 'hono/factory';
import type { Env } from '../web/env.js';
import { MessagePage } from '../web/views.js';

export const CHANGE_PASSWORD_PATH = '/account/password';

/** What a user with a one-time password may still do: read and change it, or sign out. */
const allowed = (method: string, path: string): boolean =>
  ((method === 'GET' || method === 'HEAD') &&
    (path === '/account' || path === CHANGE_PASSWORD_PATH)) ||
  (method === 'POST' && (path === CHANGE_PASSWORD_PATH || path === '/logout'));

export const passwordChangeGate = () =>
  createMiddleware<Env>(async (c, next) => {
    // The session row carries the flag; setting or clearing it moves the session epoch.
    if (allowed(c.req.method, c.req.path) || !c.get('session').mustChangePassword) {
      await next();
      return undefined;
    }
    if (c.req.method === 'GET' || c.req.method === 'HEAD')
      return c.redirect(CHANGE_PASSWORD_PATH, 303);
    return c.html(
      <MessagePage
        title="Change your password first"
        message="password: the password you signed in with was set by an admin; choose your own at /account/password before anything else."
        user={c.get('user')}
      />,
      403,
    );
  });
