/**
 * /auth/oidc/start and /auth/oidc/callback: Sign in with Microsoft. Mounted before the
 * session check (there is no session yet); the callback starts one like a password sign-in.
 */
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { raw } from 'hono/html';
import type { Env } from '../web/env.js';
import { css } from '../web/styles.js';
import { MessagePage } from '../web/views.js';
import { OidcSignIn, PENDING_MS } from './oidc.js';
import type { OidcSettings } from './oidc-config.js';
import { startSession, type SessionStartOptions } from './session-start.js';

export interface OidcRouteOptions extends SessionStartOptions {
  settings: OidcSettings | undefined;
  log: (line: string) => void;
}

/** After the provider's cross-site redirect a SameSite=Strict cookie is not sent yet: this page moves on from our own origin. */
const Continue = () => (
  <>
    {raw('<!doctype html>')}
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta http-equiv="refresh" content="0;url=/compose" />
        <title>Signed in · CSP sender</title>
        <style dangerouslySetInnerHTML={{ __html: css }} />
      </head>
      <body>
        <main>
          <div class="card narrow">
            <h1>Signed in</h1>
            <a class="button" href="/compose">
              Continue
            </a>
          </div>
        </main>
      </body>
    </html>
  </>
);

export function oidcRoutes(options: OidcRouteOptions): Hono<Env> {
  const app = new Hono<Env>();
  const { settings, store, log } = options;
  const signIn = settings === undefined ? undefined : new OidcSignIn(settings, store);
  // Lax, not Strict: it must come back on the provider's top-level redirect to the callback.
  const pendingCookie = options.cookieSecure ? '__Host-oidc' : 'oidc';
  const pendingCookieOptions = {
    httpOnly: true,
    sameSite: 'Lax',
    secure: options.cookieSecure,
    path: '/',
  } as const;

  const notConfigured = (c: Context<Env>) =>
    c.html(
      <MessagePage
        title="Not available"
        message="Sign in with Microsoft is not configured on this sender (SENDER_OIDC_ISSUER)."
      />,
      404,
    );

  app.get('/start', async (c) => {
    if (signIn === undefined) return notConfigured(c);
    let started;
    try {
      started = await signIn.start();
    } catch (error) {
      log(`oidc: discovery failed: ${error instanceof Error ? error.message : String(error)}`);
      return c.html(
        <MessagePage
          title="Sign-in unavailable"
          message="The sign-in provider cannot be reached right now. Try again in a moment."
        />,
        503,
      );
    }
    setCookie(c, pendingCookie, started.key, {
      ...pendingCookieOptions,
      maxAge: PENDING_MS / 1000,
    });
    return c.redirect(started.url.href, 303);
  });

  app.get('/callback', async (c) => {
    if (signIn === undefined) return notConfigured(c);
    const key = getCookie(c, pendingCookie);
    deleteCookie(c, pendingCookie, { path: '/', secure: options.cookieSecure });
    // The URL the provider redirected to, as registered (the request's own Host may be a proxy's).
    const callbackUrl = new URL(signIn.settings.redirectUri);
    callbackUrl.search = new URL(c.req.url).search;
    const decision = await signIn.finish(key, callbackUrl);
    if (!decision.ok) {
      log(`oidc: sign-in refused: ${decision.log}`);
      return c.html(<MessagePage title="Sign-in refused" message={decision.reason} />, 403);
    }
    const { user } = decision;
    await startSession(c, options, user.id);
    log(
      `sign-in (oidc): ${user.email}${decision.created ? ' (added)' : decision.linked ? ' (linked)' : ''}`,
    );
    return c.html(<Continue />);
  });

  return app;
}
