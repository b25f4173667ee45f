import type { RateInfo } from './transports/types.js';

export interface RetryPolicy {
  maxAttempts: number;
  baseMs: number;
  maxMs: number;
}

/** Longest wait we accept from a `retry-after` header before giving up on this run. */
export const MAX_RETRY_AFTER_MS = 10 * 60_000;

/**
 * Exponential backoff with "equal jitter" (half fixed, half random), so
 * parallel senders do not retry in lockstep; never sooner than the server's
 * `retry-after`.
 */
export function backoffDelay(
  attempt: number,
  policy: Pick<RetryPolicy, 'baseMs' | 'maxMs'>,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exp / 2 + random() * (exp / 2);
  return Math.round(retryAfterMs === undefined ? jittered : Math.max(retryAfterMs, jittered));
}

/**
 * Keeps calls within the rate limit the provider announces: when the last
 * answer said no requests remain in this window, wait for the reset first.
 */
export class RateGate {
  private blockedUntil = 0;

  constructor(
    private readonly sleep: (ms: number) => Promise<void>,
    private readonly now: () => number = Date.now,
  ) {}

  update(rate: RateInfo | undefined): void {
    if (rate?.remaining === undefined) return;
    if (rate.remaining <= 0) this.blockedUntil = this.now() + (rate.resetMs ?? 1000);
  }

  async wait(): Promise<number> {
    const ms = this.blockedUntil - this.now();
    if (ms <= 0) return 0;
    await this.sleep(ms);
    return ms;
  }
}
