/** GET /history (filters in the URL, keyset pages) and GET /history.csv (the same view as CSV). */
import { Hono } from 'hono';
import { deliveryStatuses, describeDelivery } from '../delivery/status.js';
import type { DeliveryStore } from '../delivery/store.js';
import type { Sender } from '../sending/sender.js';
import type { Env } from '../web/env.js';
import { HistoryPage, MessagePage } from '../web/views.js';
import { historyCsvPages, textStream } from './export.js';
import { FilterError, filterQuery, historyPage, parseFilter } from './query.js';

export function historyRoutes(
  sender: Sender,
  deliveries: DeliveryStore,
  outboxDir: string | undefined,
): Hono<Env> {
  const app = new Hono<Env>();

  app.get('/history', (c) => {
    let filter;
    try {
      filter = parseFilter(c.req.query());
    } catch (error) {
      if (!(error instanceof FilterError)) throw error;
      return c.html(
        <MessagePage title="Bad filter" message={error.message} user={c.get('user')} />,
        400,
      );
    }
    const before = Number(c.req.query('before') ?? '');
    const page = historyPage(
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
        delivery={deliveryStatuses(deliveries, page.rows, outboxDir)}
        filter={filter}
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
      (rows) => {
        const statuses = deliveryStatuses(deliveries, rows, outboxDir);
        return (row) => {
          const status = statuses.get(row.id);
          return status ? describeDelivery(status) : '';
        };
      },
      (row) => sender.reason(row) ?? '',
    );
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', 'attachment; filename="csp-sender-history.csv"');
    return c.body(textStream(pages));
  });

  return app;
}
