import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';
import { InputError } from '../addresses.js';
import { trimSpaces } from '../hidden-characters.js';
import { DEVICE_COOKIE_DAYS, DeviceCookies } from '../auth/device-cookie.js';
import {
  LoginThrottle,
  PasswordChangeThrottle,
  type LoginThrottleSettings,
} from '../auth/login-throttle.js';
import type { TrustProxy } from '../config.js';
import type { OidcSettings } from '../accounts/oidc-config.js';
import { oidcRoutes } from '../accounts/oidc-routes.js';
import { INVITATION_PATH } from '../accounts/invitations.js';
import { invitationRoutes } from '../accounts/invitation-routes.js';
import { passwordChangeGate } from '../accounts/must-change.js';
import { AccountStore } from '../accounts/store.js';
import { templateIds } from '../catalog.js';
import { deliveryStatuses } from '../delivery/status.js';
import { DeliveryStore } from '../delivery/store.js';
import { Suppressions } from '../delivery/suppression.js';
import {
  SuppressionNotice,
  SuppressionOverride,
  suppressionGate,
  suppressionRoutes,
} from '../delivery/suppression-routes.js';
import { webhookRoutes } from '../delivery/webhook.js';
import { RefusedError, type Sender } from '../sender.js';
import { batchRoutes, UPLOAD_BODY_LIMIT, UPLOAD_FIELD, UPLOAD_PATH } from '../batches/routes.js';
import { UPLOAD_LIMIT_TEXT } from '../batches/views.js';
import { historyRoutes } from '../history/routes.js';
import { accountRoutes, teamRoutes } from '../team/routes.js';
import type { Env } from './env.js';
import { OutboxTransport } from '../transports/outbox.js';
import { Auth, sameToken, token } from './auth.js';
import { clientAddress, trustedProxies } from './client-address.js';
import { readForm } from './form.js';
import { signInProblem } from './login-input.js';
import { methodNotAllowed } from './methods.js';
import { originProblem } from './origin.js';
import { previewBody } from './preview-cache.js';
import { cssHash } from './styles.js';
import { countriesFor } from '../prefs/countries.js';
import { Prefs } from '../prefs/store.js';
import { COPY_SCRIPT, COPY_SCRIPT_PATH } from './copy-field.js';
import {
  ComposePage,
  ConfirmPage,
  LoginPage,
  MessagePage,
  PreviewPage,
  ResultPage,
  type ComposeValues,
} from './views.js';
import { readiness } from '../health/readiness.js';

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

const EMAIL_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; form-action 'none'; base-uri 'none'; sandbox";

