import type { FC } from 'hono/jsx';
import { displayRecipients } from '../addresses.js';
import { templateLabel } from '../catalog.js';
import type { BucketCounts } from '../history/query.js';
import { StateBar } from '../history/state.js';
import type { BatchRow, SendRow } from '../store.js';
import { ScrollTable } from '../web/scroll-table.js';
import { ErrorBox, Layout, State, type PageUser } from '../web/views.js';
import type { BatchCounts } from './queue.js';
import type { BatchRun } from './runs.js';
import { when } from './views.js';

export const BatchPage: FC<{
  user: PageUser;
  batch: BatchRow;
  counts: BatchCounts;
  /** The same rows by what happened to them (delivery news included), for the picture. */
  buckets: BucketCounts;
  /** The first rows not sent (the counts are exact). */
  unsent: SendRow[];
  reasons: ReadonlyMap<number, string>;
  /** Runs of it alive now, on any instance (src/batches/runs.ts). */
  runs: readonly BatchRun[];
  error?: string | undefined;
}> = ({ user, batch, counts, buckets, unsent, reasons, runs, error }) => {
  const open = counts.open > 0;
  const running = runs.length > 0;
  const notSent = counts.total - counts.sent;
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
          {batch.fileName} · {templateLabel(batch.templateId)} · {batch.country} · started{' '}
          {when(batch.createdAt)} by {batch.createdBy}
          {done ? '' : ' · this page refreshes itself every 2 seconds (or reload it)'}
        </p>
        <ErrorBox error={error} />
        {running && (
          <p id="batch-running" class="hint">
            Running on{' '}
            {runs.map((r, i) => `${i > 0 ? ', ' : ''}${r.host} (process ${r.pid})`).join('')}.
          </p>
        )}
        {open && !running && (
          <p id="batch-stopped" class="hint">
            No run of this batch is alive now: a running server takes its rows over shortly if the
            file was queued in full; otherwise upload the same file again.
          </p>
        )}
        <p>
          <strong id="batch-total">{counts.total}</strong> email{counts.total === 1 ? '' : 's'} ·{' '}
          <a href={`/history?batch=${encodeURIComponent(batch.id)}`}>See them in history</a>
        </p>
        <StateBar counts={buckets} id="batch-counts" />
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
          <ScrollTable
            label="Rows not sent"
            cards
            tableClass="rows"
            columns={['To', 'Line', 'State', 'Why']}
          >
            {unsent.slice(0, 500).map((row) => (
              <tr>
                <td data-label="To">
                  <a class="row-link" href={`/sends/${row.id}`}>
                    {displayRecipients(row.to)}
                  </a>
                </td>
                <td data-label="Line">{row.batchLine}</td>
                <td data-label="State">
                  <State state={row.state} />
                </td>
                <td data-label="Why">{reasons.get(row.id) ?? ''}</td>
              </tr>
            ))}
          </ScrollTable>
        </div>
      )}
    </Layout>
  );
};
