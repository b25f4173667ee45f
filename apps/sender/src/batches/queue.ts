/**
 * A batch's rows in SQLite, read a chunk at a time: the sends_batch index
 * (batch_id, chunk_index) gives each chunk without loading the batch.
 */
import { toSend, type Row, type SendRow, type Store } from '../store.js';

const count = (store: Store, sql: string, ...params: (string | number)[]): number => {
  const row = store.statement(sql).get(...params) as { n: number | bigint } | undefined;
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

export function batchCounts(store: Store, batchId: string): BatchCounts {
  const rows = store
    .statement('SELECT state, COUNT(*) AS n FROM sends WHERE batch_id = ? GROUP BY state')
    .all(batchId) as { state: string; n: number | bigint }[];
  const by = new Map(rows.map((r) => [r.state, Number(r.n)]));
  const sent = by.get('sent') ?? 0;
  // Uncertain rows (the answer was lost) did not end `sent`: counted with the failed ones.
  const failed = (by.get('failed') ?? 0) + (by.get('uncertain') ?? 0);
  const queued = by.get('queued') ?? 0;
  const sending = by.get('sending') ?? 0;
  const open = queued + sending;
  return { total: sent + failed + open, sent, failed, queued, sending, open };
}

export function countBatchRows(store: Store, batchId: string): number {
  return count(store, 'SELECT COUNT(*) AS n FROM sends WHERE batch_id = ?', batchId);
}

/** Chunk by chunk (ascending), the rows of each chunk that are not sent: at most one chunk in memory. */
export function* unsentChunks(store: Store, batchId: string): Generator<SendRow[]> {
  const next = store.statement(
    "SELECT MIN(chunk_index) AS c FROM sends WHERE batch_id = ? AND chunk_index > ? AND state <> 'sent'",
  );
  const rows = store.statement(
    "SELECT * FROM sends WHERE batch_id = ? AND chunk_index = ? AND state <> 'sent' ORDER BY id",
  );
  let after = -1;
  for (;;) {
    const found = next.get(batchId, after) as { c: number | bigint | null } | undefined;
    if (found?.c === null || found?.c === undefined) return;
    after = Number(found.c);
    const chunk = (rows.all(batchId, after) as Row[]).map(toSend);
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
export function sentIds(store: Store, batchId: string): Set<number> {
  const rows = store
    .statement("SELECT id FROM sends WHERE batch_id = ? AND state = 'sent'")
    .all(batchId) as { id: number | bigint }[];
  return new Set(rows.map((r) => Number(r.id)));
}

/** Rows not sent, in line order, at most `limit` (the summary's list). */
export function unsentRows(store: Store, batchId: string, limit: number): SendRow[] {
  return (
    store
      .statement(
        "SELECT * FROM sends WHERE batch_id = ? AND state <> 'sent' ORDER BY batch_line LIMIT ?",
      )
      .all(batchId, limit) as Row[]
  ).map(toSend);
}

export function hasRequestKey(store: Store, requestKey: string): boolean {
  return store.statement('SELECT 1 FROM sends WHERE request_key = ?').get(requestKey) !== undefined;
}

export function setBatchRows(store: Store, batchId: string, rows: number): void {
  store.statement('UPDATE batches SET rows = ? WHERE id = ?').run(rows, batchId);
}
