import type { FC } from 'hono/jsx';
import { displayRecipients } from '../addresses.js';
import { countries, templateIds, templateLabels } from '../catalog.js';
import type { BatchLine } from '../batch.js';
import type { BatchRow, SendRow } from '../store.js';
import { countryLabel, ErrorBox, Layout, State, type PageUser } from '../web/views.js';
import { ScrollTable } from '../web/scroll-table.js';

export const UPLOAD_LIMIT_BYTES = 1024 * 1024;
export const UPLOAD_LIMIT_TEXT = '1 MB';

const Csrf: FC<{ user: PageUser }> = ({ user }) => (
  <input type="hidden" name="_csrf" value={user.csrf} />
);

const when = (iso: string): string => iso.replace('T', ' ').slice(0, 19);

export const UploadPage: FC<{
  user: PageUser;
  transport: string;
  maxRows: number;
  recent: BatchRow[];
  template?: string;
  country?: string;
  error?: string | undefined;
  problems?: string[];
}> = ({ user, transport, maxRows, recent, template, country, error, problems }) => (
  <Layout title="Batches" user={user} nav="batches">
    <div class="card">
      <h1>Send a batch</h1>
      <p class="hint">
        A CSV file with a header line naming a <code>to</code> column and optionally a{' '}
        <code>cc</code> column (several addresses in a cell separated by “;” or “,”, with or without
        names), the same file the <code>csp-sender batch</code> command reads. At most{' '}
        {UPLOAD_LIMIT_TEXT} and {maxRows.toLocaleString('en')} rows. You see a plan first: nothing
        is queued until you confirm. Uploading a file again resumes it: rows already sent are not
        sent twice.
      </p>
      <ErrorBox error={error} />
      {problems !== undefined && problems.length > 0 && (
        <ul class="error" aria-label="Problems in the file">
          {problems.map((p) => (
            <li>{p}</li>
          ))}
        </ul>
      )}
      <form method="post" action="/batches/plan" enctype="multipart/form-data">
        <Csrf user={user} />
        <label htmlFor="template">Template</label>
        <select id="template" name="template" required>
          {templateIds.map((id) => (
            <option value={id} selected={(template ?? templateIds.at(-1)) === id}>
              {templateLabels[id]}
            </option>
          ))}
        </select>
        <label htmlFor="country">Country</label>
        <select id="country" name="country" required>
          {countries.map((c) => (
            <option value={c.code} selected={(country ?? 'US') === c.code}>
              {countryLabel(c, transport)}
            </option>
          ))}
        </select>
        <label htmlFor="file">
          CSV file <span class="hint">(columns to, cc; at most {UPLOAD_LIMIT_TEXT})</span>
        </label>
        <input id="file" name="file" type="file" accept=".csv,text/csv" required />
        <div class="actions">
          <button type="submit">Check the file</button>
        </div>
      </form>
    </div>
    {recent.length > 0 && (
      <div class="card">
        <h2>Recent batches</h2>
        <ScrollTable
          label="Recent batches"
          columns={['File', 'When (UTC)', 'Who', 'Template', 'Rows']}
        >
          {recent.map((b) => (
            <tr>
              <td>
                <a href={`/batches/${b.id}`}>{b.fileName}</a>
              </td>
              <td class="nowrap">{when(b.createdAt)}</td>
              <td>{b.createdBy}</td>
              <td>
                {b.templateId} · {b.country}
              </td>
              <td>{b.rows}</td>
            </tr>
          ))}
        </ScrollTable>
      </div>
    )}
  </Layout>
);

const SHOWN_LINES = 20;

