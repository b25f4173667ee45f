import { randomUUID } from 'node:crypto';
import { KEY_LIFETIME_MS, type Sender } from '../sending/sender.js';
import { expiredUncertain, requeueUncertain } from '../sending/uncertain.js';
import type { SendRow, Store } from '../store.js';
import { unsentChunks } from './queue.js';

/** --retry-failed: new keys, one per chunk of failed rows (the old keys may have expired at the provider). */
export async function requeueFailedWithNewKeys(store: Store, batchId: string): Promise<void> {
  const run = randomUUID().slice(0, 8);
  for await (const chunk of unsentChunks(store, batchId)) {
    const failedRows = chunk.filter((r) => r.state === 'failed');
    await store.transaction(async () => {
      for (const row of failedRows)
        await store.sends.requeueWithKey(
          row.id,
          `csp-batch-${batchId}-r${run}-c${row.chunkIndex ?? 0}`,
        );
    });
  }
}

/**
 * --resend-uncertain: uncertain rows of any run of this file whose key expired go
 * again under new keys (the first email may have arrived; recorded in the audit log).
 */
export async function requeueExpiredUncertain(
  sender: Sender,
  hash: string,
  batchId: string,
  createdBy: string,
): Promise<SendRow[]> {
  const store = sender.store;
  const resent = await expiredUncertain(store, hash, sender.now());
  if (resent.length === 0) return resent;
  const size = sender.transport.maxBatchSize;
  const run = randomUUID().slice(0, 8);
  const at = new Date(sender.now()).toISOString();
  await store.transaction(async () => {
    for (const [index, row] of resent.entries()) {
      await requeueUncertain(
        store,
        row.id,
        `csp-batch-${row.batchId ?? batchId}-u${run}-c${Math.floor(index / size)}`,
        at,
      );
      await store.audit.logEvent(
        createdBy,
        'resend-uncertain',
        `batch ${row.batchId ?? '?'} line ${row.batchLine ?? '?'} to ${[...row.to, ...row.cc].join(';')}: sent again under a new key (the first may have arrived)`,
      );
    }
  });
  return resent;
}

/** Past the provider's key lifetime a resend could duplicate: those rows are left to a human. */
export const staleTest =
  (sender: Sender) =>
  (r: SendRow): boolean =>
    r.firstAttemptAt !== null && sender.now() - r.firstAttemptAt > KEY_LIFETIME_MS;

const STALE_REASON =
  'first tried more than 23 h ago: the provider forgets idempotency keys after 24 h, so it was not resent. Check the provider log; for the rows that never arrived run the same command with --retry-failed (new keys, failed rows only)';

/**
 * Marks the stale unsent rows failed (with why) and puts the other failed or uncertain
 * rows back in the queue under their own keys. Returns how many were stale.
 */
export async function setAsideStale(
  store: Store,
  batchId: string,
  isStale: (r: SendRow) => boolean,
): Promise<number> {
  let staleCount = 0;
  for await (const chunk of unsentChunks(store, batchId)) {
    const stale = chunk.filter(isStale);
    staleCount += stale.length;
    // Uncertain rows keep their state and reason; rows that may have arrived become uncertain.
    await store.sends.markFailed(
      stale
        .filter((r) => r.state !== 'uncertain' && r.state !== 'failed' && r.uncertainAt !== null)
        .map((r) => r.id),
      'its idempotency key expired (first tried more than 23 h ago) before an answer came back',
    );
    await store.sends.markFailed(
      stale
        .filter((r) => r.state !== 'uncertain' && r.uncertainAt === null)
        .filter((r) => r.state !== 'failed' || !/23 h/.test(r.lastError ?? ''))
        .map((r) => r.id),
      STALE_REASON,
    );
    // Failed chunks go again with their own keys: if the provider did take them, it answers the same ids.
    // Uncertain rows within their key's lifetime go again under that key: no duplicate possible.
    await store.sends.requeueFailed(
      chunk
        .filter((r) => (r.state === 'failed' || r.state === 'uncertain') && !isStale(r))
        .map((r) => r.id),
    );
  }
  return staleCount;
}
