import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { stringify } from 'csv-stringify/sync';
import type { SendRow, Store } from '../store.js';
import { EXPORT_LIMIT, historyPage, type HistoryFilter } from './query.js';

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, or a leading tab or
 * carriage return) gets a leading apostrophe: the export opens as plain text.
 */
export function defuseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export const EXPORT_COLUMNS = [
  'id',
  'created_at',
  'sender',
  'template',
  'country',
  'to',
  'cc',
  'state',
  'delivery',
  'reason',
  'message_id',
  'batch_line',
] as const;

const record = (
  row: SendRow,
  delivery: (row: SendRow) => string,
  reason: (row: SendRow) => string,
): string[] =>
  [
    String(row.id),
    row.createdAt,
    row.createdBy,
    row.templateId,
    row.country,
    row.to.join('; '),
    row.cc.join('; '),
    row.state,
    delivery(row),
    reason(row),
    row.messageId ?? '',
    row.batchLine === null ? '' : String(row.batchLine),
  ].map(defuseFormula);

/** The filtered history as CSV (RFC 4180 quoting by csv-stringify). */
export function historyCsv(
  rows: readonly SendRow[],
  delivery: (row: SendRow) => string,
  reason: (row: SendRow) => string,
): string {
  return stringify(
    rows.map((row) => record(row, delivery, reason)),
    { header: true, columns: [...EXPORT_COLUMNS] },
  );
}

/** Rows per page of the streamed export: one keyset query, then a turn of the event loop. */
export const EXPORT_PAGE_ROWS = 50;

/**
 * The filtered history as CSV, a page at a time: each page is one keyset query
 * (`id < last`, by the filter's index), its delivery states, and its CSV text;
 * between pages the event loop runs other requests. Memory holds one page,
 * whatever the export's size.
 */
export async function* historyCsvPages(
  store: Store,
  filter: HistoryFilter,
  delivery: (rows: readonly SendRow[]) => Promise<(row: SendRow) => string>,
  reason: (row: SendRow) => string,
  limit = EXPORT_LIMIT,
  pageRows = EXPORT_PAGE_ROWS,
): AsyncGenerator<string> {
  yield stringify([[...EXPORT_COLUMNS]]);
  let before: number | undefined;
  let left = limit;
  while (left > 0) {
    const page = await historyPage(store, filter, before, Math.min(pageRows, left));
    if (page.rows.length === 0) return;
    const describe = await delivery(page.rows);
    yield stringify(page.rows.map((row) => record(row, describe, reason)));
    left -= page.rows.length;
    if (page.nextBefore === undefined) return;
    before = page.nextBefore;
    await yieldToLoop();
  }
}

/** A generator of text as a byte stream that pulls one page per read (backpressure). */
export function textStream(pages: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await pages.next();
        if (next.done === true) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await pages.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}
