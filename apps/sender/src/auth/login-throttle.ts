/**
 * Sign-in brute-force protection with rate-limiter-flexible, after its login recipe:
 * consecutive failures counted per account + client address, and a daily budget per
 * address. Every attempt is counted before the password is hashed, in one synchronous
 * step (the memory store's counters change inside the `consume` call), so parallel
 * requests cannot all pass the check while the first hashes are still running.
 *
 * Past the free attempts the answer is a growing delay (429 + retry-after), never a
 * lockout of the account: someone guessing from another address does not affect the
 * real user, and after the delay one attempt with the right password gets in.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface LoginThrottleSettings {
  /** Consecutive failures per account + address before delays start. */
  freeAttempts: number;
  /** The first delay; each further attempt doubles it. */
  firstDelaySec: number;
  maxDelaySec: number;
  /** How long an account + address's failure count is kept after its first failure. */
  rememberSec: number;
  /** Attempts per address per day (any account) before that address is slowed down. */
  perAddressPerDay: number;
  /** Past that budget: one attempt from the address per this many seconds (a slow-down, not a ban). */
  addressDelaySec: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottleSettings = {
  freeAttempts: 5,
  firstDelaySec: 2,
  maxDelaySec: 15 * 60,
  rememberSec: 24 * 3600,
  perAddressPerDay: 100,
  addressDelaySec: 30,
};

export type Admission =
  | { allowed: true; key: string }
  | { allowed: false; retryAfterSec: number; scope: 'account' | 'address' };

interface Outcome {
  passed: boolean;
  res: RateLimiterRes;
}

/** A limiter's verdict: resolved means within its points, rejected (with a RateLimiterRes) means over. */
function settle(decision: Promise<RateLimiterRes>): Promise<Outcome> {
  return decision.then(
    (res) => ({ passed: true, res }),
    (error: unknown) => {
      // The memory store never fails; anything but a RateLimiterRes is a programming error.
      if (error instanceof RateLimiterRes) return { passed: false, res: error };
      throw error instanceof Error ? error : new Error(String(error));
    },
  );
}

export class LoginThrottle {
  private readonly consecutive: RateLimiterMemory;
  private readonly pace: RateLimiterMemory;
  private readonly byAddress: RateLimiterMemory;
  private readonly addressPace: RateLimiterMemory;

  constructor(private readonly settings: LoginThrottleSettings = DEFAULT_LOGIN_THROTTLE) {
    this.consecutive = new RateLimiterMemory({
      keyPrefix: 'login_fail_consecutive_account_and_address',
      points: settings.freeAttempts,
      duration: settings.rememberSec,
    });
    // One attempt per delay window once the free attempts are used up.
    this.pace = new RateLimiterMemory({
      keyPrefix: 'login_delay_account_and_address',
      points: 1,
      duration: settings.firstDelaySec,
    });
    this.byAddress = new RateLimiterMemory({
      keyPrefix: 'login_fail_address_per_day',
      points: settings.perAddressPerDay,
      duration: 24 * 3600,
    });
    this.addressPace = new RateLimiterMemory({
      keyPrefix: 'login_delay_address',
      points: 1,
      duration: settings.addressDelaySec,
    });
  }

  private delaySec(consumed: number): number {
    const over = Math.max(0, consumed - this.settings.freeAttempts);
    return Math.min(this.settings.maxDelaySec, this.settings.firstDelaySec * 2 ** over);
  }

  /**
   * Counts this attempt (before any hashing) and says whether it may go on. Both
   * counters are incremented synchronously inside the `consume` calls below.
   */
  async admit(account: string, address: string): Promise<Admission> {
    const key = `${account}|${address}`;
    const byAddress = settle(this.byAddress.consume(address));
    const consecutive = settle(this.consecutive.consume(key));
    const [address_, account_] = await Promise.all([byAddress, consecutive]);
    if (address_.res.consumedPoints >= this.settings.perAddressPerDay) {
      // The daily budget is spent: one attempt per addressDelaySec from this address.
      const slowed = await settle(this.addressPace.consume(address));
      if (!slowed.passed) {
        // A slowed-down address leaves no new per-account records behind.
        if (account_.res.consumedPoints <= 1) await this.consecutive.delete(key);
        return {
          allowed: false,
          retryAfterSec: Math.max(1, Math.ceil(slowed.res.msBeforeNext / 1000)),
          scope: 'address',
        };
      }
    }
    if (account_.res.consumedPoints < this.settings.freeAttempts) return { allowed: true, key };
    // The last free attempt opens the first delay window; after it, one try per window,
    // each window twice as long as the one before.
    const paced = await settle(
      this.pace.consume(key, 1, { customDuration: this.delaySec(account_.res.consumedPoints) }),
    );
    if (paced.passed) return { allowed: true, key };
    return {
      allowed: false,
      retryAfterSec: Math.max(1, Math.ceil(paced.res.msBeforeNext / 1000)),
      scope: 'account',
    };
  }

  /** A correct password: this account + address starts afresh; the address gets its point back. */
  async succeeded(key: string, address: string): Promise<void> {
    await Promise.all([
      this.consecutive.delete(key),
      this.pace.delete(key),
      this.byAddress.reward(address),
    ]);
  }

  /** Whether anything is still kept about this account + address (expired records are gone). */
  async remembers(account: string, address: string): Promise<boolean> {
    const key = `${account}|${address}`;
    const [a, b] = await Promise.all([this.consecutive.get(key), this.pace.get(key)]);
    return a !== null || b !== null;
  }
}
