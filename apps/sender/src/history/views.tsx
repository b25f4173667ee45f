/** The history page: filters in words, a result count, the state picture, and rows people can read. */
import type { FC } from 'hono/jsx';
import { displayRecipients } from '../addresses.js';
import { countries, templateIds, templateLabel, templateLabels } from '../catalog.js';
import { describeDelivery, type DeliveryStatus } from '../delivery/status.js';
import type { SendRow } from '../store.js';
import { ScrollTable } from '../web/scroll-table.js';
import { ErrorBox, Layout, type PageUser } from '../web/views.js';
import { STATE_FILTER_LABELS, type BucketCounts, type HistoryFilter } from './query.js';
import { shownState, StateBar, StateWord } from './state.js';

const countryNames = new Map(countries.map((c) => [c.code, c.name]));
export const countryName = (code: string): string => countryNames.get(code) ?? code;

/** "just now", "2 min ago", "3 h ago", "4 days ago", then the date. */
export function ago(iso: string, now: number): string {
  const ms = now - Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const min = Math.floor(ms / 60_000);
  if (min < 1) return 'just now';
  if (min < 60) return `${min} min ago`;
  const hours = Math.floor(min / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  if (days < 7) return `${days} day${days === 1 ? '' : 's'} ago`;
  return new Date(iso).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** A time people read ("2 min ago"), the exact one for machines and as a tooltip. */
export const When: FC<{ iso: string; now: number }> = ({ iso, now }) => (
  <time datetime={iso} title={`${iso.replace('T', ' ').slice(0, 19)} UTC`}>
    {ago(iso, now)}
  </time>
);

const FieldError: FC<{ id: string; error: string | undefined }> = ({ id, error }) =>
  error === undefined ? null : (
    <p class="error field-error" id={id} role="alert">
      {error}
    </p>
  );

export interface FilterProblem {
  field: keyof HistoryFilter;
  message: string;
}

const HistoryFilters: FC<{ filter: HistoryFilter; problem?: FilterProblem | undefined }> = ({
  filter,
  problem,
}) => {
  const at = (field: keyof HistoryFilter) =>
    problem?.field === field
      ? { 'aria-invalid': 'true', 'aria-describedby': `f-${field}-error`, autofocus: true }
      : {};
  const error = (field: keyof HistoryFilter) => (
    <FieldError
      id={`f-${field}-error`}
      error={problem?.field === field ? problem.message : undefined}
    />
  );
  return (
    <form method="get" action="/history" aria-label="Filter the history">
      {filter.batch !== undefined && <input type="hidden" name="batch" value={filter.batch} />}
      <div class="filters">
        <div>
          <label htmlFor="f-template">Template</label>
          <select id="f-template" name="template">
            <option value="">any</option>
            {templateIds.map((id) => (
              <option value={id} selected={filter.template === id}>
                {templateLabels[id]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-country">Country</label>
          <select id="f-country" name="country" {...at('country')}>
            <option value="">any</option>
            {[...countries]
              .sort((a, b) => a.name.localeCompare(b.name, 'en'))
              .map((c) => (
                <option value={c.code} selected={filter.country === c.code}>
                  {c.name}
                </option>
              ))}
          </select>
          {error('country')}
        </div>
        <div>
          <label htmlFor="f-state">State</label>
          <select id="f-state" name="state" {...at('state')}>
            <option value="">any</option>
            {Object.entries(STATE_FILTER_LABELS).map(([state, label]) => (
              <option value={state} selected={filter.state === state}>
                {label}
              </option>
            ))}
          </select>
          {error('state')}
        </div>
        <div>
          <label htmlFor="f-sender">Sender</label>
          <input id="f-sender" name="sender" type="text" value={filter.sender ?? ''} />
        </div>
        <div>
          <label htmlFor="f-from">Sent from</label>
          <input id="f-from" name="from" type="date" value={filter.from ?? ''} {...at('from')} />
          {error('from')}
        </div>
        <div>
          <label htmlFor="f-to">Sent until</label>
          <input id="f-to" name="to" type="date" value={filter.to ?? ''} {...at('to')} />
          {error('to')}
        </div>
        <div>
          <label htmlFor="f-q">Recipient</label>
          <input id="f-q" name="q" type="search" value={filter.q ?? ''} {...at('q')} />
          {error('q')}
        </div>
      </div>
      {problem !== undefined &&
        !['country', 'state', 'from', 'to', 'q'].includes(problem.field) && (
          <ErrorBox error={problem.message} />
        )}
      <div class="actions">
        <button type="submit">Filter</button>
        <a class="button secondary" href="/history">
          Clear
        </a>
      </div>
    </form>
  );
};

const Row: FC<{
  row: SendRow;
  reason: string | undefined;
  delivery: DeliveryStatus | undefined;
  admin: boolean;
  now: number;
}> = ({ row, reason, delivery, admin, now }) => {
  const shown = shownState(row, delivery);
  const why =
    delivery?.kind === 'provider'
      ? describeDelivery(delivery)
          .slice(delivery.state.length)
          .trim()
          .replace(/^\(|\)$/g, '')
      : (reason ?? '');
  return (
    <tr>
      <td data-label="Recipient" class="recipient">
        {/* The link covers the whole row (CSS), so any part of it opens the send. */}
        <a class="row-link" href={`/sends/${row.id}`}>
          {displayRecipients(row.to)}
        </a>
        {row.cc.length > 0 && <span class="hint block">cc {displayRecipients(row.cc)}</span>}
        {row.batchLine !== null && <span class="tag">batch line {row.batchLine}</span>}
      </td>
      <td data-label="Subject">
        {row.subject}
        <span class="hint block">{templateLabel(row.templateId)}</span>
      </td>
      <td data-label="Country">{countryName(row.country)}</td>
      <td data-label="State">
        <StateWord shown={shown} state={row.state} />
        {why !== '' && <span class="hint block">{why}</span>}
      </td>
      <td data-label="When">
        <When iso={row.createdAt} now={now} />
        <span class="hint block">by {row.createdBy}</span>
      </td>
      {/* Admins only: sales users have no actions here, so no empty column either. */}
      {admin && (
        <td data-label="Actions" class="row-actions">
          {delivery?.kind === 'outbox' ? (
            <a href={`/sends/${row.id}/eml`} download="">
              Download .eml
            </a>
          ) : null}
        </td>
      )}
    </tr>
  );
};

export const HistoryPage: FC<{
  user: PageUser;
  rows: SendRow[];
  /** The plain reason of every row that is not `sent`. */
  reasons: ReadonlyMap<number, string>;
  delivery?: ReadonlyMap<number, DeliveryStatus>;
  filter: HistoryFilter;
  /** Each state's count over the whole filter (not just this page). */
  counts?: BucketCounts | undefined;
  problem?: FilterProblem | undefined;
  /** The file name of the batch filtered by, to name it in words. */
  batchName?: string | undefined;
  now: number;
  newerLink?: string | undefined;
  olderLink?: string | undefined;
  exportLink?: string | undefined;
}> = (p) => {
  const total =
    p.counts === undefined ? 0 : Object.values(p.counts).reduce((a: number, b) => a + b, 0);
  const filtered = Object.keys(p.filter).length > 0;
  return (
    <Layout title="History" user={p.user} nav="history">
      <div class="card">
        <h1>History</h1>
        {p.filter.batch !== undefined && (
          <p class="notice">
            Only the emails of the batch{' '}
            <a href={`/batches/${p.filter.batch}`}>{p.batchName ?? p.filter.batch}</a>.{' '}
            <a href="/history">Show all</a>
          </p>
        )}
        <HistoryFilters filter={p.filter} problem={p.problem} />
      </div>
      {p.problem === undefined && (
        <div class="card">
          <p id="history-count" role="status">
            <strong>{total.toLocaleString('en')}</strong> send{total === 1 ? '' : 's'}
            {filtered ? ' match these filters' : ''}.{' '}
            {p.exportLink !== undefined && total > 0 && (
              <a href={p.exportLink}>Download this view as CSV</a>
            )}
          </p>
          {p.counts !== undefined && total > 0 && <StateBar counts={p.counts} id="history-bar" />}
          {p.rows.length === 0 ? (
            <p>{filtered ? 'No sends match these filters.' : 'Nothing sent yet.'}</p>
          ) : (
            <ScrollTable
              label="Sends"
              tableClass="rows"
              cards
              columns={[
                'Recipient',
                'Subject',
                'Country',
                'State',
                'When',
                ...(p.user.role === 'admin' ? ['Actions'] : []),
              ]}
            >
              {p.rows.map((row) => (
                <Row
                  row={row}
                  reason={p.reasons.get(row.id)}
                  delivery={p.delivery?.get(row.id)}
                  admin={p.user.role === 'admin'}
                  now={p.now}
                />
              ))}
            </ScrollTable>
          )}
          {(p.newerLink !== undefined || p.olderLink !== undefined) && (
            <nav class="pager" aria-label="Pages">
              {p.newerLink !== undefined && <a href={p.newerLink}>Newest</a>}
              {p.olderLink !== undefined && <a href={p.olderLink}>Older</a>}
            </nav>
          )}
        </div>
      )}
    </Layout>
  );
};
