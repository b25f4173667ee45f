/**
 * /invitation/<token>: the page an invitation link opens (no session yet). GET shows the form
 * (opening the link, e.g. by a mail scanner, uses nothing); POST sets the password and signs
 * in. The token in the path is the secret, and POSTs are same-origin (checked for every POST).
 */
import { Hono, type Context } from 'hono';
import type { FC } from 'hono/jsx';
import { MIN_PASSWORD_LENGTH } from '../passwords.js';
import type { Env } from '../web/env.js';
import { ErrorBox, Layout, MessagePage } from '../web/views.js';
import {
  INVITATION_HOURS,
  InvitationError,
  Invitations,
  type InvitationState,
} from './invitations.js';
import { startSession, type SessionStartOptions } from './session-start.js';

type Refusal = Extract<InvitationState, { ok: false }>['why'];

/** Which link, and what to do about it. */
const REFUSALS: Record<Refusal, { status: 403 | 404 | 410; title: string; message: string }> = {
  unknown: {
    status: 404,
    title: 'Invitation link not known',
    message:
      'This invitation link is not known. Check that you opened the whole link (it is long); otherwise ask an admin of the sender for a new one.',
  },
  expired: {
    status: 410,
    title: 'Invitation link expired',
    message: `This invitation link expired: links last ${INVITATION_HOURS} hours. Ask an admin of the sender for a new one.`,
  },
  used: {
    status: 410,
    title: 'Invitation link already used',
    message:
      'This invitation link was already used. Sign in with the password you chose; if you forgot it, ask an admin of the sender for a new link.',
  },
  voided: {
    status: 410,
    title: 'Invitation link replaced',
    message:
      'This invitation link was replaced: a newer invitation or a password reset voided it. Use the newest link you were given, or ask an admin of the sender for a new one.',
  },
  disabled: {
    status: 403,
    title: 'Account disabled',
    message: 'This account is disabled. Ask an admin of the sender to enable it.',
  },
};

const ChoosePasswordPage: FC<{ email: string; action: string; error?: string | undefined }> = ({
  email,
  action,
  error,
}) => (
  <Layout title="Choose your password">
    <div class="card narrow">
      <h1>Choose your password</h1>
      <p>
        You were invited to the CSP sender as <strong>{email}</strong>. Choose your password: you
        are signed in once it is set, and this link then stops working.
      </p>
      <ErrorBox error={error} />
      <form method="post" action={action}>
        {/* For password managers: the account the new password belongs to. */}
        <input type="hidden" name="username" autocomplete="username" value={email} />
        <label htmlFor="password">
          New password <span class="hint">(at least {String(MIN_PASSWORD_LENGTH)} characters)</span>
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="new-password"
          minlength={MIN_PASSWORD_LENGTH}
          required
          autofocus
        />
        <div class="actions">
          <button type="submit">Set password and sign in</button>
        </div>
      </form>
    </div>
  </Layout>
);

export interface InvitationRouteOptions extends SessionStartOptions {
  log: (line: string) => void;
  /** SENDER_LOCAL_PASSWORDS=off: a link would be a way in without Microsoft, so none opens. */
  localPasswords: boolean;
}

export function invitationRoutes(options: InvitationRouteOptions): Hono<Env> {
  const app = new Hono<Env>();
  const invitations = new Invitations(options.store);

  app.use('*', async (c, next) => {
    if (options.localPasswords) {
      await next();
      return undefined;
    }
    return c.html(
      <MessagePage
        title="Invitation links are off"
        message="Passwords are turned off here (SENDER_LOCAL_PASSWORDS=off), so invitation links do not open: sign in with Microsoft."
      />,
      403,
    );
  });

  const refused = (c: Context<Env>, why: Refusal) => {
    const { status, title, message } = REFUSALS[why];
    return c.html(<MessagePage title={title} message={message} />, status);
  };

  app.get('/:token', async (c) => {
    const state = await invitations.check(c.req.param('token'));
    if (!state.ok) return refused(c, state.why);
    return c.html(<ChoosePasswordPage email={state.user.email} action={c.req.path} />);
  });

  app.post('/:token', async (c) => {
    const form = c.get('form');
    const password = typeof form.password === 'string' ? form.password : '';
    let state: InvitationState;
    try {
      state = await invitations.use(c.req.param('token'), password);
    } catch (error) {
      if (!(error instanceof InvitationError)) throw error;
      const open = await invitations.check(c.req.param('token'));
      if (!open.ok) return refused(c, open.why);
      return c.html(
        <ChoosePasswordPage email={open.user.email} action={c.req.path} error={error.message} />,
        400,
      );
    }
    if (!state.ok) return refused(c, state.why);
    await startSession(c, options, state.user.id);
    options.log(`sign-in (invitation): ${state.user.email} chose a password`);
    return c.redirect('/compose', 303);
  });

  return app;
}
