import type { Child, FC } from 'hono/jsx';
import { displayRecipients } from '../addresses.js';
import { countries, templateIds, templateLabels } from '../catalog.js';
import type { BatchCounts } from './queue.js';
import {
  MAX_BATCH_BYTES,
  MAX_BATCH_BYTES_TEXT,
  ROLES,
  type ImportRow,
  type Role,
} from './import.js';
import type { BatchRow, SendRow } from '../store.js';
import { countryLabel, ErrorBox, Layout, State, type PageUser } from '../web/views.js';
import { ScrollTable } from '../web/scroll-table.js';

export const UPLOAD_LIMIT_BYTES = MAX_BATCH_BYTES;
export const UPLOAD_LIMIT_TEXT = MAX_BATCH_BYTES_TEXT;

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
        A CSV file (comma, semicolon or tab; saved as “CSV UTF-8” from Excel) with a header line
        naming a <code>to</code> or <code>email</code> column, and optionally <code>cc</code>{' '}
        (several addresses in a cell separated by “;” or “,”, with or without names) and{' '}
        <code>country</code> (each row’s country; rows without one use the country below). Other
        columns are ignored; bad rows are skipped and listed. The same file the{' '}
        <code>csp-sender batch</code> command reads. At most {UPLOAD_LIMIT_TEXT} and{' '}
        {maxRows.toLocaleString('en')} rows. You see a plan first: nothing is queued until you
        confirm. Uploading a file again resumes it: rows already sent are not sent twice.
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
        <label htmlFor="country">Country (for rows without one)</label>
        <select id="country" name="country" required>
          {countries.map((c) => (
            <option value={c.code} selected={(country ?? 'US') === c.code}>
              {countryLabel(c, transport)}
            </option>
          ))}
        </select>
        <label htmlFor="file">
          CSV file <span class="hint">(columns to, cc, country; at most {UPLOAD_LIMIT_TEXT})</span>
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
  lines: ImportRow[];
  valid: number;
  skipped: number;
  skippedLines: string[];
  unused: string[];
  countries: { code: string; rows: number }[];
  previous: BatchRow | undefined;
  alreadySent: number;
  placeholder: boolean;
  transport: string;
  /** Lines not sent (repeated or suppressed recipients), inside the OK form (the override). */
  skips?: Child;
}> = (p) => (
  <Layout title="Batch plan" user={p.user} nav="batches">
    <div class="card">
      <h1>Send this batch?</h1>
      {p.skipped === 0 ? (
        <p class="ok" id="plan-summary">
          ✓ {p.fileName}: every line is valid: {p.valid} rows will be sent.
        </p>
      ) : (
        <p class="notice" id="plan-summary">
          {p.fileName}: {p.valid} row{p.valid === 1 ? '' : 's'} will be sent, {p.skipped} skipped
          (listed below: fix them and upload the file again to send those).
        </p>
      )}
      {p.unused.length > 0 && (
        <p class="hint" id="plan-unused">
          Not used: {p.unused.join(', ')}
        </p>
      )}
      <dl class="facts">
        <dt>Template</dt>
        <dd>{p.templateId}</dd>
        <dt>Countries</dt>
        <dd id="plan-countries">{p.countries.map((c) => `${c.code} (${c.rows})`).join(', ')}</dd>
        <dt>Subject</dt>
        <dd>{p.subject}</dd>
        <dt>Emails</dt>
        <dd id="plan-rows">{p.valid}</dd>
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
          {p.skips}
          <button type="submit">OK</button>
        </form>
        <a class="button secondary" href="/batches">
          Cancel
        </a>
      </div>
    </div>
    {p.skipped > 0 && (
      <div class="card">
        <h2>
          Skipped: {p.skipped} line{p.skipped === 1 ? '' : 's'} (not sent)
        </h2>
        <ul class="error" id="plan-skipped" aria-label="Skipped lines">
          {p.skippedLines.map((why) => (
            <li>{why}</li>
          ))}
        </ul>
        {p.skipped > p.skippedLines.length && (
          <p class="hint">… and {p.skipped - p.skippedLines.length} more.</p>
        )}
      </div>
    )}
    <div class="card">
      <h2>
        First {Math.min(SHOWN_LINES, p.lines.length)} of {p.valid} rows to send
      </h2>
      <ScrollTable label="Rows to send" columns={['Line', 'To', 'CC', 'Country']}>
        {p.lines.slice(0, SHOWN_LINES).map((line) => (
          <tr>
            <td>{line.line}</td>
            <td>{displayRecipients(line.to)}</td>
            <td>{displayRecipients(line.cc)}</td>
            <td>{line.country}</td>
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
  counts: BatchCounts;
  /** The first rows not sent (the counts are exact). */
  unsent: SendRow[];
  reasons: ReadonlyMap<number, string>;
  running: boolean;
  error?: string | undefined;
}> = ({ user, batch, counts, unsent, reasons, running, error }) => {
  const open = counts.open > 0;
  const notSent = counts.total - counts.sent;
  const count = (state: (typeof STATES)[number]) => counts[state];
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
            of <strong id="batch-total">{counts.total}</strong>
          </li>
        </ul>
        {done && (
          <p id="batch-result" role="status">
            {notSent === 0
              ? `All ${counts.total} emails were sent.`
              : `${counts.sent} of ${counts.total} sent; ${notSent} not sent (reasons below). Upload the same file again to retry them.`}
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

const ROLE_LABEL: Record<Role, string> = {
  to: 'To (required)',
  cc: 'CC',
  country: 'Country',
};

/** When the header does not say which column is To / CC / Country: the user picks them. */
export const MappingPage: FC<{
  user: PageUser;
  token: string;
  fileName: string;
  header: string[];
  guess: Partial<Record<Role, number>>;
  problems: string[];
}> = (p) => (
  <Layout title="Choose the columns" user={p.user} nav="batches">
    <div class="card">
      <h1>Which column is which?</h1>
      <p class="hint">
        {p.fileName}: the header does not say which column holds the recipients. Choose them; other
        columns are ignored. Nothing is queued yet: the plan comes next.
      </p>
      <ul class="error" aria-label="Problems in the header">
        {p.problems.map((why) => (
          <li>{why}</li>
        ))}
      </ul>
      <form method="post" action="/batches/map" id="mapping">
        <Csrf user={p.user} />
        <input type="hidden" name="plan" value={p.token} />
        {ROLES.map((role) => (
          <>
            <label htmlFor={`column-${role}`}>{ROLE_LABEL[role]}</label>
            <select id={`column-${role}`} name={role} required={role === 'to'}>
              {role !== 'to' && (
                <option value="none" selected={p.guess[role] === undefined}>
                  (none)
                </option>
              )}
              {p.header.map((name, i) => (
                <option value={String(i + 1)} selected={p.guess[role] === i}>
                  {i + 1}: {name === '' ? '(no name)' : name}
                </option>
              ))}
            </select>
          </>
        ))}
        <div class="actions">
          <button type="submit">Check the file</button>
          <a class="button secondary" href="/batches">
            Cancel
          </a>
        </div>
      </form>
    </div>
  </Layout>
);
