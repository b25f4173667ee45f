/** Team pages: admins manage users (/team); everyone changes their own password (/account). */
import { Hono, type Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { PasswordChangeThrottle } from '../auth/login-throttle.js';
import type { Store } from '../store.js';
import type { Env } from '../web/env.js';
import { MessagePage } from '../web/views.js';
import { parseRole, Team, TeamError } from './core.js';
import { invitationLink } from '../accounts/invitations.js';
import {
  AccountPage,
  ConfirmUserActionPage,
  InvitationLinkPage,
  OneTimePasswordPage,
  TeamPage,
} from './views.js';

const field = (form: Record<string, unknown>, name: string): string => {
  const value = form[name];
  return typeof value === 'string' ? value : '';
};

/** Every /team route answers 403 to anyone but an admin. */
const adminOnly = createMiddleware<Env>(async (c, next) => {
  if (c.get('user').role !== 'admin')
    return c.html(
      <MessagePage
        title="Admins only"
        message="role: team management needs the admin role; ask an admin of the sender."
        user={c.get('user')}
      />,
      403,
    );
  await next();
  return undefined;
});

/** The `via` field: a one-time password (the default) or an invitation link. */
const byInvitation = (form: Record<string, unknown>): boolean => {
  const via = field(form, 'via');
  if (via === '' || via === 'password') return false;
  if (via === 'invitation') return true;
  throw new TeamError(
    'via',
    `"${via.slice(0, 40)}" is not a choice; choose password or invitation`,
  );
};

export function teamRoutes(
  store: Store,
  log: (line: string) => void,
  /** SENDER_PUBLIC_URL's origin, for the invitation link; unset: the request's own. */
  publicOrigin?: string,
): Hono<Env> {
  const team = new Team(store);
  const app = new Hono<Env>();
  app.use('*', adminOnly);

  const page = async (
    c: Context<Env>,
    status: 200 | 400 | 404 | 409,
    error?: string,
    email?: string,
    notice?: string,
  ) =>
    c.html(
      <TeamPage
        user={c.get('user')}
        users={await store.users.list()}
        log={await team.log()}
        error={error}
        notice={notice}
        {...(email !== undefined ? { email } : {})}
      />,
      status,
    );

  const userId = (c: Context<Env>): number => {
    const id = Number(c.req.param('id'));
    if (!Number.isSafeInteger(id) || id <= 0)
      throw new TeamError('user', `"${c.req.param('id')}" is not a user number`);
    return id;
  };

  /** Runs a change; a refused one shows the team page with the problem named. */
  const attempt = async (
    c: Context<Env>,
    change: () => Promise<Response> | Response,
    email?: string,
  ): Promise<Response> => {
    try {
      return await change();
    } catch (error) {
      if (!(error instanceof TeamError)) throw error;
      const status = /there is no user|is not a user number/.test(error.message) ? 404 : 400;
      return page(c, status, error.message, email);
    }
  };

  app.get('/', (c) => page(c, 200));

  const linkFor = (c: Context<Env>, token: string): string =>
    invitationLink(publicOrigin ?? new URL(c.req.url).origin, token);

  app.post('/users', async (c) => {
    const form = c.get('form');
    const email = field(form, 'email').slice(0, 320);
    return attempt(
      c,
      async () => {
        const actor = c.get('user').email;
        const role = parseRole(field(form, 'role'));
        if (byInvitation(form)) {
          const { user, invitation } = await team.invite(actor, email, role);
          log(`team: ${actor} added ${user.email} (${user.role}) with an invitation link`);
          return c.html(
            <InvitationLinkPage
              user={c.get('user')}
              title="User added"
              done={`${user.email} was added as ${user.role}.`}
              email={user.email}
              link={linkFor(c, invitation)}
            />,
          );
        }
        const { user, password } = await team.add(actor, email, role);
        log(`team: ${actor} added ${user.email} (${user.role})`);
        return c.html(
          <OneTimePasswordPage
            user={c.get('user')}
            title="User added"
            done={`${user.email} was added as ${user.role}.`}
            email={user.email}
            password={password}
          />,
        );
      },
      email,
    );
  });

  const target = async (c: Context<Env>) => {
    const user = await store.users.userById(userId(c));
    if (!user) throw new TeamError('user', `there is no user #${c.req.param('id')}`);
    return user;
  };

  // Reset and disable end sessions: a GET asks first, only the POST acts.
  app.get('/users/:id/reset', (c) =>
    attempt(c, async () => {
      const user = await target(c);
      return c.html(
        <ConfirmUserActionPage
          user={c.get('user')}
          action="reset"
          target={user}
          question={`Reset ${user.email}'s password?`}
          detail="Their sessions will end and their password stops working. Choose how they get back in: a one-time password shown next (they change it at their first sign-in), or an invitation link where they choose their own."
          button="Reset password"
        />,
      );
    }),
  );

  app.get('/users/:id/disable', (c) =>
    attempt(c, async () => {
      const user = await target(c);
      if (user.email.toLowerCase() === c.get('user').email.toLowerCase())
        throw new TeamError('user', 'you cannot disable your own account');
      return c.html(
        <ConfirmUserActionPage
          user={c.get('user')}
          action="disable"
          target={user}
          question={`Disable ${user.email}?`}
          detail="Their sessions will end at once and they will not be able to sign in until an admin enables them again."
          button="Disable"
        />,
      );
    }),
  );

  app.post('/users/:id/reset', (c) =>
    attempt(c, async () => {
      if (byInvitation(c.get('form'))) {
        const { user, invitation } = await team.resetWithInvitation(c.get('user').email, userId(c));
        log(`team: ${c.get('user').email} reset the password of ${user.email} (invitation link)`);
        return c.html(
          <InvitationLinkPage
            user={c.get('user')}
            title="Password reset"
            done={`${user.email}'s password was reset: their sessions ended.`}
            email={user.email}
            link={linkFor(c, invitation)}
          />,
        );
      }
      const { user, password } = await team.resetPassword(c.get('user').email, userId(c));
      log(`team: ${c.get('user').email} reset the password of ${user.email}`);
      return c.html(
        <OneTimePasswordPage
          user={c.get('user')}
          title="Password reset"
          done={`${user.email}'s password was reset: their sessions ended.`}
          email={user.email}
          password={password}
        />,
      );
    }),
  );

  for (const [action, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(`/users/:id/${action}`, (c) =>
      attempt(c, async () => {
        const user = await team.setDisabled(c.get('user').email, userId(c), disabled);
        log(`team: ${c.get('user').email} ${action}d ${user.email}`);
        return page(
          c,
          200,
          undefined,
          undefined,
          disabled
            ? `${user.email} was disabled: their sessions ended and they cannot sign in.`
            : `${user.email} was enabled: they can sign in again.`,
        );
      }),
    );
  }

  return app;
}

export function accountRoutes(
  store: Store,
  signOut: (c: Context<Env>) => Promise<void>,
  throttle: PasswordChangeThrottle,
): Hono<Env> {
  const team = new Team(store);
  const app = new Hono<Env>();
  // The session row carries the flag (checked against the session epoch on this request).
  const mustChange = (c: Context<Env>): boolean => c.get('session').mustChangePassword;
  app.get('/', (c) => c.html(<AccountPage user={c.get('user')} mustChange={mustChange(c)} />));
  // Where a one-time password leads (src/accounts/must-change.tsx): the same form.
  app.get('/password', (c) =>
    c.html(<AccountPage user={c.get('user')} mustChange={mustChange(c)} />),
  );
  app.post('/password', async (c) => {
    const form = c.get('form');
    const { userId } = c.get('session');
    // Counted before the current password is hashed, like a sign-in.
    const admission = await throttle.admit(userId);
    if (!admission.allowed) {
      c.header('Retry-After', String(admission.retryAfterSec));
      return c.html(
        <AccountPage
          user={c.get('user')}
          mustChange={mustChange(c)}
          error={`current: too many wrong current passwords. Try again in ${admission.retryAfterSec} seconds.`}
        />,
        429,
      );
    }
    try {
      await team.changeOwnPassword(
        c.get('user').email,
        field(form, 'current'),
        field(form, 'password'),
      );
    } catch (error) {
      if (!(error instanceof TeamError)) throw error;
      // Only a wrong current password keeps its count; past it, the guess was right.
      if (error.field !== 'current') await throttle.succeeded(userId);
      return c.html(
        <AccountPage user={c.get('user')} mustChange={mustChange(c)} error={error.message} />,
        400,
      );
    }
    await throttle.succeeded(userId);
    // A new password ends every session, this one too: sign in again with it.
    await signOut(c);
    return c.html(
      <MessagePage
        title="Password changed"
        message="Your password was changed and every session of yours was ended. Sign in with the new password."
      />,
    );
  });
  return app;
}
