import type { Child, FC } from 'hono/jsx';
import { raw } from 'hono/html';
import type { CountryRecord, RenderedEmail } from '@csp-enablement/templates';
import { displayRecipients, MAX_FIELD_LENGTH } from '../addresses.js';
import {
  countries,
  hasPlaceholderInvitation,
  templateIds,
  templateLabel,
  templateLabels,
} from '../catalog.js';
import { DeliveryBadge } from '../delivery/badge.js';
import type { DeliveryStatus } from '../delivery/status.js';
import type { SendRow, SendState } from '../store.js';
import { sendStateWord, StateWord } from '../history/state.js';
import { css } from './styles.js';

export interface PageUser {
  email: string;
  csrf: string;
  role: 'admin' | 'sales';
}

export type Nav = 'compose' | 'batches' | 'history' | 'team' | 'account' | undefined;

const MainNav: FC<{ user: PageUser; nav: Nav; id: string }> = ({ user, nav, id }) => (
  <nav aria-label="Main" id={id}>
    <a href="/compose" aria-current={nav === 'compose' ? 'page' : undefined}>
      Compose
    </a>
    <a href="/batches" aria-current={nav === 'batches' ? 'page' : undefined}>
      Batches
    </a>
    <a href="/history" aria-current={nav === 'history' ? 'page' : undefined}>
      History
    </a>
    {user.role === 'admin' && (
      <a href="/team" aria-current={nav === 'team' ? 'page' : undefined}>
        Team
      </a>
    )}
  </nav>
);

const AccountLinks: FC<{ user: PageUser; nav: Nav }> = ({ user, nav }) => (
  <>
    <a
      href="/account"
      class="user"
      aria-current={nav === 'account' ? 'page' : undefined}
      title="Your account"
    >
      {user.email}
    </a>
    <form method="post" action="/logout">
      <input type="hidden" name="_csrf" value={user.csrf} />
      <button type="submit">Sign out</button>
    </form>
  </>
);

export const Layout: FC<{
  title: string;
  user?: PageUser | undefined;
  nav?: Nav;
  refresh?: number;
  children?: Child;
}> = ({ title, user, nav, refresh, children }) => (
  <>
    {raw('<!doctype html>')}
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {refresh !== undefined && <meta http-equiv="refresh" content={String(refresh)} />}
        <title>{`${title} · CSP sender`}</title>
        <style dangerouslySetInnerHTML={{ __html: css }} />
      </head>
      <body>
        <header class="top">
          <span class="brand">
            CSP Enablement<span class="brand-long"> · Sender</span>
          </span>
          {user && (
            <>
              <MainNav user={user} nav={nav} id="nav-wide" />
              <span class="who wide">
                <AccountLinks user={user} nav={nav} />
              </span>
              {/* Phones: the same links behind one "Menu" (a <details>: no script). */}
              <details class="menu">
                <summary>Menu</summary>
                <div class="menu-panel">
                  <MainNav user={user} nav={nav} id="nav-menu" />
                  <AccountLinks user={user} nav={nav} />
                </div>
              </details>
            </>
          )}
        </header>
        <main>{children}</main>
      </body>
    </html>
  </>
);

export const ErrorBox: FC<{ error?: string | undefined }> = ({ error }) =>
  error === undefined ? null : (
    <div class="error" role="alert">
      {error}
    </div>
  );

export const LoginPage: FC<{
  csrf: string;
  email?: string;
  error?: string | undefined;
  /** Sign in with Microsoft is configured (src/accounts/oidc-routes.tsx). */
  oidc?: boolean;
  /** SENDER_LOCAL_PASSWORDS: off hides the email + password form. */
  passwords?: boolean;
}> = ({ csrf, email, error, oidc = false, passwords = true }) => (
  <Layout title="Sign in">
    <div class="card narrow">
      <h1>Sign in</h1>
      <ErrorBox error={error} />
      {oidc && (
        <div class="actions">
          <a class="button" href="/auth/oidc/start">
            Sign in with Microsoft
          </a>
        </div>
      )}
      {passwords && (
        <form method="post" action="/login">
          <input type="hidden" name="_csrf" value={csrf} />
          <label htmlFor="email">Email</label>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="username"
            required
            value={email ?? ''}
          />
          <label htmlFor="password">Password</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
          />
          <div class="actions">
            <button type="submit" class={oidc ? 'secondary' : undefined}>
              Sign in{oidc ? ' with a password' : ''}
            </button>
          </div>
        </form>
      )}
    </div>
  </Layout>
);

