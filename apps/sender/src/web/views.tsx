import type { Child, FC } from 'hono/jsx';
import { raw } from 'hono/html';
import type { CountryRecord } from '@csp-enablement/templates';
import { displayRecipients } from '../addresses.js';
import { countries, hasPlaceholderInvitation, templateIds } from '../catalog.js';
import { DeliveryBadge } from '../delivery/badge.js';
import type { DeliveryStatus } from '../delivery/status.js';
import { STATE_FILTERS, type HistoryFilter } from '../history/query.js';
import type { SendRow } from '../store.js';
import { css } from './styles.js';
import { ScrollTable } from './scroll-table.js';

export interface PageUser {
  email: string;
  csrf: string;
  role: 'admin' | 'sales';
}

export type Nav = 'compose' | 'batches' | 'history' | 'team' | 'account' | undefined;

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
          <span class="brand">CSP Enablement · Sender</span>
          {user && (
            <>
              <nav aria-label="Main">
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
              <span class="who">
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
              </span>
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

export const countryLabel = (c: CountryRecord, transportName: string): string =>
  `${c.name} (${c.code})${hasPlaceholderInvitation(c) ? (transportName === 'outbox' ? ' · placeholder link' : ' · placeholder link, cannot send') : ''}`;

export const State: FC<{ state: string }> = ({ state }) => (
  <span class={`state state-${state}`}>{state}</span>
);

const HistoryFilters: FC<{ filter: HistoryFilter }> = ({ filter }) => (
  <form method="get" action="/history" aria-label="Filter the history">
    <div class="filters">
      <div>
        <label htmlFor="f-template">Template</label>
        <select id="f-template" name="template">
          <option value="">any</option>
          {templateIds.map((id) => (
            <option value={id} selected={filter.template === id}>
              {id}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-country">Country</label>
        <select id="f-country" name="country">
          <option value="">any</option>
          {countries.map((c) => (
            <option value={c.code} selected={filter.country === c.code}>
              {c.name} ({c.code})
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-state">State</label>
        <select id="f-state" name="state">
          <option value="">any</option>
          {STATE_FILTERS.map((state) => (
            <option value={state} selected={filter.state === state}>
              {state}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-sender">Sender</label>
        <input id="f-sender" name="sender" type="text" value={filter.sender ?? ''} />
      </div>
      <div>
        <label htmlFor="f-from">From (UTC)</label>
        <input id="f-from" name="from" type="date" value={filter.from ?? ''} />
      </div>
      <div>
        <label htmlFor="f-to">To (UTC)</label>
        <input id="f-to" name="to" type="date" value={filter.to ?? ''} />
      </div>
      <div>
        <label htmlFor="f-q">Recipient</label>
        <input id="f-q" name="q" type="search" value={filter.q ?? ''} />
      </div>
    </div>
    <div class="actions">
      <button type="submit">Filter</button>
      <a class="button secondary" href="/history">
        Clear
      </a>
    </div>
  </form>
);

export const HistoryPage: FC<{
  user: PageUser;
  rows: SendRow[];
  /** The plain reason of every row that is not `sent`. */
  reasons: ReadonlyMap<number, string>;
  delivery?: ReadonlyMap<number, DeliveryStatus>;
  filter?: HistoryFilter;
  newerLink?: string | undefined;
  olderLink?: string | undefined;
  exportLink?: string;
}> = ({ user, rows, reasons, delivery, filter, newerLink, olderLink, exportLink }) => (
  <Layout title="History" user={user} nav="history">
    <div class="card">
      <h1>History</h1>
      {filter !== undefined && <HistoryFilters filter={filter} />}
      {exportLink !== undefined && (
        <p>
          <a href={exportLink}>Download this view as CSV</a>
        </p>
      )}
      {rows.length === 0 ? (
        <p>
          {filter !== undefined && Object.keys(filter).length > 0
            ? 'No sends match these filters.'
            : 'Nothing sent yet.'}
        </p>
      ) : (
        <ScrollTable
          label="Sends"
          tableClass="wide"
          columns={[
            '#',
            'When (UTC)',
            'Who',
            'Template',
            'To / CC',
            'Version · fingerprint',
            'Status',
            'Delivery',
          ]}
        >
          {rows.map((row) => (
            <tr>
              <td>
                <a href={`/sends/${row.id}`}>{row.id}</a>
              </td>
              <td class="nowrap">{row.createdAt.replace('T', ' ').slice(0, 19)}</td>
              <td>{row.createdBy}</td>
              <td>
                {row.templateId}
                <br />
                {row.country}
                {row.batchId !== null && (
                  <>
                    {' '}
                    <span class="tag">batch line {row.batchLine}</span>
                  </>
                )}
              </td>
              <td>
                {displayRecipients(row.to)}
                {row.cc.length > 0 && (
                  <>
                    <br />
                    <span class="hint">cc {displayRecipients(row.cc)}</span>
                  </>
                )}
              </td>
              <td class="mono">
                {row.templateVersion} · {row.fingerprint.slice(0, 12)}
              </td>
              <td>
                <State state={row.state} />
                {row.messageId !== null && (
                  <>
                    <br />
                    <span class="mono">{row.messageId}</span>
                  </>
                )}
                {reasons.has(row.id) && (
                  <>
                    <br />
                    <span class="hint">{reasons.get(row.id)}</span>
                  </>
                )}
              </td>
              <td>
                <DeliveryBadge status={delivery?.get(row.id)} compact />
              </td>
            </tr>
          ))}
        </ScrollTable>
      )}
      {(newerLink !== undefined || olderLink !== undefined) && (
        <nav class="pager" aria-label="Pages">
          {newerLink !== undefined && <a href={newerLink}>Newest</a>}
          {olderLink !== undefined && <a href={olderLink}>Older</a>}
        </nav>
      )}
    </div>
  </Layout>
);

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
