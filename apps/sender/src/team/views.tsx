import type { FC } from 'hono/jsx';
import type { UserRow } from '../store.js';
import { ErrorBox, Layout, type PageUser } from '../web/views.js';
import { ScrollTable } from '../web/scroll-table.js';
import { CopyField } from '../web/copy-field.js';

/** How a new or reset user gets in: a one-time password, or a link to choose their own. */
const FirstSignIn: FC<{ id: string }> = ({ id }) => (
  <fieldset class="choice">
    <legend>How they sign in</legend>
    <label>
      <input type="radio" name="via" value="password" id={`${id}-password`} checked /> One-time
      password (shown to you now)
    </label>
    <label>
      <input type="radio" name="via" value="invitation" id={`${id}-invitation`} /> Invitation link:
      they choose their own password (single use, 24 hours)
    </label>
  </fieldset>
);

const Csrf: FC<{ user: PageUser }> = ({ user }) => (
  <input type="hidden" name="_csrf" value={user.csrf} />
);

const when = (iso: string): string => iso.replace('T', ' ').slice(0, 19);

export const TeamPage: FC<{
  user: PageUser;
  users: UserRow[];
  log: { at: string; actor: string; detail: string }[];
  error?: string | undefined;
  /** What the last action did, said plainly ("… was disabled: their sessions ended"). */
  notice?: string | undefined;
  email?: string;
}> = ({ user, users, log, error, notice, email }) => (
  <Layout title="Team" user={user} nav="team">
    <div class="card">
      <h1>Team</h1>
      <p class="hint">
        Admins manage the team; sales users compose, send batches and read the history. The{' '}
        <a href="/team/suppressions">suppression list</a> holds addresses that bounced or
        complained.
      </p>
      <ErrorBox error={error} />
      {notice === undefined ? null : (
        <p class="ok" role="status">
          {notice}
        </p>
      )}
      <h2>Add a user</h2>
      <form method="post" action="/team/users">
        <Csrf user={user} />
        <div class="filters">
          <div>
            <label htmlFor="new-email">Email</label>
            <input id="new-email" name="email" type="email" required value={email ?? ''} />
          </div>
          <div>
            <label htmlFor="new-role">Role</label>
            <select id="new-role" name="role">
              <option value="sales">sales</option>
              <option value="admin">admin</option>
            </select>
          </div>
        </div>
        <FirstSignIn id="new-via" />
        <div class="actions">
          <button type="submit">Add user</button>
        </div>
      </form>
    </div>
    <div class="card">
      <h2>Users</h2>
      <ScrollTable label="Users" cards columns={['Email', 'Role', 'State', 'Actions']}>
        {users.map((u) => (
          <tr>
            <td data-label="Email">{u.email}</td>
            <td data-label="Role">{u.role}</td>
            <td data-label="State">
              {u.disabledAt === null ? 'active' : `disabled ${when(u.disabledAt)}`}
            </td>
            <td data-label="Actions">
              <div class="actions tight">
                {/* Reset and disable ask first (a GET page with the POST button). */}
                <a
                  class="button secondary"
                  href={`/team/users/${u.id}/reset`}
                  aria-label={`Reset password of ${u.email}`}
                >
                  Reset password
                </a>
                {u.email.toLowerCase() === user.email.toLowerCase() ? null : u.disabledAt ===
                  null ? (
                  <a
                    class="button secondary"
                    href={`/team/users/${u.id}/disable`}
                    aria-label={`Disable ${u.email}`}
                  >
                    Disable
                  </a>
                ) : (
                  <form method="post" action={`/team/users/${u.id}/enable`}>
                    <Csrf user={user} />
                    <button type="submit" class="secondary" aria-label={`Enable ${u.email}`}>
                      Enable
                    </button>
                  </form>
                )}
              </div>
            </td>
          </tr>
        ))}
      </ScrollTable>
    </div>
    <div class="card">
      <h2>Team actions</h2>
      {log.length === 0 ? (
        <p>No team changes yet.</p>
      ) : (
        <ScrollTable label="Team actions" cards columns={['What', 'When (UTC)', 'Who']}>
          {log.map((entry) => (
            <tr>
              <td data-label="What">{entry.detail}</td>
              <td data-label="When (UTC)" class="nowrap">
                {when(entry.at)}
              </td>
              <td data-label="Who">{entry.actor}</td>
            </tr>
          ))}
        </ScrollTable>
      )}
    </div>
  </Layout>
);

