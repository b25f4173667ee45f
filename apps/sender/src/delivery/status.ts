import { join } from 'node:path';
import type { SendRow } from '../store.js';
import { messageIdFor, outboxFileName } from '../transports/outbox-names.js';
import type { DeliveryState } from './states.js';
import type { DeliveryRecord, DeliveryStore } from './store.js';

/** What history shows about an email after it left the sender. */
export type DeliveryStatus =
  | {
      kind: 'outbox';
      /** The `.eml` file (a full path when the outbox folder is known). */
      file: string;
    }
  | {
      kind: 'provider';
      state: DeliveryState;
      /** Bounce type, suppression type, ... */
      detail: string | null;
      reason: string | null;
      /** When the provider says it happened; null while nothing was heard after `sent`. */
      at: string | null;
    };

// A batch email's outbox file is `<chunk key>.<index>.eml`, and its id a hash of that name:
// the index is found by matching the hash, never guessed.
const MAX_CHUNK = 100;

function outboxFile(row: SendRow, dir: string | undefined): string {
  let fileKey = row.idempotencyKey;
  if (row.batchId !== null) {
    for (let i = 0; i < MAX_CHUNK; i++) {
      if (messageIdFor(`${row.idempotencyKey}.${i}`) === row.messageId) {
        fileKey = `${row.idempotencyKey}.${i}`;
        break;
      }
    }
  }
  const name = outboxFileName(fileKey);
  return dir === undefined ? `outbox/${name}` : join(dir, name);
}

/**
 * The delivery status of a send that left the sender; undefined while it is
 * queued, sending or failed (the send state says all there is). The outbox
 * delivers nothing: its status names the file and never claims delivery.
 */
export function deliveryStatus(
  row: SendRow,
  records: ReadonlyMap<string, DeliveryRecord>,
  outboxDir?: string,
): DeliveryStatus | undefined {
  if (row.state !== 'sent' || row.messageId === null) return undefined;
  if (row.transport === 'outbox') return { kind: 'outbox', file: outboxFile(row, outboxDir) };
  const record = records.get(row.messageId);
  if (!record) return { kind: 'provider', state: 'sent', detail: null, reason: null, at: null };
  return {
    kind: 'provider',
    state: record.state,
    detail: record.kind,
    reason: record.reason,
    at: record.occurredAt,
  };
}

/** Statuses of many rows (one history page), keyed by send id. */
export async function deliveryStatuses(
  deliveries: DeliveryStore,
  rows: readonly SendRow[],
  outboxDir?: string,
): Promise<Map<number, DeliveryStatus>> {
  const records = await deliveries.forEmails(
    rows.map((r) => r.messageId).filter((id): id is string => id !== null),
  );
  const out = new Map<number, DeliveryStatus>();
  for (const row of rows) {
    const status = deliveryStatus(row, records, outboxDir);
    if (status) out.set(row.id, status);
  }
  return out;
}

/**
 * One line of text: `delivered`, `bounced (Permanent / General: mailbox does not exist)`, ...
 * `withFile`: the outbox file's path, for the CLI on the server; never in the web's pages
 * or exports (admins download the file instead).
 */
export function describeDelivery(status: DeliveryStatus, withFile = true): string {
  if (status.kind === 'outbox')
    return withFile ? `written to outbox (${status.file})` : 'written to outbox';
  const why = [status.detail, status.reason].filter((x): x is string => x !== null && x !== '');
  return why.length === 0 ? status.state : `${status.state} (${why.join(': ')})`;
}
