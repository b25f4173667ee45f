import { basename } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Suppressions } from '../delivery/suppression.js';
import type { Draft, Sender } from '../sending/sender.js';
import { uncertainFromFile } from '../sending/uncertain.js';
import type { BatchRow, SendRow } from '../store.js';
import { isUniqueViolation } from '../store/errors.js';
import { BatchFileError } from './import.js';
import type { BatchOptions, BatchSummary } from './options.js';
import { scanAndPrepare } from './plan.js';
import {
  batchCounts,
  byKey,
  countBatchRows,
  sentIds,
  setBatchRows,
  unsentChunks,
  unsentRows,
} from './queue.js';
import { queueRows } from './queue-rows.js';
import { holdRun } from './runs.js';
import {
  requeueExpiredUncertain,
  requeueFailedWithNewKeys,
  setAsideStale,
  staleTest,
} from './requeue.js';

/** Rows not sent listed in a summary (the counts are exact). */
const LISTED_UNSENT = 10_000;

/**
 * Sends a CSV batch through the transport's batch call (≤ 100 per call, one
 * idempotency key per chunk). The file is read twice as a stream (checked, then
 * queued in chunked transactions) and sent chunk by chunk from SQLite, so memory
 * stays flat. Running the same file again resumes it: rows already sent are
 * skipped, unfinished chunks go again under their own keys.
 *
 * The steps, in order: check the file (plan.ts) → find or start its batch → queue
 * what is missing (queue-rows.ts) → put retried rows back in the queue (requeue.ts)
 * → send chunk by chunk → wait for rows another run holds → summarise.
 */
export async function runBatch(sender: Sender, options: BatchOptions): Promise<BatchSummary> {
  const {
    scan,
    drafts,
    draft,
    duplicates,
    suppressed: found,
  } = await scanAndPrepare(sender, options);
  // Suppressed addresses (bounced, complained) are skipped unless overridden with a reason.
  const suppressed = found.map((s) => ({ line: s.line, reason: s.reason }));
  const skip = new Set<number>(duplicates.map((d) => d.line));
  if (!options.includeSuppressed) for (const s of found) skip.add(s.line);
  if (options.includeSuppressed && found.length > 0)
    await new Suppressions(sender.store).recordOverride(
      options.createdBy,
      options.includeSuppressed.reason,
      found.map((s) => s.entry),
      `batch ${basename(options.file)} (${options.template}/${options.country.toUpperCase()})`,
    );
  const store = sender.store;
  const hash = scan.hash;

  const opened = await openBatch(sender, options, hash, drafts, draft, scan.valid - skip.size);
  // Registered until it ends: "running" anywhere, and no other instance takes its rows over.
  const end = await holdRun(store.runs, opened.batch.id, sender.owner, sender.leaseMs);
  try {
    let batch = opened.batch;
    const { resumed, joined } = opened;
    let skippedDelivered = 0;
    let skippedUncertain = 0;
    // A new batch, or one whose queueing stopped part way (a crash, a concurrent first run): queue what is missing.
    if ((await countBatchRows(store, batch.id)) < batch.rows) {
      const { queued, uncertainSkipped } = await queueRows(
        sender,
        batch,
        options,
        drafts,
        hash,
        opened.delivered,
        opened.uncertain,
        skip,
      );
      if (!resumed) {
        skippedUncertain = uncertainSkipped;
        skippedDelivered = scan.valid - skip.size - queued - uncertainSkipped;
        if (queued !== batch.rows) {
          await setBatchRows(store, batch.id, queued);
          batch = { ...batch, rows: queued };
        }
      }
    }

    if (options.retryFailed === true) await requeueFailedWithNewKeys(store, batch.id);
    // Uncertain rows of any run of this file whose key expired: new keys, on explicit request only.
    const resent =
      options.resendUncertain === true
        ? await requeueExpiredUncertain(sender, hash, batch.id, options.createdBy)
        : [];

    const alreadySentIds = await sentIds(store, batch.id);
    const start = await batchCounts(store, batch.id);
    const isStale = staleTest(sender);
    const staleCount = await setAsideStale(store, batch.id, isStale);
    options.onStart?.({
      total: start.total,
      pending: start.total - start.sent - staleCount,
      alreadySent: start.sent,
      skippedDelivered,
      skippedUncertain,
      duplicates,
      suppressed: options.includeSuppressed ? [] : suppressed,
      resumed,
      joined,
      batch,
    });

    await sendChunks(sender, batch.id, isStale, resent, {
      sent: start.sent,
      failed: staleCount,
      total: start.total,
      onProgress: options.onProgress,
    });
    await settle(sender, batch.id, options, (progress) => options.onProgress?.(progress));

    const final = await batchCounts(store, batch.id);
    const batchId = batch.id;
    const rowsOf = () => store.batches.batchSends(batchId);
    // Rows of earlier runs sent again by --resend-uncertain (not already in this run's rows).
    const resentFinal: SendRow[] = [];
    for (const r of resent.filter((row) => row.batchId !== batchId))
      resentFinal.push((await store.sends.getSend(r.id)) ?? r);
    return {
      batch,
      resumed,
      joined,
      total: final.total,
      sentNowCount: final.sent - alreadySentIds.size,
      alreadySentCount: alreadySentIds.size,
      failedCount: final.total - final.sent,
      alreadySent: async () => (await rowsOf()).filter((r) => alreadySentIds.has(r.id)),
      skippedDelivered,
      skippedUncertain,
      duplicates,
      suppressed: options.includeSuppressed ? [] : suppressed,
      sentNow: async () => [
        ...(await rowsOf()).filter((r) => r.state === 'sent' && !alreadySentIds.has(r.id)),
        ...resentFinal.filter((r) => r.state === 'sent'),
      ],
      failed: [
        ...(await unsentRows(store, batchId, LISTED_UNSENT)),
        ...resentFinal.filter((r) => r.state !== 'sent'),
      ],
      skippedLines: scan.skippedLines,
      skippedInvalid: scan.skipped,
    };
  } finally {
    await end();
  }
}