export const PlanPage: FC<{
  user: PageUser;
  token: string;
  fileName: string;
  subject: string;
  templateId: string;
  country: string;
  lines: BatchLine[];
  previous: BatchRow | undefined;
  alreadySent: number;
  placeholder: boolean;
  transport: string;
}> = (p) => (
  <Layout title="Batch plan" user={p.user} nav="batches">
    <div class="card">
      <h1>Send this batch?</h1>
      <p class="ok">✓ {p.fileName}: every line is valid.</p>
      <dl class="facts">
        <dt>Template</dt>
        <dd>
          {p.templateId} · {p.country}
        </dd>
        <dt>Subject</dt>
        <dd>{p.subject}</dd>
        <dt>Emails</dt>
        <dd id="plan-rows">{p.lines.length}</dd>
        <dt>Transport</dt>
        <dd>{p.transport === 'outbox' ? 'local outbox (.eml files)' : 'Resend'}</dd>
      </dl>
      {p.placeholder && (
        <p class="notice">
          This country&apos;s invitation link is a placeholder: the outbox writes files only.
        </p>
      )}
      {p.previous !== undefined && (
        <p class="notice" id="plan-resume">
          This file was started before as batch {p.previous.id} ({when(p.previous.createdAt)} by{' '}
          {p.previous.createdBy}): {p.alreadySent} of {p.previous.rows} already sent are not sent
          again; OK sends the rest.
        </p>
      )}
      <div class="actions">
        <form method="post" action="/batches/run">
          <Csrf user={p.user} />
          <input type="hidden" name="plan" value={p.token} />
          <button type="submit">OK</button>
        </form>
        <a class="button secondary" href="/batches">
          Cancel
        </a>
      </div>
    </div>
    <div class="card">
      <h2>
        First {Math.min(SHOWN_LINES, p.lines.length)} of {p.lines.length} lines
      </h2>
      <ScrollTable label="Lines of the file" columns={['Line', 'To', 'CC']}>
        {p.lines.slice(0, SHOWN_LINES).map((line) => (
          <tr>
            <td>{line.line}</td>
            <td>{displayRecipients(line.to)}</td>
            <td>{displayRecipients(line.cc)}</td>
          </tr>
        ))}
      </ScrollTable>
    </div>
  </Layout>
);

const STATES = ['sent', 'sending', 'queued', 'failed'] as const;

export const BatchPage: FC<{
  user: PageUser;
  batch: BatchRow;
  rows: SendRow[];
  reasons: ReadonlyMap<number, string>;
  running: boolean;
  error?: string | undefined;
}> = ({ user, batch, rows, reasons, running, error }) => {
  const open = rows.some((r) => r.state === 'queued' || r.state === 'sending');
  const unsent = rows.filter((r) => r.state !== 'sent');
  const count = (state: string) => rows.filter((r) => r.state === state).length;
  const done = !open && !running;
  return (
    <Layout
      title={done ? 'Batch result' : 'Batch in progress'}
      user={user}
      nav="batches"
      {...(done ? {} : { refresh: 2 })}
    >
      <div class="card">
        <h1>{done ? 'Batch finished' : 'Batch in progress'}</h1>
        <p class="hint">
          {batch.fileName} · {batch.templateId} · {batch.country} · started {when(batch.createdAt)}{' '}
          by {batch.createdBy}
          {done ? '' : ' · this page refreshes itself every 2 seconds (or reload it)'}
        </p>
        <ErrorBox error={error} />
        <ul class="counts" id="batch-counts" aria-label="Emails per state">
          {STATES.map((state) => (
            <li>
              <State state={state} /> <strong data-state={state}>{count(state)}</strong>
            </li>
          ))}
          <li>
            of <strong id="batch-total">{rows.length}</strong>
          </li>
        </ul>
        {done && (
          <p id="batch-result" role="status">
            {unsent.length === 0
              ? `All ${rows.length} emails were sent.`
              : `${rows.length - unsent.length} of ${rows.length} sent; ${unsent.length} not sent (reasons below). Upload the same file again to retry them.`}
          </p>
        )}
      </div>
      {unsent.length > 0 && (
        <div class="card">
          <h2>Not sent{done ? '' : ' yet'}</h2>
          <ScrollTable label="Rows not sent" columns={['Line', 'To', 'State', 'Why']}>
            {unsent.slice(0, 500).map((row) => (
              <tr>
                <td>
                  <a href={`/sends/${row.id}`}>{row.batchLine}</a>
                </td>
                <td>{displayRecipients(row.to)}</td>
                <td>
                  <State state={row.state} />
                </td>
                <td>{reasons.get(row.id) ?? ''}</td>
              </tr>
            ))}
          </ScrollTable>
        </div>
      )}
    </Layout>
  );
};
