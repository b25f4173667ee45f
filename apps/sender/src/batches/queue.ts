/**
 * A batch's rows in the store, read a chunk at a time: the sends_batch index
 * (batch_id, chunk_index) gives each chunk without loading the batch.
 */
import { toSend, type SendRow, type Store } from '../store.js';
import type { SqlParam } from '../store/sql.js';

const count = async (store: Store, sql: string, ...params: SqlParam[]): Promise<number> => {
  const row = await store.db.get(sql, ...params);
  return Number(row?.n ?? 0);
};

export interface BatchCounts {
  total: number;
  sent: number;
  failed: number;
  queued: number;
  sending: number;
  open: number;
}

export async function batchCounts(store: Store, batchId: string): Promise<BatchCounts> {
  const rows = await store.db.all(
    'SELECT state, COUNT(*) AS n FROM sends WHERE batch_id = ? GROUP BY state',
    batchId,
  );
  const by = new Map(rows.map((r) => [String(r.state), Number(r.n)]));
  const sent = by.get('sent') ?? 0;
  // Uncertain rows (the answer was lost) did not end `sent`: counted with the failed ones.
  const failed = (by.get('failed') ?? 0) + (by.get('uncertain') ?? 0);
  const queued = by.get('queued') ?? 0;
  const sending = by.get('sending') ?? 0;
  const open = queued + sending;
  return { total: sent + failed + open, sent, failed, queued, sending, open };
}

export function countBatchRows(store: Store, batchId: string): Promise<number> {
  return count(store, 'SELECT COUNT(*) AS n FROM sends WHERE batch_id = ?', batchId);
}

/** Chunk by chunk (ascending), the rows of each chunk that are not sent: at most one chunk in memory. */
export async function* unsentChunks(store: Store, batchId: string): AsyncGenerator<SendRow[]> {
  let after = -1;
  for (;;) {
    const found = await store.db.get(
      "SELECT MIN(chunk_index) AS c FROM sends WHERE batch_id = ? AND chunk_index > ? AND state <> 'sent'",
      batchId,
      after,
    );
    if (found?.c === null || found?.c === undefined) return;
    after = Number(found.c);
    const chunk = (
      await store.db.all(
        "SELECT * FROM sends WHERE batch_id = ? AND chunk_index = ? AND state <> 'sent' ORDER BY id",
        batchId,
        after,
      )
    ).map(toSend);
    if (chunk.length > 0) yield chunk;
  }
}

/** Rows grouped by idempotency key (a chunk retried with --retry-failed may hold two keys). */
export function byKey(rows: readonly SendRow[]): SendRow[][] {
  const groups = new Map<string, SendRow[]>();
  for (const row of rows) {
    const group = groups.get(row.idempotencyKey);
    if (group) group.push(row);
    else groups.set(row.idempotencyKey, [row]);
  }
  return [...groups.values()];
}

/** Ids of the batch's rows already sent (to tell them apart from those this run sends). */
export async function sentIds(store: Store, batchId: string): Promise<Set<number>> {
  const rows = await store.db.all(
    "SELECT id FROM sends WHERE batch_id = ? AND state = 'sent'",
    batchId,
  );
  return new Set(rows.map((r) => Number(r.id)));
}

/** Rows not sent, in line order, at most `limit` (the summary's list). */
export async function unsentRows(store: Store, batchId: string, limit: number): Promise<SendRow[]> {
  return (
    await store.db.all(
      "SELECT * FROM sends WHERE batch_id = ? AND state <> 'sent' ORDER BY batch_line LIMIT ?",
      batchId,
      limit,
    )
  ).map(toSend);
}

export async function hasRequestKey(store: Store, requestKey: string): Promise<boolean> {
  return (
    (await store.db.get('SELECT 1 AS x FROM sends WHERE request_key = ?', requestKey)) !== undefined
  );
}

export async function setBatchRows(store: Store, batchId: string, rows: number): Promise<void> {
  await store.db.run('UPDATE batches SET rows = ? WHERE id = ?', rows, batchId);
}
