import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { sameToken, type Auth } from './auth.js';
import type { Env } from './env.js';
import { MessagePage } from './views.js';

/**
 * Every route mounted after it needs a session: a GET without one goes to /login, a
 * POST gets 401; a POST's form must carry the session's CSRF token. The signed-in
 * user is then in c.get('session') and c.get('user').
 */
export const requireSession = (auth: Auth, sessionCookie: string) =>
  createMiddleware<Env>(async (c, next) => {
    const session = await auth.find(getCookie(c, sessionCookie));
    if (!session) {
      if (c.req.method === 'GET') return c.redirect('/login', 303);
      return c.html(
        <MessagePage title="Signed out" message="Your session has ended. Please sign in again." />,
        401,
      );
    }
    if (c.req.method === 'POST') {
      // The origin was checked for every POST above; here the session's token must match.
      const body = c.get('form');
      const csrf = typeof body._csrf === 'string' ? body._csrf : '';
      if (!sameToken(csrf, session.csrf)) {
        return c.html(
          <MessagePage
            title="Refused"
            message="_csrf: the form token is missing or wrong. Reload the page and try again."
          />,
          403,
        );
      }
    }
    c.set('session', session);
    c.set('user', { email: session.email, csrf: session.csrf, role: session.role });
    await next();
    return undefined;
  });
