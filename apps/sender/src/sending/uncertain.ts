/**
 * Uncertain outcomes (issue 18, part 4). A request that got no answer (lost, timed out,
 * connection reset after it was written) may have been accepted by the provider. Such a
 * row is retried only under its own idempotency key while the provider still keeps that
 * key; after that nothing sends it again except an explicit `--resend-uncertain`.
 */
import { recipientKey, toSend, type SendRow, type Store } from '../store.js';
import { TransportError } from '../transports/types.js';
import { KEY_LIFETIME_MS } from './gate.js';

/** An attempt whose request may have reached the provider: no HTTP answer came back. */
export function mayHaveArrived(error: unknown): boolean {
  // `status: null` is what the Resend transport records for "no HTTP answer"; the
  // outbox never leaves a written email unanswered (its write is atomic).
  return error instanceof TransportError && error.retryable && error.details.status === null;
}

/** Records that these rows' requests may have reached the provider (kept: the first time). */
export function markUncertain(store: Store, ids: readonly number[], now: number): Promise<void> {
  return store.transaction(async () => {
    for (const id of ids)
      await store.db.run(
        'UPDATE sends SET uncertain_at = COALESCE(uncertain_at, ?) WHERE id = ?',
        now,
        id,
      );
  });
}

/** A definite refusal under the same key proves the provider never took it. */
export function clearUncertain(store: Store, ids: readonly number[]): Promise<void> {
  return store.transaction(async () => {
    for (const id of ids)
      await store.db.run('UPDATE sends SET uncertain_at = NULL WHERE id = ?', id);
  });
}

/** Whether the row's own key is still kept by the provider (retrying it cannot duplicate). */
export function keyStillValid(row: SendRow, now: number): boolean {
  return row.firstAttemptAt === null || now - row.firstAttemptAt <= KEY_LIFETIME_MS;
}

/** When the row's key runs out (ms), if it was ever tried. */
export function keyExpiresAt(row: SendRow): number | undefined {
  return row.firstAttemptAt === null ? undefined : row.firstAttemptAt + KEY_LIFETIME_MS;
}

const utc = (ms: number): string =>
  `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** The reason shown for an `uncertain` row, in words: what happened and what may be done. */
export function uncertainReason(row: SendRow, now: number): string {
  const what = row.lastError === null ? '' : ` (last answer: ${row.lastError})`;
  const until = keyExpiresAt(row);
  const next =
    until !== undefined && until > now
      ? `running the same batch again retries it under its own idempotency key until ${utc(until)} (the provider answers the same id if it took it)`
      : 'its idempotency key has expired, so --again and --retry-failed do not send it; check the provider log, and only if it never arrived: csp-sender batch FILE --resend-uncertain (the customer may get it twice)';
  return `uncertain: the request may have reached the provider but no answer came back${what}; ${next}`;
}

/** Recipients (as `recipientKey`) of uncertain rows from batches of one file: --again skips them. */
export async function uncertainFromFile(store: Store, contentHash: string): Promise<Set<string>> {
  const rows = await store.db.all(
    `SELECT s.recipients_to, s.recipients_cc FROM sends s JOIN batches b ON b.id = s.batch_id
       WHERE b.content_hash = ? AND s.state = 'failed' AND s.uncertain_at IS NOT NULL`,
    contentHash,
  );
  const list = (v: unknown): string[] => {
    const parsed: unknown = JSON.parse(String(v));
    return Array.isArray(parsed) ? parsed.map(String) : [];
  };
  return new Set(rows.map((r) => recipientKey(list(r.recipients_to), list(r.recipients_cc))));
}

/** An explicit resend of an uncertain row: a new key, and it is no longer uncertain. */
export async function requeueUncertain(
  store: Store,
  id: number,
  idempotencyKey: string,
  at: string,
): Promise<void> {
  await store.db.run(
    "UPDATE sends SET state = 'queued', idempotency_key = ?, attempts = 0, first_attempt_at = NULL, uncertain_at = NULL, updated_at = ? WHERE id = ? AND state = 'failed' AND uncertain_at IS NOT NULL",
    idempotencyKey,
    at,
    id,
  );
}

/**
 * Rows of every run of one file (any generation: --again starts new ones) that an explicit
 * --resend-uncertain sends again: uncertain, and their own key expired.
 */
export async function expiredUncertain(
  store: Store,
  contentHash: string,
  now: number,
): Promise<SendRow[]> {
  const rows = await store.db.all(
    `SELECT s.* FROM sends s JOIN batches b ON b.id = s.batch_id
       WHERE b.content_hash = ? AND s.state = 'failed' AND s.uncertain_at IS NOT NULL
       ORDER BY s.id`,
    contentHash,
  );
  return rows.map(toSend).filter((r) => !keyStillValid(r, now));
}

/** What --resend-uncertain is about to do, in words: who, which rows, and the risk. */
export function describeResend(rows: readonly SendRow[]): string {
  const lines = rows.map(
    (r) =>
      `  line ${r.batchLine ?? '?'}: ${[...r.to, ...r.cc].join('; ')} (first tried ${r.firstAttemptAt === null ? 'never' : utc(r.firstAttemptAt)}${r.lastError === null ? '' : `; last answer: ${r.lastError}`})`,
  );
  return [
    `--resend-uncertain: ${rows.length} row(s) of this file may already have reached their recipients (no answer came back and their idempotency keys have expired).`,
    'They are sent again under new keys: the customer may get the email twice.',
    ...lines,
  ].join('\n');
}