export interface ComposeValues {
  template: string;
  country: string;
  to: string;
  cc: string;
}

export const countryLabel = (c: CountryRecord, transportName: string): string =>
  `${c.name} (${c.code})${hasPlaceholderInvitation(c) ? (transportName === 'outbox' ? ' · placeholder link' : ' · placeholder link, cannot send') : ''}`;

export const ComposePage: FC<{
  user: PageUser;
  values: ComposeValues;
  transport: string;
  error?: string | undefined;
  /** The field the error is about: To and CC show it beside themselves. */
  errorField?: string | undefined;
  /** The countries in the user's order (src/prefs/countries.ts); the registry's order if not given. */
  countryList?: readonly CountryRecord[];
}> = ({ user, values, transport, error, errorField, countryList = countries }) => {
  const at = (field: string) => (errorField === field ? error : undefined);
  return (
    <Layout title="Compose" user={user} nav="compose">
      <div class="card">
        <h1>Send a locked email</h1>
        <p class="hint">
          The text, subject, sender and links come from the locked templates and cannot be changed.
          You choose the template, the country and the recipients. Transport:{' '}
          <strong>
            {transport === 'outbox'
              ? 'local outbox (.eml files, nothing leaves this machine)'
              : 'Resend'}
          </strong>
          .
        </p>
        <ErrorBox error={errorField === 'to' || errorField === 'cc' ? undefined : error} />
        <form method="post" action="/preview">
          <input type="hidden" name="_csrf" value={user.csrf} />
          <label htmlFor="template">Template</label>
          <select id="template" name="template" required>
            {templateIds.map((id) => (
              <option value={id} selected={values.template === id}>
                {templateLabels[id]}
              </option>
            ))}
          </select>
          <label htmlFor="country">Country</label>
          <select id="country" name="country" required>
            {countryList.map((c) => (
              <option value={c.code} selected={values.country === c.code}>
                {countryLabel(c, transport)}
              </option>
            ))}
          </select>
          <label htmlFor="to">
            To{' '}
            <span class="hint">
              the customer&apos;s Global Administrator; several separated by “;” or “,”, with or
              without names as Outlook copies them: Max Müller &lt;max@example.de&gt; (at most 50)
            </span>
          </label>
          <input
            id="to"
            name="to"
            type="text"
            inputmode="email"
            autocomplete="off"
            required
            maxlength={MAX_FIELD_LENGTH}
            value={values.to}
            {...fieldErrorProps('to', at('to'))}
          />
          <FieldError field="to" error={at('to')} />
          <label htmlFor="cc">
            CC <span class="hint">optional: yourself or someone else</span>
          </label>
          <input
            id="cc"
            name="cc"
            type="text"
            inputmode="email"
            autocomplete="off"
            maxlength={MAX_FIELD_LENGTH}
            value={values.cc}
            {...fieldErrorProps('cc', at('cc'))}
          />
          <FieldError field="cc" error={at('cc')} />
          <div class="actions">
            <button type="submit">Preview</button>
          </div>
        </form>
      </div>
    </Layout>
  );
};

/** An input's error, tied to it for screen readers; autofocus takes the user there. */
const fieldErrorProps = (field: string, error: string | undefined) =>
  error === undefined
    ? {}
    : { 'aria-invalid': 'true', 'aria-describedby': `${field}-error`, autofocus: true };

const FieldError: FC<{ field: string; error?: string | undefined }> = ({ field, error }) =>
  error === undefined ? null : (
    <p class="error field-error" id={`${field}-error`} role="alert">
      {error}
    </p>
  );

