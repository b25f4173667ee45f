import type { RenderedEmail } from '@csp-enablement/templates';
import { backoffDelay, MAX_RETRY_AFTER_MS, type RateGate, type RetryPolicy } from '../retry.js';
import type { LeaseOwner, SendRow, Store } from '../store.js';
import { TransportError, type OutgoingEmail, type Transport } from '../transports/types.js';
import type { Drain } from './drain.js';
import { identityMismatch, placeholderGate, refusal } from './gate.js';
import { holderIsGone } from './owner.js';
import { RefusedError } from './types.js';
import { clearUncertain, mayHaveArrived, markUncertain } from './uncertain.js';

/**
 * How many more 429 answers than failed attempts a send waits through. A 429 means "not
 * processed, come back after retry-after": a busy account, e.g. a batch and the web UI
 * sharing its rate limit, must slow a send down, not fail it after SENDER_MAX_ATTEMPTS.
 */
export const RATE_LIMIT_PATIENCE = 10;

/** What the attempt loop needs of its Sender (built once in Sender's constructor). */
export interface AttemptContext {
  store: Store;
  transport: Transport;
  retry: RetryPolicy;
  gate: RateGate;
  owner: LeaseOwner;
  leaseMs: number;
  now: () => number;
  random: () => number;
  sleep: (ms: number, signal: AbortSignal) => Promise<unknown>;
  log: (line: string) => void;
  exists: (pid: number) => boolean;
  drainer: Drain;
  /** Renders and verifies what a stored row will send: refuses if it no longer matches. */
  emailForRow: (row: SendRow) => Promise<RenderedEmail>;
  /** From and Reply-To of an email created by `createdBy` (Sender.envelope). */
  envelope: (email: RenderedEmail, createdBy: string) => { from: string; replyTo?: string };
}

const message = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

export async function reload(store: Store, ids: number[]): Promise<SendRow[]> {
  const rows: SendRow[] = [];
  for (const id of ids) {
    const row = await store.sends.getSend(id);
    if (row !== undefined) rows.push(row);
  }
  return rows;
}

/**
 * Sends rows that share one idempotency key until they end: claims them, checks and
 * renders the email, waits at the rate gate, sends, and on a retryable error backs off
 * and tries again under the same key.
 */
export async function attempts(ctx: AttemptContext, ids: number[]): Promise<SendRow[]> {
  // Attempts in this run: a resumed or re-queued row gets a fresh budget (the row keeps the total).
  // A 429 is the provider asking to wait (often for another run sharing the account's rate
  // limit), not a failed attempt: it has a budget of its own, RATE_LIMIT_PATIENCE times larger.
  let failures = 0;
  let rateLimited = 0;
  for (let tries = 1; ; tries++) {
    if (ctx.drainer.isStopping()) return await reload(ctx.store, ids);
    const current = await reload(ctx.store, ids);
    const mismatch = current[0] && identityMismatch(current[0], ctx.transport);
    if (mismatch) {
      ctx.log(`send ${ids.join(',')} not sent: ${mismatch}`);
      return current;
    }
    const claimed = await ctx.store.sends.claim(ids, ctx.leaseMs, ctx.owner, (lease) =>
      holderIsGone(lease, ctx.owner, ctx.exists),
    );
    if (claimed.length === 0) return await reload(ctx.store, ids); // done already, or another live run holds it
    if (claimed.length !== ids.length) {
      await ctx.store.sends.markRetry(
        claimed.map((r) => r.id),
        'another run holds part of this group',
      );
      return await reload(ctx.store, ids);
    }
    const first = claimed[0];
    if (!first) return await reload(ctx.store, ids);
    let emails: OutgoingEmail[];
    try {
      const refused = claimed
        .map((row) => refusal(row, ctx.transport, ctx.now()))
        .find((r) => r !== undefined);
      if (refused !== undefined) throw new RefusedError(refused);
      const email = await ctx.emailForRow(first);
      emails = claimed.map((row) => outgoing(ctx, email, row));
      const carried = emails[0] && placeholderGate(emails[0], ctx.transport);
      if (carried) throw new RefusedError(carried);
    } catch (error) {
      await ctx.store.sends.markFailed(ids, message(error));
      ctx.log(`send ${ids.join(',')} refused: ${message(error)}`);
      return await reload(ctx.store, ids);
    }
    await ctx.gate.wait();
    if (ctx.drainer.isStopping()) {
      // Woken from the rate wait by a drain: back to queued, untried, for the next run.
      await ctx.store.sends.markRetry(ids, 'not sent yet: the process stopped before this attempt');
      return await reload(ctx.store, ids);
    }
    try {
      if (ids.length === 1 && first.batchId === null) {
        const result = await ctx.transport.send(emails[0] as OutgoingEmail, first.idempotencyKey);
        ctx.gate.update(result.rate);
        await ctx.store.sends.markSent(first.id, result.id);
      } else {
        const result = await ctx.transport.sendBatch(emails, first.idempotencyKey);
        ctx.gate.update(result.rate);
        await ctx.store.transaction(async () => {
          for (const [i, row] of claimed.entries())
            await ctx.store.sends.markSent(row.id, result.ids[i] ?? '');
        });
      }
      return await reload(ctx.store, ids);
    } catch (error) {
      const text = message(error);
      const retryable = error instanceof TransportError && error.retryable;
      // No answer: it may have been taken; a definite refusal under the same key: it was not.
      if (mayHaveArrived(error)) await markUncertain(ctx.store, ids, ctx.now());
      else if (
        !retryable &&
        error instanceof TransportError &&
        typeof error.details.status === 'number'
      )
        await clearUncertain(ctx.store, ids);
      const attempts = tries;
      const busy = error instanceof TransportError && error.details.status === 429;
      if (busy) rateLimited++;
      else failures++;
      if (error instanceof TransportError) ctx.gate.update(error.details.rate);
      const wait = error instanceof TransportError ? error.details.retryAfterMs : undefined;
      if (
        !retryable ||
        failures >= ctx.retry.maxAttempts ||
        rateLimited >= ctx.retry.maxAttempts * RATE_LIMIT_PATIENCE ||
        (wait !== undefined && wait > MAX_RETRY_AFTER_MS)
      ) {
        const why = retryable
          ? ` (gave up after ${attempts} attempt${attempts === 1 ? '' : 's'})`
          : '';
        await ctx.store.sends.markFailed(ids, `${text}${why}`);
        ctx.log(`send ${ids.join(',')} failed: ${text}${why}`);
        return await reload(ctx.store, ids);
      }
      const ms = backoffDelay(attempts, ctx.retry, wait, ctx.random);
      await ctx.store.sends.markRetry(ids, text);
      ctx.log(`send ${ids.join(',')} attempt ${attempts} failed (${text}); retrying in ${ms} ms`);
      // A drain wakes this sleep: the row stays `queued` for the next run.
      await ctx.sleep(ms, ctx.drainer.signal);
    }
  }
}

function outgoing(ctx: AttemptContext, email: RenderedEmail, row: SendRow): OutgoingEmail {
  return {
    ...ctx.envelope(email, row.createdBy),
    to: row.to,
    cc: row.cc,
    subject: email.subject,
    html: email.html,
    text: email.text,
    locale: email.locale,
    templateId: email.templateId,
    country: email.country,
    fingerprint: email.fingerprint,
    templateVersion: email.version,
  };
}
