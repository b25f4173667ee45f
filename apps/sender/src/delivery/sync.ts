import { setTimeout as delay } from 'node:timers/promises';
import type { GetEmailResponse } from 'resend';
import { InputError } from '../addresses.js';
import { backoffDelay, MAX_RETRY_AFTER_MS, RateGate, type RetryPolicy } from '../retry.js';
import { classify, rateInfo } from '../transports/resend.js';
import { stateOf, type DeliveryState } from './states.js';
import type { DeliveryStore } from './store.js';

/** The one provider call sync needs: the official SDK's `emails.get`. */
export interface EmailLookup {
  emails: { get(id: string): Promise<GetEmailResponse> };
}

export interface SyncOptions {
  deliveries: DeliveryStore;
  client: EmailLookup;
  /** Only sends sent at or after this time. */
  since: Date;
  retry: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
  log?: (line: string) => void;
  onProgress?: (done: number, total: number) => void;
}

export interface SyncSummary {
  /** Sends that were not final and were asked about. */
  checked: number;
  /** Sends whose latest state moved. */
  changed: number;
  /** Latest state per email after the run (only those asked about). */
  states: Map<string, DeliveryState>;
  /** Emails the provider does not know (404). */
  notFound: string[];
  /** Emails the provider could not be asked about (the reason each). */
  failed: { emailId: string; error: string }[];
}

const SINCE = /^(\d{1,4})([mhd])$/;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `7d`, `24h`, `90m` → milliseconds; throws naming the flag. */
export function parseSince(value: string): number {
  const match = SINCE.exec(value.trim());
  const amount = Number(match?.[1]);
  const unit = match?.[2] as keyof typeof UNIT_MS | undefined;
  if (!match || unit === undefined || amount < 1)
    throw new InputError(
      '--since',
      `"${value}" is not a duration; use a number with m, h or d, such as 7d, 24h or 90m`,
    );
  return amount * UNIT_MS[unit];
}

/**
 * Catching up without webhooks: asks `GET /emails/{id}` for the `last_event`
 * of every Resend send since `since` that is not final yet, and records it
 * through the same store call (and precedence) as a webhook. Keeps within the
 * rate limit the answers announce, retries 429 / 5xx with the sender's backoff.
 */
export async function syncDeliveries(options: SyncOptions): Promise<SyncSummary> {
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const log = options.log ?? (() => undefined);
  const gate = new RateGate(sleep, now);
  const pending = await options.deliveries.awaitingSync(options.since.toISOString());
  const summary: SyncSummary = {
    checked: 0,
    changed: 0,
    states: new Map(),
    notFound: [],
    failed: [],
  };
  options.onProgress?.(0, pending.length);
  for (const [index, { emailId }] of pending.entries()) {
    for (let attempt = 1; ; attempt++) {
      await gate.wait();
      const { data, error, headers } = await options.client.emails.get(emailId);
      gate.update(rateInfo(headers));
      if (data) {
        summary.checked++;
        const result = await options.deliveries.record({
          key: `sync:${emailId}:${data.last_event}`,
          source: 'sync',
          type: data.last_event,
          emailId,
          occurredAt: new Date(now()).toISOString(),
          payload: JSON.stringify({ id: data.id, last_event: data.last_event }),
          state: stateOf(data.last_event),
        });
        if (result.changed) summary.changed++;
        if (result.latest) summary.states.set(emailId, result.latest.state);
        break;
      }
      const failure = classify(error, headers);
      // A refused key fails every lookup alike: stop at the first instead of asking N times.
      if (failure.details.status === 401 || failure.details.status === 403)
        throw new Error(`sync stopped: ${failure.message}`);
      if (failure.details.status === 404) {
        summary.notFound.push(emailId);
        log(`sync: Resend does not know email ${emailId}`);
        break;
      }
      const wait = failure.details.retryAfterMs;
      if (
        !failure.retryable ||
        attempt >= options.retry.maxAttempts ||
        (wait !== undefined && wait > MAX_RETRY_AFTER_MS)
      ) {
        summary.failed.push({ emailId, error: failure.message });
        log(`sync: ${emailId}: ${failure.message}`);
        break;
      }
      const ms = backoffDelay(attempt, options.retry, wait, random);
      log(`sync: ${emailId} attempt ${attempt} failed (${failure.message}); retrying in ${ms} ms`);
      await sleep(ms);
    }
    options.onProgress?.(index + 1, pending.length);
  }
  return summary;
}
