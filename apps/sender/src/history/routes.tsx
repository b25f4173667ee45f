/**
 * GET /history (filters in the URL, keyset pages), GET /history.csv (the same view as CSV)
 * and GET /sends/:id/eml (an outbox send's file, for admins).
 */
import { readFile } from 'node:fs/promises';
import { basename, resolve, sep } from 'node:path';
import { Hono } from 'hono';
import { deliveryStatus, deliveryStatuses, describeDelivery } from '../delivery/status.js';
import type { DeliveryStore } from '../delivery/store.js';
import type { Sender } from '../sending/sender.js';
import type { Env } from '../web/env.js';
import { MessagePage } from '../web/views.js';
import { historyCsvPages, textStream } from './export.js';
import {
  bucketCounts,
  FilterError,
  filterQuery,
  historyPage,
  parseFilter,
  type HistoryFilter,
} from './query.js';
import { HistoryPage } from './views.js';

export function historyRoutes(
  sender: Sender,
  deliveries: DeliveryStore,
  outboxDir: string | undefined,
): Hono<Env> {
  const app = new Hono<Env>();

  app.get('/history', async (c) => {
    const now = sender.store.now();
    let filter: HistoryFilter;
    try {
      filter = parseFilter(c.req.query());
    } catch (error) {
      if (!(error instanceof FilterError)) throw error;
      // The form again, as typed, with the error at its field.
      const query = c.req.query();
      const asTyped: HistoryFilter = {};
      for (const key of ['template', 'country', 'state', 'sender', 'from', 'to', 'q'] as const) {
        const value = query[key];
        if (typeof value === 'string' && value !== '') asTyped[key] = value.slice(0, 320);
      }
      return c.html(
        <HistoryPage
          user={c.get('user')}
          rows={[]}
          reasons={new Map()}
          filter={asTyped}
          problem={{ field: error.field, message: error.message }}
          now={now}
        />,
        400,
      );
    }
    const before = Number(c.req.query('before') ?? '');
    const page = await historyPage(
      sender.store,
      filter,
      Number.isSafeInteger(before) && before > 0 ? before : undefined,
    );
    const reasons = new Map<number, string>();
    for (const row of page.rows) {
      const why = sender.reason(row);
      if (why !== undefined) reasons.set(row.id, why);
    }
    return c.html(
      <HistoryPage
        user={c.get('user')}
        rows={page.rows}
        reasons={reasons}
        delivery={await deliveryStatuses(deliveries, page.rows, outboxDir)}
        filter={filter}
        counts={await bucketCounts(sender.store, filter)}
        batchName={
          filter.batch === undefined
            ? undefined
            : (await sender.store.batches.getBatch(filter.batch))?.fileName
        }
        now={now}
        newerLink={
          c.req.query('before') !== undefined ? `/history${filterQuery(filter)}` : undefined
        }
        olderLink={
          page.nextBefore === undefined
            ? undefined
            : `/history${filterQuery(filter, { before: String(page.nextBefore) })}`
        }
        exportLink={`/history.csv${filterQuery(filter)}`}
      />,
    );
  });

  app.get('/history.csv', (c) => {
    let filter;
    try {
      filter = parseFilter(c.req.query());
    } catch (error) {
      if (!(error instanceof FilterError)) throw error;
      return c.text(error.message, 400);
    }
    // Streamed a page at a time: a 100,000-row export neither fills memory nor holds up other requests.
    const pages = historyCsvPages(
      sender.store,
      filter,
      async (rows) => {
        const statuses = await deliveryStatuses(deliveries, rows, outboxDir);
        return (row) => {
          const status = statuses.get(row.id);
          return status ? describeDelivery(status, false) : '';
        };
      },
      (row) => sender.reason(row) ?? '',
    );
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', 'attachment; filename="csp-sender-history.csv"');
    return c.body(textStream(pages));
  });

  // The .eml the outbox wrote for a send: admins only, and only a file inside the outbox.
  app.get('/sends/:id/eml', async (c) => {
    const user = c.get('user');
    const notFound = (message: string) =>
      c.html(<MessagePage title="Not found" message={message} user={user} />, 404);
    if (user.role !== 'admin')
      return c.html(
        <MessagePage
          title="Admins only"
          message="Only an admin can download the outbox file of a send."
          user={user}
        />,
        403,
      );
    const id = Number(c.req.param('id'));
    const row =
      Number.isSafeInteger(id) && id > 0 ? await sender.store.sends.getSend(id) : undefined;
    if (!row) return notFound(`id: there is no send #${c.req.param('id').slice(0, 40)}.`);
    const status = deliveryStatus(row, new Map(), outboxDir);
    if (outboxDir === undefined || status?.kind !== 'outbox')
      return notFound(`Send #${row.id} has no outbox file (it was not written to the outbox).`);
    const dir = resolve(outboxDir);
    const file = resolve(dir, basename(status.file));
    if (!file.startsWith(dir + sep)) return notFound(`Send #${row.id} has no outbox file.`);
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch {
      return notFound(`Send #${row.id}: its outbox file is no longer there.`);
    }
    c.header('Content-Type', 'message/rfc822');
    c.header('Content-Disposition', `attachment; filename="send-${row.id}.eml"`);
    return c.body(new Uint8Array(bytes));
  });

  return app;
}
