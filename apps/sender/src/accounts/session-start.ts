/** Starting a session after a sign-in that is not a password form (Microsoft, an invitation link). */
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Store } from '../store.js';
import { token, tokenHash } from '../web/auth.js';
import type { Env } from '../web/env.js';

export interface SessionStartOptions {
  store: Store;
  cookieSecure: boolean;
  sessionCookie: string;
  sessionHours: number;
  /** Ends the browser's previous session (rotation), as a password sign-in does. */
  endSession: (session: string) => Promise<void>;
}

export async function startSession(
  c: Context<Env>,
  options: SessionStartOptions,
  userId: number,
): Promise<void> {
  const previous = getCookie(c, options.sessionCookie);
  if (previous !== undefined) await options.endSession(previous);
  await options.store.sessions.deleteExpiredSessions();
  const session = token();
  const sessionMs = options.sessionHours * 3600_000;
  await options.store.sessions.createSession(
    tokenHash(session),
    userId,
    token(),
    Date.now() + sessionMs,
  );
  setCookie(c, options.sessionCookie, session, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: options.cookieSecure,
    path: '/',
    maxAge: options.sessionHours * 3600,
  });
}
