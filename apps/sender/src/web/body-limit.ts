/**
 * Hono's `bodyLimit`, without its cost on the usual request: a request that declares its
 * length (Content-Length, no Transfer-Encoding) is judged by that header alone, exactly as
 * `bodyLimit` judges it, and Node's parser never reads past the declared length. Only a
 * chunked body is counted while it streams in, by `bodyLimit` itself. A GET or HEAD has no
 * body to limit. (`bodyLimit` looks at `c.req.raw.body` first, which builds a web stream and
 * a full Request for every request, even a GET.)
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import type { Env } from './env.js';

export function limitBody(
  maxSize: number,
  onError: (c: Context<Env>) => Response | Promise<Response>,
): MiddlewareHandler<Env> {
  const streamed = bodyLimit({ maxSize, onError });
  return createMiddleware<Env>(async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') {
      await next();
      return undefined;
    }
    const declared = c.req.header('content-length');
    if (declared !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (Number.parseInt(declared, 10) > maxSize) return onError(c);
      await next();
      return undefined;
    }
    return (await streamed(c, next)) ?? undefined;
  });
}