const HiddenDraft: FC<{ user: PageUser; values: ComposeValues }> = ({ user, values }) => (
  <>
    <input type="hidden" name="_csrf" value={user.csrf} />
    <input type="hidden" name="template" value={values.template} />
    <input type="hidden" name="country" value={values.country} />
    <input type="hidden" name="to" value={values.to} />
    <input type="hidden" name="cc" value={values.cc} />
  </>
);

export const editLink = (values: ComposeValues): string =>
  `/compose?${new URLSearchParams({ template: values.template, country: values.country, to: values.to, cc: values.cc }).toString()}`;

const EmailFacts: FC<{ email: RenderedEmail; from: string; to: string[]; cc: string[] }> = ({
  email,
  from,
  to,
  cc,
}) => (
  <dl class="facts">
    <dt>From</dt>
    <dd>{from}</dd>
    <dt>To</dt>
    <dd>{displayRecipients(to)}</dd>
    <dt>CC</dt>
    <dd>{cc.length > 0 ? displayRecipients(cc) : '—'}</dd>
    <dt>Subject</dt>
    <dd>{email.subject}</dd>
    <dt>Template</dt>
    <dd>
      {templateLabels[email.templateId]} · {email.country} · {email.locale} · version{' '}
      {email.version}
    </dd>
    <dt>Fingerprint</dt>
    <dd class="mono">{email.fingerprint}</dd>
  </dl>
);

const PlaceholderNotice: FC<{ placeholder: boolean; transport: string }> = ({
  placeholder,
  transport,
}) =>
  placeholder ? (
    <div class="notice">
      This country&apos;s invitation link is a <strong>placeholder</strong> (Ingram Micro&apos;s
      partner tenant GUID is not public).{' '}
      {transport === 'outbox'
        ? 'The local outbox accepts it because nothing reaches a real recipient.'
        : 'It is only sent because this is a test setup (SENDER_ALLOW_PLACEHOLDERS with a loopback Resend server).'}
    </div>
  ) : null;

export interface PreviewPageProps {
  user: PageUser;
  values: ComposeValues;
  email: RenderedEmail;
  to: string[];
  cc: string[];
  placeholder: boolean;
  transport: string;
  /** What it goes out from: Step 1 is not sent from the registry's address. */
  from: string;
  /** The suppression notice (src/delivery/suppression-routes.tsx), when a recipient is on it. */
  suppression?: Child;
}

export const PreviewPage: FC<PreviewPageProps> = ({
  user,
  values,
  email,
  to,
  cc,
  placeholder,
  transport,
  from,
  suppression,
}) => (
  <Layout title="Preview" user={user} nav="compose">
    <div class="card">
      <h1>Preview</h1>
      <p>
        <span class="ok">✓ Verified</span> against the locked fingerprint. This is exactly what the
        recipients will get.
      </p>
      <PlaceholderNotice placeholder={placeholder} transport={transport} />
      {suppression}
      <EmailFacts email={email} from={from} to={to} cc={cc} />
      <div class="actions">
        <form method="post" action="/confirm">
          <HiddenDraft user={user} values={values} />
          <button type="submit">Continue to send</button>
        </form>
        <a class="button secondary" href={editLink(values)}>
          Change recipients
        </a>
      </div>
    </div>
    <div class="preview">
      <section class="card">
        <h2>HTML</h2>
        <iframe
          class="email"
          title={`HTML of ${email.subject}`}
          sandbox=""
          referrerpolicy="no-referrer"
          src={`/email/${encodeURIComponent(email.templateId)}/${encodeURIComponent(email.country)}`}
        />
      </section>
      <section class="card">
        <h2>Plain text</h2>
        {/* Scrollable: focusable and named, so a keyboard user can scroll it. */}
        <pre class="text" tabindex={0} role="region" aria-label="Plain-text version">
          {email.text}
        </pre>
      </section>
    </div>
  </Layout>
);

