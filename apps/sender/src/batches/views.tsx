import type { Child, FC } from 'hono/jsx';
import { displayRecipients } from '../addresses.js';
import { templateIds, templateLabel, templateLabels } from '../catalog.js';
import type { CountryRecord } from '@csp-enablement/templates';
import { MAX_BATCH_BYTES, MAX_BATCH_BYTES_TEXT, type ImportRow } from './import.js';
import type { BatchRow } from '../store.js';
import { countryLabel, ErrorBox, Layout, type PageUser } from '../web/views.js';
import { ScrollTable } from '../web/scroll-table.js';

export const UPLOAD_LIMIT_BYTES = MAX_BATCH_BYTES;
export const UPLOAD_LIMIT_TEXT = MAX_BATCH_BYTES_TEXT;

/** The page's CSRF token as a hidden field (every batch form posts it). */
export const Csrf: FC<{ user: PageUser }> = ({ user }) => (
  <input type="hidden" name="_csrf" value={user.csrf} />
);

/** A stored ISO time as `YYYY-MM-DD HH:MM:SS` (UTC). */
export const when = (iso: string): string => iso.replace('T', ' ').slice(0, 19);

export const UploadPage: FC<{
  user: PageUser;
  transport: string;
  maxRows: number;
  recent: BatchRow[];
  /** The registry's countries in the user's order (src/prefs/countries.ts). */
  countryList: readonly CountryRecord[];
  template?: string;
  country?: string | undefined;
  error?: string | undefined;
  problems?: string[];
}> = ({ user, transport, maxRows, recent, countryList, template, country, error, problems }) => (
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
          {countryList.map((c) => (
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
          cards
          columns={['File', 'When (UTC)', 'Who', 'Template', 'Rows', 'Actions']}
        >
          {recent.map((b) => (
            <tr>
              <td data-label="File">
                <a href={`/batches/${b.id}`}>{b.fileName}</a>
              </td>
              <td data-label="When (UTC)" class="nowrap">
                {when(b.createdAt)}
              </td>
              <td data-label="Who">{b.createdBy}</td>
              <td data-label="Template">
                {templateLabel(b.templateId)} · {b.country}
              </td>
              <td data-label="Rows">{b.rows}</td>
              <td data-label="Actions">
                <a href={`/history?batch=${encodeURIComponent(b.id)}`}>In history</a>
              </td>
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
  /** The previous batch of this file sent every row: nothing is left, so no OK. */
  finished: boolean;
  placeholder: boolean;
  transport: string;
  /** Lines not sent (repeated or suppressed recipients), inside the OK form (the override). */
  skips?: Child;
}> = (p) => (
  <Layout title="Batch plan" user={p.user} nav="batches">
    <div class="card">
      <h1>{p.finished ? 'This file was sent already' : 'Send this batch?'}</h1>
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
        <dd>{templateLabel(p.templateId)}</dd>
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
      {p.previous !== undefined && p.finished && (
        <p class="notice" id="plan-finished" role="status">
          This file was sent in full already as{' '}
          <a href={`/batches/${p.previous.id}`}>batch {p.previous.id}</a> (
          {when(p.previous.createdAt)} by {p.previous.createdBy}): all {p.alreadySent} emails went
          out. Nothing is left to send, so there is nothing to confirm.{' '}
          <a href={`/history?batch=${encodeURIComponent(p.previous.id)}`}>See them in history</a>.
        </p>
      )}
      {p.previous !== undefined && !p.finished && (
        <p class="notice" id="plan-resume">
          This file was started before as batch {p.previous.id} ({when(p.previous.createdAt)} by{' '}
          {p.previous.createdBy}): {p.alreadySent} of {p.previous.rows} already sent are not sent
          again; OK sends the rest.
        </p>
      )}
      <div class="actions">
        {!p.finished && (
          <form method="post" action="/batches/run">
            <Csrf user={p.user} />
            <input type="hidden" name="plan" value={p.token} />
            {p.skips}
            <button type="submit">OK</button>
          </form>
        )}
        <a class="button secondary" href="/batches">
          {p.finished ? 'Back to batches' : 'Cancel'}
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
      <ScrollTable label="Rows to send" cards columns={['To', 'Line', 'CC', 'Country']}>
        {p.lines.slice(0, SHOWN_LINES).map((line) => (
          <tr>
            <td data-label="To">{displayRecipients(line.to)}</td>
            <td data-label="Line">{line.line}</td>
            <td data-label="CC">{displayRecipients(line.cc)}</td>
            <td data-label="Country">{line.country}</td>
          </tr>
        ))}
      </ScrollTable>
    </div>
  </Layout>
);
