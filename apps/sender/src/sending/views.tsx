import type { Child, FC } from 'hono/jsx';
import type { RenderedEmail } from '@csp-enablement/templates';
import { displayRecipients } from '../addresses.js';
import { templateLabel } from '../catalog.js';
import { HiddenDraft, PlaceholderNotice, editLink, type ComposeValues } from '../compose/views.js';
import { DeliveryBadge } from '../delivery/badge.js';
import type { DeliveryStatus } from '../delivery/status.js';
import type { SendRow } from '../store.js';
import { ErrorBox, Layout, State, type PageUser } from '../web/views.js';

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
