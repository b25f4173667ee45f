/**
 * The response headers of every page: the app's Content Security Policy (its one script is
 * served from 'self'), no caching, and a stricter policy for the email the preview frames.
 */
import type { MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';
import type { Env } from './env.js';
import { cssHash } from './styles.js';

const EMAIL_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; form-action 'none'; base-uri 'none'; sandbox";

export function shellHeaders(cookieSecure: boolean): MiddlewareHandler<Env>[] {
  // The email route gets its own, even stricter policy (it is framed by the preview).
  const emailPolicy = createMiddleware<Env>(async (c, next) => {
    await next();
    if (c.req.path.startsWith('/email/')) {
      c.header('Content-Security-Policy', EMAIL_CSP);
      c.header('X-Frame-Options', 'SAMEORIGIN');
    }
    c.header('Cache-Control', 'no-store');
  });
  const policy = secureHeaders({
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
    strictTransportSecurity: cookieSecure ? 'max-age=15552000; includeSubDomains' : false,
    referrerPolicy: 'no-referrer',
    crossOriginResourcePolicy: 'same-origin',
    crossOriginOpenerPolicy: 'same-origin',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
  });
  return [emailPolicy, policy];
}
