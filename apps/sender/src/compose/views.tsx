import type { Child, FC } from 'hono/jsx';
import type { CountryRecord, RenderedEmail } from '@csp-enablement/templates';
import { displayRecipients, MAX_FIELD_LENGTH } from '../addresses.js';
import { countries, templateIds, templateLabels } from '../catalog.js';
import { countryLabel, ErrorBox, Layout, type PageUser } from '../web/views.js';

export interface ComposeValues {
  template: string;
  country: string;
  to: string;
  cc: string;
}

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

export const HiddenDraft: FC<{ user: PageUser; values: ComposeValues }> = ({ user, values }) => (
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

export const PlaceholderNotice: FC<{ placeholder: boolean; transport: string }> = ({
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
