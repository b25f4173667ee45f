import { parseTemplate } from '../catalog.js';
import type { Draft, Sender } from '../sending/sender.js';
import { recipientKey, type BatchRow } from '../store.js';
import { BatchFileError, readBatch, type ImportRow } from './import.js';
import type { BatchOptions } from './options.js';
import { hashPrefix, opener, QUEUE_CHUNK_ROWS } from './plan.js';
import { hasRequestKey } from './queue.js';

/** Rows of a batch in a range of lines: a range search of the sends_batch_line index. */
export const QUEUED_LINES_SQL =
  'SELECT COUNT(*) AS n FROM sends WHERE batch_id = ? AND batch_line BETWEEN ? AND ?';

/** Whether any of these lines of the batch has a row already (one indexed range count). */
async function anyQueued(
  store: Sender['store'],
  batchId: string,
  rows: readonly ImportRow[],
): Promise<boolean> {
  if (rows.length === 0) return false;
  const lines = rows.map((r) => r.line);
  const found = await store.db.get(
    QUEUED_LINES_SQL,
    batchId,
    Math.min(...lines),
    Math.max(...lines),
  );
  return Number(found?.n ?? 0) > 0;
}

/**
 * Queues the file's valid rows into a batch, QUEUE_CHUNK_ROWS per transaction,
 * reading the file again as a stream. Rows already queued (a run that stopped
 * mid-queue) are kept; each email chunk holds one country (one email per call).
 */
export async function queueRows(
  sender: Sender,
  batch: BatchRow,
  options: BatchOptions,
  drafts: Map<string, Draft>,
  expectedHash: string,
  delivered: Set<string>,
  uncertain: Set<string>,
  skip: Set<number>,
): Promise<{ queued: number; uncertainSkipped: number }> {
  const store = sender.store;
  const size = sender.transport.maxBatchSize;
  // Each country's open chunk: its index and how many rows it holds.
  const open = new Map<string, { index: number; rows: number }>();
  let nextChunk = 0;
  let queued = 0;
  let uncertainSkipped = 0;
  let pending: ImportRow[] = [];
  const flush = async () => {
    const rows = pending;
    pending = [];
    await store.transaction(async () => {
      // Rows of these lines queued already: by an earlier run that stopped part way, or by
      // another run of the same file queueing at this moment (another process or instance).
      // Asked inside the write transaction, so none can be added between the look and the insert.
      const filling = await anyQueued(store, batch.id, rows);
      for (const line of rows) {
        let chunk = open.get(line.country);
        if (!chunk || chunk.rows >= size) {
          chunk = { index: nextChunk++, rows: 0 };
          open.set(line.country, chunk);
        }
        const requestKey = `${batch.id}#${line.line}`;
        if (filling && (await hasRequestKey(store, requestKey))) {
          chunk.rows++;
          queued++;
          continue;
        }
        // Duplicate recipients, and suppressed ones unless overridden: never queued.
        if (skip.has(line.line)) continue;
        const key = recipientKey(line.to, line.cc);
        if (delivered.has(key)) continue;
        if (uncertain.has(key)) {
          uncertainSkipped++;
          continue;
        }
        chunk.rows++;
        queued++;
        const draft = drafts.get(line.country);
        if (!draft) throw new Error(`batch: no checked email for ${line.country}`);
        await store.sends.insertSend({
          requestKey,
          idempotencyKey: `csp-batch-${batch.id}-c${chunk.index}`,
          templateId: draft.email.templateId,
          country: draft.email.country,
          to: line.to,
          cc: line.cc,
          subject: draft.email.subject,
          fingerprint: draft.email.fingerprint,
          templateVersion: draft.email.version,
          transport: sender.transport.name,
          endpoint: sender.transport.endpoint,
          createdBy: options.createdBy,
          batchId: batch.id,
          batchLine: line.line,
          chunkIndex: chunk.index,
        });
      }
    });
  };
  const template = parseTemplate(options.template.trim());
  const scan = await readBatch(opener(options)(), {
    file: options.file,
    defaultCountry: options.country,
    columns: options.columns,
    hashPrefix: hashPrefix(template, options.country, sender.transport),
    onRow: async (row) => {
      pending.push(row);
      if (pending.length >= QUEUE_CHUNK_ROWS) await flush();
    },
  });
  if (pending.length > 0) await flush();
  if (scan.hash !== expectedHash)
    throw new BatchFileError(options.file, [
      'the file changed while it was being read: run the batch again',
    ]);
  return { queued, uncertainSkipped };
}
