import { limitersFor } from '../auth/limiters.js';
import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { DeviceCookies } from '../auth/device-cookie.js';
import {
  LoginThrottle,
  PasswordChangeThrottle,
  type LoginThrottleSettings,
} from '../auth/login-throttle.js';
import type { TrustProxy } from '../config.js';
import { loginRoutes } from '../accounts/login-routes.js';
import type { OidcSettings } from '../accounts/oidc-config.js';
import { oidcRoutes } from '../accounts/oidc-routes.js';
import { INVITATION_PATH } from '../accounts/invitations.js';
import { invitationRoutes } from '../accounts/invitation-routes.js';
import { passwordChangeGate } from '../accounts/must-change.js';
import { batchRoutes, UPLOAD_BODY_LIMIT, UPLOAD_FIELD, UPLOAD_PATH } from '../batches/routes.js';
import { UPLOAD_LIMIT_TEXT } from '../batches/views.js';
import { composeRoutes, drafting } from '../compose/routes.js';
import { DeliveryStore } from '../delivery/store.js';
import { suppressionRoutes } from '../delivery/suppression-routes.js';
import { webhookRoutes } from '../delivery/webhook.js';
import { readiness } from '../health/readiness.js';
import { historyRoutes } from '../history/routes.js';
import { sendingRoutes } from '../sending/routes.js';
import type { Sender } from '../sending/sender.js';
import { accountRoutes, teamRoutes } from '../team/routes.js';
import { OutboxTransport } from '../transports/outbox.js';
import { Auth } from './auth.js';
import { shellCookies } from './cookies.js';
import { COPY_SCRIPT, COPY_SCRIPT_PATH } from './copy-field.js';
import type { Env } from './env.js';
import { limitBody } from './body-limit.js';
import { readForm } from './form.js';
import { shellHeaders } from './headers.js';
import { requireSession } from './session.js';
import { methodNotAllowed } from './methods.js';
import { originProblem } from './origin.js';
import { MessagePage } from './views.js';

export interface WebOptions {
  sender: Sender;
  sessionHours: number;
  cookieSecure: boolean;
  /** How long POST /send waits for the provider before showing the (self-refreshing) result page. */
  sendWaitMs?: number;
  log?: (line: string) => void;
  /** RESEND_WEBHOOK_SECRET: verifies POST /webhooks/resend. */
  webhookSecret?: string | undefined;
  /** Proxies whose X-Forwarded-For is believed (SENDER_TRUST_PROXY). */
  trustProxy?: TrustProxy | undefined;
  /** The origin users open (SENDER_PUBLIC_URL): form posts must come from it. */
  publicOrigin?: string | undefined;
  /** Sign-in throttle settings (tests shorten the delays). */
  loginThrottle?: LoginThrottleSettings;
  /** Signs device cookies (kept in the data folder by `serve`); unset: a new key per process. */
  deviceKey?: Buffer;
  /** Sign in with Microsoft (SENDER_OIDC_*); unset: passwords only. */
  oidc?: OidcSettings | undefined;
  /** SENDER_LOCAL_PASSWORDS=off: email + password sign-in is refused (default on). */
  localPasswords?: boolean;
}

/** Where Resend posts delivery events: the one POST that carries no form and no Origin. */
const WEBHOOKS_MOUNT = '/webhooks';
const RESEND_WEBHOOK_PATH = `${WEBHOOKS_MOUNT}/resend`;

