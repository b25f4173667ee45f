/**
 * The response headers of every answer: the app's Content Security Policy (its one script is
 * served from 'self'), no caching, and a stricter policy for the email the preview frames.
 *
 * They are the same for every request, so they are worked out once and set before the route
 * runs (Hono's `secureHeaders` sets them on the finished response instead, which turns each
 * answer back into a full `Response` object and cost a preview a tenth of its time). Set first,
 * they are on every answer built from the context: pages, redirects, refusals, 404, errors.
 */
import type { MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Env } from './env.js';
import { cssHash } from './styles.js';

const policy = (directives: Record<string, string>): string =>
  Object.entries(directives)
    .map(([name, value]) => (value === '' ? name : `${name} ${value}`))
    .join('; ');

const SHELL_CSP = policy({
  'default-src': "'none'",
  'script-src': "'self'",
  'style-src': cssHash,
  'img-src': "'self' data:",
  'frame-src': "'self'",
  'form-action': "'self'",
  'frame-ancestors': "'none'",
  'base-uri': "'none'",
});

/** The email as sent: no script at all, only inline styles and data: images, and sandboxed. */
const EMAIL_CSP = policy({
  'default-src': "'none'",
  'style-src': "'unsafe-inline'",
  'img-src': 'data:',
  'frame-ancestors': "'self'",
  'form-action': "'none'",
  'base-uri': "'none'",
  sandbox: '',
});

/** The hardening headers of helmet / Hono's secureHeaders, with this app's choices. */
const COMMON: Record<string, string> = {
  'Cache-Control': 'no-store',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Origin-Agent-Cluster': '?1',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-DNS-Prefetch-Control': 'off',
  'X-Download-Options': 'noopen',
  'X-Permitted-Cross-Domain-Policies': 'none',
  'X-XSS-Protection': '0',
};

const EMAIL_PATH = '/email/';

export function shellHeaders(cookieSecure: boolean): MiddlewareHandler<Env> {
  // HSTS only makes sense when served over HTTPS (SENDER_COOKIE_SECURE=1 behind TLS).
  const transport: Record<string, string> = cookieSecure
    ? { 'Strict-Transport-Security': 'max-age=15552000; includeSubDomains' }
    : {};
  const shell = Object.entries({
    ...COMMON,
    ...transport,
    'Content-Security-Policy': SHELL_CSP,
    'X-Frame-Options': 'DENY',
  });
  // The email route is framed by the preview: its own, even stricter policy.
  const framed = Object.entries({
    ...COMMON,
    ...transport,
    'Content-Security-Policy': EMAIL_CSP,
    'X-Frame-Options': 'SAMEORIGIN',
  });
  return createMiddleware<Env>(async (c, next) => {
    for (const [name, value] of c.req.path.startsWith(EMAIL_PATH) ? framed : shell)
      c.header(name, value);
    await next();
  });
}
