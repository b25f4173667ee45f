import { stringify } from 'csv-stringify/sync';
import type { SendRow } from '../store.js';

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

/** The filtered history as CSV (RFC 4180 quoting by csv-stringify). */
export function historyCsv(
  rows: readonly SendRow[],
  delivery: (row: SendRow) => string,
  reason: (row: SendRow) => string,
): string {
  const records = rows.map((row) =>
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
    ].map(defuseFormula),
  );
  return stringify(records, { header: true, columns: [...EXPORT_COLUMNS] });
}