export const ConfirmPage: FC<{
  user: PageUser;
  values: ComposeValues;
  email: RenderedEmail;
  to: string[];
  cc: string[];
  request: string;
  placeholder: boolean;
  transport: string;
  from: string;
  /** The suppression override fields, inside the form, when a recipient is on the list. */
  suppression?: Child;
}> = ({ user, values, email, to, cc, request, placeholder, transport, from, suppression }) => (
  <Layout title="Confirm" user={user} nav="compose">
    <div
      class="card narrow"
      role="alertdialog"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-text"
    >
      <h1 id="confirm-title">Send this email?</h1>
      <p id="confirm-text" class="confirm">
        “{email.subject}” will be sent from {from} to <strong>{displayRecipients(to)}</strong>
        {cc.length > 0 ? (
          <>
            {' '}
            with a copy to <strong>{displayRecipients(cc)}</strong>
          </>
        ) : null}
        . The text cannot be modified.
      </p>
      <PlaceholderNotice placeholder={placeholder} transport={transport} />
      <div class="actions">
        <form method="post" action="/send">
          <HiddenDraft user={user} values={values} />
          <input type="hidden" name="request" value={request} />
          {suppression}
          <button type="submit">OK</button>
        </form>
        <a class="button secondary" href={editLink(values)}>
          Cancel
        </a>
      </div>
    </div>
  </Layout>
);

/** A send's own state as a word with a colour (see src/history/state.tsx for delivery news). */
export const State: FC<{ state: SendState }> = ({ state }) => (
  <StateWord shown={sendStateWord(state)} state={state} />
);

export const ResultPage: FC<{
  user: PageUser;
  row: SendRow;
  reason?: string | undefined;
  delivery?: DeliveryStatus | undefined;
}> = ({ user, row, reason, delivery }) => {
  const pending = row.state === 'queued' || row.state === 'sending';
  return (
    <Layout
      title={`Send #${row.id}`}
      user={user}
      nav="history"
      {...(pending ? { refresh: 2 } : {})}
    >
      <div class="card">
        <h1>
          Send #{row.id} <State state={row.state} />
        </h1>
        {row.state === 'sent' && (
          <p>
            <span class="ok">Sent.</span> The provider&apos;s message id is{' '}
            <code id="message-id">{row.messageId}</code>.
          </p>
        )}
        {delivery && (
          <p id="delivery">
            Delivery: <DeliveryBadge status={delivery} />
            {delivery.kind === 'outbox' && user.role === 'admin' && (
              <>
                {' '}
                <a href={`/sends/${row.id}/eml`} download="" id="eml-download">
                  Download the .eml file
                </a>
              </>
            )}
          </p>
        )}
        {pending && <p>Sending… this page refreshes by itself. Attempts so far: {row.attempts}.</p>}
        {pending && reason !== undefined && (
          <p class="hint" id="reason">
            {reason}
          </p>
        )}
        {row.state === 'failed' && <ErrorBox error={`Not sent: ${reason ?? 'unknown error'}`} />}
        <dl class="facts">
          <dt>To</dt>
          <dd>{displayRecipients(row.to)}</dd>
          <dt>CC</dt>
          <dd>{row.cc.length > 0 ? displayRecipients(row.cc) : '—'}</dd>
          <dt>Subject</dt>
          <dd>{row.subject}</dd>
          <dt>Template</dt>
          <dd>
            {templateLabel(row.templateId)} · {row.country} · version {row.templateVersion}
          </dd>
          <dt>Fingerprint</dt>
          <dd class="mono">{row.fingerprint}</dd>
          <dt>Transport</dt>
          <dd>{row.transport}</dd>
          <dt>Sent by</dt>
          <dd>{row.createdBy}</dd>
          <dt>Queued at</dt>
          <dd>
            <time datetime={row.createdAt}>{row.createdAt.replace('T', ' ').slice(0, 19)} UTC</time>
          </dd>
          <dt>Attempts</dt>
          <dd>{row.attempts}</dd>
        </dl>
        <div class="actions">
          <a class="button" href="/compose">
            Send another
          </a>
          <a class="button secondary" href="/history">
            History
          </a>
        </div>
      </div>
    </Layout>
  );
};

export const MessagePage: FC<{ title: string; message: string; user?: PageUser | undefined }> = ({
  title,
  message,
  user,
}) => (
  <Layout title={title} user={user}>
    <div class="card narrow">
      <h1>{title}</h1>
      <ErrorBox error={message} />
      <a class="button secondary" href={user ? '/compose' : '/login'}>
        Back
      </a>
    </div>
  </Layout>
);