/** Builds the web app: server-rendered pages; the one script is the optional copy button. */
export function createApp(options: WebOptions): Hono<Env> {
  const { sender } = options;
  const log = options.log ?? (() => undefined);
  const localPasswords = options.localPasswords ?? true;
  const auth = new Auth(
    sender.store,
    options.sessionHours * 3600_000,
    new LoginThrottle(options.loginThrottle),
  );
  const sessionCookie = options.cookieSecure ? '__Host-sid' : 'sid';
  const loginCookie = options.cookieSecure ? '__Host-login' : 'login';
  const deviceCookie = options.cookieSecure ? '__Host-device' : 'device';
  const devices = new DeviceCookies(options.deviceKey ?? randomBytes(32));
  const cookieBase = {
    httpOnly: true,
    sameSite: 'Strict',
    secure: options.cookieSecure,
    path: '/',
  } as const;
  const app = new Hono<Env>();

  // The email route gets its own, even stricter policy (it is framed by the preview).
  app.use('*', async (c, next) => {
    await next();
    if (c.req.path.startsWith('/email/')) {
      c.header('Content-Security-Policy', EMAIL_CSP);
      c.header('X-Frame-Options', 'SAMEORIGIN');
    }
    c.header('Cache-Control', 'no-store');
  });
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: [cssHash],
        imgSrc: ["'self'", 'data:'],
        frameSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
      xFrameOptions: 'DENY',
      // HSTS only makes sense when served over HTTPS (SENDER_COOKIE_SECURE=1 behind TLS).
      strictTransportSecurity: options.cookieSecure ? 'max-age=15552000; includeSubDomains' : false,
      referrerPolicy: 'no-referrer',
      crossOriginResourcePolicy: 'same-origin',
      crossOriginOpenerPolicy: 'same-origin',
      permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
    }),
  );
  // 64 KB for every form; the batch upload alone takes a file of up to 1 MB.
  const formLimit = bodyLimit({
    maxSize: 64 * 1024,
    onError: (c) => c.text('Request body too large (limit 64 KB)', 413),
  });
  const uploadLimit = bodyLimit({
    maxSize: UPLOAD_BODY_LIMIT,
    onError: (c) =>
      c.html(
        <MessagePage
          title="File too large"
          message={`file: the upload is larger than ${UPLOAD_LIMIT_TEXT}; split the CSV into smaller files.`}
        />,
        413,
      ),
  });
  app.use(
    '*',
    createMiddleware<Env>(async (c, next) => {
      const limit = c.req.path === UPLOAD_PATH && c.req.method === 'POST' ? uploadLimit : formLimit;
      const refused = await limit(c, next);
      return refused ?? undefined;
    }),
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
  app.use('*', async (c, next) => {
    if (c.req.method === 'POST' && c.req.path !== RESEND_WEBHOOK_PATH) {
      const wrongOrigin = originProblem(
        c.req.header('origin'),
        c.req.header('host'),
        options.publicOrigin,
      );
      if (wrongOrigin !== undefined)
        return c.html(<MessagePage title="Refused" message={wrongOrigin} />, 403);
      const badForm = await readForm(c.req, c.req.path === UPLOAD_PATH ? [UPLOAD_FIELD] : []);
      if (badForm !== undefined)
        return c.html(
          <MessagePage title="Bad request" message={badForm.message} />,
          badForm.status,
        );
    }
    await next();
    return undefined;
  });

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
  app.get('/readyz', (c) => {
    const state = readiness(sender.store);
    return state.ready ? c.json({ ready: true }) : c.json(state, 503);
  });

  // Resend's delivery events: mounted before the session/CSRF middleware because Resend has
  // neither; its Standard Webhooks signature is checked instead. Only POST /webhooks/resend
  // answers here: any other /webhooks path falls through to the session check below.
  const deliveries = new DeliveryStore(sender.store);
  const outboxDir = sender.transport instanceof OutboxTransport ? sender.transport.dir : undefined;
  app.route(WEBHOOKS_MOUNT, webhookRoutes({ deliveries, secret: options.webhookSecret, log }));

  // --- login ------------------------------------------------------------------

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
    const existing = getCookie(c, loginCookie);
    const csrf =
      existing !== undefined && /^[A-Za-z0-9_-]{43}$/.test(existing) && status !== 403
        ? existing
        : token();
    setCookie(c, loginCookie, csrf, { ...cookieBase, maxAge: 3600 });
    return c.html(
      <LoginPage
        csrf={csrf}
        error={error}
        oidc={options.oidc !== undefined}
        passwords={localPasswords}
        {...(email !== undefined ? { email } : {})}
      />,
      status,
    );
  };

  app.get('/login', (c) =>
    auth.find(getCookie(c, sessionCookie)) ? c.redirect('/compose', 303) : loginForm(c, 200),
  );

  app.post('/login', async (c) => {
    if (!localPasswords)
      return loginForm(c, 403, 'Passwords are turned off here: sign in with Microsoft.');
    const form = await c.req.parseBody();
    const csrf = typeof form._csrf === 'string' ? form._csrf : '';
    const expected = getCookie(c, loginCookie) ?? '';
    if (!sameToken(csrf, expected))
      return loginForm(c, 403, 'The sign-in form expired. Please try again.');
    const email = typeof form.email === 'string' ? trimSpaces(form.email) : '';
    const password = typeof form.password === 'string' ? form.password : '';
    if (email === '' || password === '')
      return loginForm(c, 400, 'email and password: both are required.', email.slice(0, 320));
    const problem = signInProblem(email, password);
    if (problem !== undefined) return loginForm(c, 400, problem);
    const device = devices.verify(getCookie(c, deviceCookie), email);
    const result = await auth.login(
      email,
      password,
      addressOf(c),
      getCookie(c, sessionCookie),
      device,
    );
    if (!result.ok) {
      if (result.status === 429) c.header('Retry-After', String(result.retryAfterSec));
      return loginForm(c, result.status, result.message, email);
    }
    deleteCookie(c, loginCookie, { path: '/', secure: options.cookieSecure });
    setCookie(c, sessionCookie, result.session, {
      ...cookieBase,
      maxAge: options.sessionHours * 3600,
    });
    // This browser is now known for this account: see src/auth/device-cookie.ts.
    setCookie(c, deviceCookie, devices.issue(result.row.email), {
      ...cookieBase,
      maxAge: DEVICE_COOKIE_DAYS * 24 * 3600,
    });
    log(`sign-in: ${result.row.email}`);
    return c.redirect('/compose', 303);
  });

  app.route(
    '/auth/oidc',
    oidcRoutes({
      settings: options.oidc,
      store: sender.store,
      log,
      cookieSecure: options.cookieSecure,
      sessionCookie,
      sessionHours: options.sessionHours,
      endSession: (session) => {
        auth.logout(session);
      },
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
      endSession: (session) => {
        auth.logout(session);
      },
    }),
  );

  // --- everything below needs a session ---------------------------------------

  const requireSession = createMiddleware<Env>(async (c, next) => {
    const session = auth.find(getCookie(c, sessionCookie));
    if (!session) {
      if (c.req.method === 'GET') return c.redirect('/login', 303);
      return c.html(
        <MessagePage title="Signed out" message="Your session has ended. Please sign in again." />,
        401,
      );
    }
    if (c.req.method === 'POST') {
      // The origin was checked for every POST above; here the session's token must match.
      const body = await c.req.parseBody();
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
  app.use('*', requireSession);
  // A password an admin set must be changed before anything else (not when passwords are off).
  if (localPasswords) app.use('*', passwordChangeGate(new AccountStore(sender.store)));

  const signOut = (c: Context<Env>) => {
    const current = getCookie(c, sessionCookie);
    if (current !== undefined) auth.logout(current);
    deleteCookie(c, sessionCookie, { path: '/', secure: options.cookieSecure });
  };

  app.post('/logout', (c) => {
    signOut(c);
    return c.redirect('/login', 303);
  });

  app.route('/batches', batchRoutes(sender, log));
  app.route('/team/suppressions', suppressionRoutes(sender.store, log));
  app.route('/team', teamRoutes(sender.store, log, options.publicOrigin));
  app.route(
    '/account',
    accountRoutes(sender.store, signOut, new PasswordChangeThrottle(options.loginThrottle)),
  );

  app.get('/', (c) => c.redirect('/compose', 303));

  const prefs = new Prefs(sender.store);

  const valuesFrom = (source: Record<string, unknown>): ComposeValues => {
    const field = (name: string): string => {
      const v = source[name];
      return typeof v === 'string' ? v : '';
    };
    return {
      template: field('template'),
      country: field('country'),
      to: field('to'),
      cc: field('cc'),
    };
  };

  const compose = (
    c: Context<Env>,
    values: ComposeValues,
    status: 200 | 400 | 409 | 422,
    error?: string,
    errorField?: string,
  ) =>
    c.html(
      <ComposePage
        user={c.get('user')}
        values={values}
        transport={sender.transport.name}
        error={error}
        errorField={errorField}
        countryList={countriesFor(c.req.header('accept-language'))}
      />,
      status,
    );

  app.get('/compose', (c) => {
    const values = valuesFrom(c.req.query());
    return compose(
      c,
      {
        ...values,
        template: values.template || (templateIds.at(-1) ?? ''),
        country: values.country || (prefs.lastCountry(c.get('session').userId) ?? 'US'),
      },
      200,
    );
  });

  /** Validates, renders and verifies; on bad input shows the compose form again naming the field. */
  const prepare = async (c: Context<Env>) => {
    const values = valuesFrom(await c.req.parseBody());
    try {
      const draft = await sender.prepare(
        { template: values.template, country: values.country, to: [values.to], cc: [values.cc] },
        c.get('session').email,
      );
      return { values, draft };
    } catch (error) {
      if (error instanceof InputError)
        return { values, response: compose(c, values, 400, error.label, error.field) };
      if (error instanceof RefusedError)
        return { values, response: compose(c, values, 422, error.message) };
      throw error;
    }
  };

  const suppressions = new Suppressions(sender.store);
  const suppressedIn = (draft: { to: string[]; cc: string[] }) => [
    ...suppressions.among([...draft.to, ...draft.cc]).values(),
  ];

  app.post('/preview', async (c) => {
    const { values, draft, response } = await prepare(c);
    if (!draft) return response;
    const props = {
      user: c.get('user'),
      values,
      email: draft.email,
      to: draft.to,
      cc: draft.cc,
      placeholder: draft.placeholder,
      transport: sender.transport.name,
      from: draft.from,
    };
    const suppressed = suppressedIn(draft);
    // A suppressed recipient (rare) gets the page rendered with its notice, outside the cache.
    if (suppressed.length > 0)
      return c.html(
        <PreviewPage {...props} suppression={<SuppressionNotice entries={suppressed} />} />,
      );
    // PreviewPage's bytes, joined from pieces cached per verified email (preview-cache.tsx).
    return c.body(previewBody(props), 200, {
      'content-type': 'text/html; charset=UTF-8',
    });
  });

  app.post('/confirm', async (c) => {
    const { values, draft, response } = await prepare(c);
    if (!draft) return response;
    // The next compose starts from this country: remembered when the user goes on to
    // confirm, not at each preview (a write per preview cost the preview 10× its speed).
    prefs.setLastCountry(c.get('session').userId, draft.email.country);
    // One token per confirmation: a double-clicked OK or a re-posted form finds the same send.
    const request = randomBytes(18).toString('base64url');
    return c.html(
      <ConfirmPage
        user={c.get('user')}
        values={values}
        email={draft.email}
        to={draft.to}
        cc={draft.cc}
        request={request}
        placeholder={draft.placeholder}
        transport={sender.transport.name}
        from={draft.from}
        suppression={<SuppressionOverride entries={suppressedIn(draft)} />}
      />,
    );
  });

  app.post('/send', async (c) => {
    const body = await c.req.parseBody();
    const request = typeof body.request === 'string' ? body.request : '';
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(request)) {
      return compose(
        c,
        valuesFrom(body),
        400,
        'request: the confirmation token is missing; preview and confirm again.',
      );
    }
    const { draft, response } = await prepare(c);
    if (!draft) return response;
    if (sender.stopping)
      return c.html(
        <MessagePage
          title="Not sent"
          message="The sender is shutting down: nothing was queued. Try again in a moment."
          user={c.get('user')}
        />,
        503,
      );
    const session = c.get('session');
    // A bounced or complaining address is sent to only with an explicit, recorded override.
    const suppressed = suppressionGate(
      sender.store,
      [...draft.to, ...draft.cc],
      body,
      session.email,
    );
    if (suppressed !== undefined) return compose(c, valuesFrom(body), 409, suppressed);
    const { row, existing } = sender.queue(draft, {
      requestKey: `web:${session.userId}:${request}`,
      createdBy: session.email,
    });
    if (!existing) {
      log(`send #${row.id} queued by ${session.email}: ${row.templateId}/${row.country}`);
      const delivery = sender.deliver(row.id).catch((error: unknown) => {
        log(`send #${row.id}: ${error instanceof Error ? error.message : String(error)}`);
      });
      // An unref'd timer: a stopping process does not linger for it.
      await Promise.race([
        delivery,
        sleep(options.sendWaitMs ?? 15_000, undefined, { ref: false }),
      ]);
    }
    return c.redirect(`/sends/${row.id}`, 303);
  });

  app.get('/sends/:id', (c) => {
    const id = Number(c.req.param('id'));
    const row = Number.isSafeInteger(id) ? sender.store.getSend(id) : undefined;
    if (!row)
      return c.html(
        <MessagePage
          title="Not found"
          message={`id: there is no send #${c.req.param('id')}.`}
          user={c.get('user')}
        />,
        404,
      );
    return c.html(
      <ResultPage
        user={c.get('user')}
        row={row}
        reason={sender.reason(row)}
        delivery={deliveryStatuses(deliveries, [row], outboxDir).get(row.id)}
      />,
    );
  });

  app.route('/', historyRoutes(sender, deliveries, outboxDir));

  // The exact HTML that is sent, for the sandboxed preview frame.
  app.get('/email/:template/:country', async (c) => {
    try {
      const { email } = await sender.renderFor(c.req.param('template'), c.req.param('country'));
      return c.html(email.html);
    } catch (error) {
      if (error instanceof InputError) return c.text(error.message, 404);
      throw error;
    }
  });

  return app;
}