/** The one time a new or reset password is shown; it is stored hashed only. */
export const OneTimePasswordPage: FC<{
  user: PageUser;
  title: string;
  /** What happened, said plainly. */
  done: string;
  email: string;
  password: string;
}> = ({ user, title, done, email, password }) => (
  <Layout title={title} user={user} nav="team">
    <div class="card narrow">
      <h1>{title}</h1>
      <p class="ok" role="status">
        {done}
      </p>
      <p>
        One-time password for <strong>{email}</strong>. It is shown only now: give it to them
        through a private channel. It signs in once: they must choose their own password before
        anything else.
      </p>
      <CopyField id="one-time-password" label="One-time password" value={password} />
      <div class="actions">
        <a class="button secondary" href="/team">
          Back to the team
        </a>
      </div>
    </div>
  </Layout>
);

/** The one time an invitation link is shown; only its hash is stored. */
export const InvitationLinkPage: FC<{
  user: PageUser;
  title: string;
  done: string;
  email: string;
  link: string;
}> = ({ user, title, done, email, link }) => (
  <Layout title={title} user={user} nav="team">
    <div class="card narrow">
      <h1>{title}</h1>
      <p class="ok" role="status">
        {done}
      </p>
      <p>
        Invitation link for <strong>{email}</strong>. It is shown only now: send it to them through
        a private channel. It works once, for 24 hours: they choose their own password and are
        signed in. A new invitation or a reset voids it.
      </p>
      <CopyField id="invitation-link" label="Invitation link" value={link} />
      <div class="actions">
        <a class="button secondary" href="/team">
          Back to the team
        </a>
      </div>
    </div>
  </Layout>
);

/** "Reset X's password?" / "Disable X?": the GET page before the POST that acts. */
export const ConfirmUserActionPage: FC<{
  user: PageUser;
  action: 'reset' | 'disable';
  target: UserRow;
  question: string;
  detail: string;
  button: string;
}> = ({ user, action, target, question, detail, button }) => (
  <Layout title={question} user={user} nav="team">
    <div class="card narrow">
      <h1>{question}</h1>
      <p>{detail}</p>
      <form method="post" action={`/team/users/${target.id}/${action}`}>
        <Csrf user={user} />
        {action === 'reset' ? <FirstSignIn id="reset-via" /> : null}
        <div class="actions">
          <button type="submit">{button}</button>
          <a class="button secondary" href="/team">
            Cancel
          </a>
        </div>
      </form>
    </div>
  </Layout>
);

export const AccountPage: FC<{
  user: PageUser;
  /** Signed in with a password an admin set: it must be changed before anything else. */
  mustChange?: boolean;
  error?: string | undefined;
}> = ({ user, mustChange, error }) => (
  <Layout title="Your account" user={user} nav="account">
    <div class="card narrow">
      <h1>Your account</h1>
      <p>
        Signed in as <strong>{user.email}</strong> ({user.role}).
      </p>
      {mustChange === true ? (
        <p class="notice" role="status">
          Your password was set by an admin. Choose your own password now: nothing else opens until
          you do.
        </p>
      ) : null}
      <ErrorBox error={error} />
      <h2>Change your password</h2>
      <form method="post" action="/account/password">
        <Csrf user={user} />
        <label htmlFor="current">Current password</label>
        <input
          id="current"
          name="current"
          type="password"
          autocomplete="current-password"
          required
        />
        <label htmlFor="password">
          New password <span class="hint">(at least 12 characters)</span>
        </label>
        <input id="password" name="password" type="password" autocomplete="new-password" required />
        <div class="actions">
          <button type="submit">Change password</button>
        </div>
      </form>
    </div>
  </Layout>
);