/**
 * The batch this run sends: the file's earlier run (resumed), or a new generation.
 * --again starts a new one without the recipients this file already reached; rows whose
 * email may have arrived (uncertain) count as reached: --again never sends them.
 */
async function openBatch(
  sender: Sender,
  options: BatchOptions,
  hash: string,
  drafts: Map<string, Draft>,
  draft: Draft,
  rows: number,
): Promise<{
  batch: BatchRow;
  resumed: boolean;
  joined: boolean;
  delivered: Set<string>;
  uncertain: Set<string>;
}> {
  const store = sender.store;
  const previous = await store.batches.latestBatch(hash);
  // Fewer rows than the batch said: queueing stopped part way (a crash, or a store restored
  // from a backup taken then). --again would send the missing lines under new keys, also
  // those the provider took after the backup; a plain rerun queues them under their first keys.
  const queuedRows = previous ? await countBatchRows(store, previous.id) : 0;
  if (previous && options.again === true && queuedRows < previous.rows)
    throw new BatchFileError(options.file, [
      `batch ${previous.id} of this file was not fully queued (${queuedRows} of ${previous.rows} rows): run the same command without --again first, then --again if still needed`,
    ]);
  if (previous && options.again !== true)
    return {
      batch: previous,
      resumed: true,
      joined: false,
      delivered: new Set(),
      uncertain: new Set(),
    };
  const delivered = previous ? await store.sends.deliveredFromFile(hash) : new Set<string>();
  const uncertain = previous ? await uncertainFromFile(store, hash) : new Set<string>();
  const generation = (previous?.generation ?? 0) + 1;
  try {
    const batch = await store.transaction(() =>
      store.batches.insertBatch({
        id: `${hash.slice(0, 32)}-${generation}`,
        contentHash: hash,
        generation,
        fileName: basename(options.file),
        templateId: draft.email.templateId,
        country: drafts.size === 1 ? draft.email.country : [...drafts.keys()].sort().join(', '),
        rows,
        createdBy: options.createdBy,
      }),
    );
    return { batch, resumed: false, joined: false, delivered, uncertain };
  } catch (error) {
    // Two first runs of one file at once: the other created it a moment ago; join it.
    const other = isUniqueViolation(error, 'batches')
      ? await store.batches.latestBatch(hash)
      : undefined;
    if (!other) throw error;
    return { batch: other, resumed: true, joined: true, delivered, uncertain };
  }
}

/** Sends the batch's unsent chunks (stale rows left aside), then the uncertain rows sent again. */
async function sendChunks(
  sender: Sender,
  batchId: string,
  isStale: (r: SendRow) => boolean,
  resent: SendRow[],
  progress: {
    sent: number;
    failed: number;
    total: number;
    onProgress: BatchOptions['onProgress'];
  },
): Promise<void> {
  let { sent, failed } = progress;
  const { total, onProgress } = progress;
  onProgress?.({ sent, failed, total });
  for await (const chunk of unsentChunks(sender.store, batchId)) {
    for (const group of byKey(chunk.filter((r) => !isStale(r)))) {
      const result = await sender.deliverGroup(group.map((r) => r.id));
      const ok = result.filter((r) => r.state === 'sent').length;
      sent += ok;
      failed += result.length - ok;
      onProgress?.({ sent, failed, total });
    }
  }
  const resentGroups = new Map<string, number[]>();
  for (const row of resent) {
    const key = (await sender.store.sends.getSend(row.id))?.idempotencyKey ?? row.idempotencyKey;
    resentGroups.set(key, [...(resentGroups.get(key) ?? []), row.id]);
  }
  for (const ids of resentGroups.values()) await sender.deliverGroup(ids);
}

/**
 * Rows of this batch another live run holds: wait for that run (bounded),
 * and send any it hands back to `queued`, so the summary is final.
 */
async function settle(
  sender: Sender,
  batchId: string,
  options: BatchOptions,
  progress: (p: { sent: number; failed: number; total: number }) => void,
): Promise<void> {
  const deadline = Date.now() + (options.waitForOthersMs ?? 120_000);
  const pause = options.sleep ?? ((ms: number) => delay(ms));
  for (let round = 0; round < 10_000 && !sender.stopping; round++) {
    const before = await batchCounts(sender.store, batchId);
    if (before.open === 0) return;
    for await (const chunk of unsentChunks(sender.store, batchId)) {
      const free = chunk.filter(
        (r) => (r.state === 'queued' || r.state === 'sending') && !sender.heldByOther(r),
      );
      for (const group of byKey(free)) await sender.deliverGroup(group.map((r) => r.id));
    }
    const now = await batchCounts(sender.store, batchId);
    progress({ sent: now.sent, failed: now.failed, total: now.total });
    if (now.open >= before.open) {
      // No progress this round (held elsewhere, or handed back): look again shortly, within the bound.
      if (Date.now() > deadline) return;
      await pause(250);
    }
  }
}