/** Builds the web app: server-rendered pages; the one script is the optional copy button. */
export function createApp(options: WebOptions): Hono<Env> {
  const { sender } = options;
  const log = options.log ?? (() => undefined);
  const localPasswords = options.localPasswords ?? true;
  const auth = new Auth(
    sender.store,
    options.sessionHours * 3600_000,
    new LoginThrottle(options.loginThrottle, limitersFor(sender.store)),
  );
  const cookies = shellCookies(options.cookieSecure);
  const sessionCookie = cookies.session;
  const devices = new DeviceCookies(options.deviceKey ?? randomBytes(32));
  const app = new Hono<Env>();

  app.use('*', shellHeaders(options.cookieSecure));
  // 64 KB for every form; the batch upload alone takes a file of up to 1 MB.
  const formLimit = limitBody(64 * 1024, (c) =>
    c.text('Request body too large (limit 64 KB)', 413),
  );
  const uploadLimit = limitBody(UPLOAD_BODY_LIMIT, (c) =>
    c.html(
      <MessagePage
        title="File too large"
        message={`file: the upload is larger than ${UPLOAD_LIMIT_TEXT}; split the CSV into smaller files.`}
      />,
      413,
    ),
  );
  app.use(
    '*',
    createMiddleware<Env>((c, next) =>
      c.req.path === UPLOAD_PATH && c.req.method === 'POST'
        ? uploadLimit(c, next)
        : formLimit(c, next),
    ),
  );

  // A known route asked with a method it does not serve: 405 with the methods it does.
  app.use('*', async (c, next) => {
    const allow = methodNotAllowed(c.req.path, c.req.method);
    if (allow !== undefined) {
      c.header('Allow', allow);
      return c.html(
        <MessagePage
          title="Method not allowed"
          message={`method: ${c.req.method} is not accepted here; use ${allow}.`}
        />,
        405,
      );
    }
    await next();
    return undefined;
  });

  // Every form post: from our own origin, and a body that is a well-formed form. Resend's
  // webhook is no form and has no Origin: its signature is checked instead (below).
  app.use(
    '*',
    createMiddleware<Env>(async (c, next) => {
      if (c.req.method === 'POST' && c.req.path !== RESEND_WEBHOOK_PATH) {
        const wrongOrigin = originProblem(
          c.req.header('origin'),
          c.req.header('host'),
          options.publicOrigin,
        );
        if (wrongOrigin !== undefined)
          return c.html(<MessagePage title="Refused" message={wrongOrigin} />, 403);
        const badForm = await readForm(c, c.req.path === UPLOAD_PATH ? [UPLOAD_FIELD] : []);
        if (badForm !== undefined)
          return c.html(
            <MessagePage title="Bad request" message={badForm.message} />,
            badForm.status,
          );
      }
      await next();
      return undefined;
    }),
  );

  app.onError((error, c) => {
    log(
      `web error on ${c.req.method} ${c.req.path}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return c.html(
      <MessagePage
        title="Something went wrong"
        message="The server could not finish this request; nothing more was sent. See the server log."
      />,
      500,
    );
  });

  // The app's one script (copy buttons); `script-src 'self'` allows it and nothing inline.
  app.get(COPY_SCRIPT_PATH, (c) =>
    c.body(COPY_SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8' }),
  );

  // Browsers ask for it on every page; without this it would bounce to /login.
  app.get('/favicon.ico', (c) => c.body(null, 204));

  app.get('/healthz', (c) => c.json({ ok: true, transport: sender.transport.name }));
  // Readiness (load balancers, orchestrators): the store answers and its schema is current.
  app.get('/readyz', async (c) => {
    const state = await readiness(sender.store);
    return state.ready ? c.json({ ready: true }) : c.json(state, 503);
  });

  // Resend's delivery events: mounted before the session/CSRF middleware because Resend has
  // neither; its Standard Webhooks signature is checked instead. Only POST /webhooks/resend
  // answers here: any other /webhooks path falls through to the session check below.
  const deliveries = new DeliveryStore(sender.store);
  const outboxDir = sender.transport instanceof OutboxTransport ? sender.transport.dir : undefined;
  app.route(WEBHOOKS_MOUNT, webhookRoutes({ deliveries, secret: options.webhookSecret, log }));

  // --- sign-in (before the session check) ------------------------------------

  app.route(
    '/',
    loginRoutes({
      auth,
      devices,
      cookies,
      cookieSecure: options.cookieSecure,
      sessionHours: options.sessionHours,
      oidc: options.oidc !== undefined,
      localPasswords,
      trustProxy: options.trustProxy,
      log,
    }),
  );
  app.route(
    '/auth/oidc',
    oidcRoutes({
      settings: options.oidc,
      store: sender.store,
      log,
      cookieSecure: options.cookieSecure,
      sessionCookie,
      sessionHours: options.sessionHours,
      endSession: (session) => auth.logout(session),
    }),
  );

  app.route(
    INVITATION_PATH,
    invitationRoutes({
      store: sender.store,
      log,
      localPasswords,
      cookieSecure: options.cookieSecure,
      sessionCookie,
      sessionHours: options.sessionHours,
      endSession: (session) => auth.logout(session),
    }),
  );

  // --- everything below needs a session ---------------------------------------

  app.use('*', requireSession(auth, sessionCookie));
  // A password an admin set must be changed before anything else (not when passwords are off).
  if (localPasswords) app.use('*', passwordChangeGate());

  const signOut = async (c: Context<Env>) => {
    const current = getCookie(c, sessionCookie);
    if (current !== undefined) await auth.logout(current);
    deleteCookie(c, sessionCookie, { path: '/', secure: options.cookieSecure });
  };

  app.post('/logout', async (c) => {
    await signOut(c);
    return c.redirect('/login', 303);
  });

  app.route('/batches', batchRoutes(sender, log));
  app.route('/team/suppressions', suppressionRoutes(sender.store, log));
  app.route('/team', teamRoutes(sender.store, log, options.publicOrigin));
  app.route(
    '/account',
    accountRoutes(
      sender.store,
      signOut,
      new PasswordChangeThrottle(options.loginThrottle, limitersFor(sender.store)),
    ),
  );

  app.get('/', (c) => c.redirect('/compose', 303));

  // Compose and sending share one suppression list and one prefs store (built once).
  const shared = drafting(sender);
  app.route('/', composeRoutes(shared));
  app.route(
    '/',
    sendingRoutes({ ...shared, deliveries, outboxDir, sendWaitMs: options.sendWaitMs, log }),
  );
  app.route('/', historyRoutes(sender, deliveries, outboxDir));

  return app;
}
