/**
 * Sign-in brute-force protection with rate-limiter-flexible, after its login recipe:
 * consecutive failures counted per account + client address, and a daily budget per
 * address. Every attempt is counted before the password is hashed, in one synchronous
 * step (the memory store's counters change inside the `consume` call), so parallel
 * requests cannot all pass the check while the first hashes are still running.
 *
 * Past the free attempts the answer is a growing delay (429 + retry-after, at most
 * `maxDelaySec`), never a lockout: only attempts actually tried make it grow, so a
 * burst of refused guesses does not push the real user's wait out. A browser that
 * signed in to the account before (a signed device cookie, see device-cookie.ts) is
 * exempt from the per-address budget and the account + address count: it has its own,
 * looser count, so guesses from the user's own address (a shared NAT, a proxy not
 * configured as trusted) do not keep the user out.
 */
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { memoryLimiters, type Limiters } from './limiters.js';

export interface LoginThrottleSettings {
  /** Consecutive failures per account + address before delays start. */
  freeAttempts: number;
  /** The first delay; each further tried attempt doubles it. */
  firstDelaySec: number;
  maxDelaySec: number;
  /** How long an account + address's failure count is kept after its first failure. */
  rememberSec: number;
  /** Attempts per address per day (any account) before that address is slowed down. */
  perAddressPerDay: number;
  /** Past that budget: one attempt from the address per this many seconds (a slow-down, not a ban). */
  addressDelaySec: number;
  /** Consecutive failures from a known device (valid device cookie) before its own delays start. */
  deviceFreeAttempts?: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottleSettings = {
  freeAttempts: 5,
  firstDelaySec: 2,
  // Minutes, not hours: a delay an attacker causes is a wait for the real user too.
  maxDelaySec: 5 * 60,
  rememberSec: 24 * 3600,
  perAddressPerDay: 100,
  addressDelaySec: 30,
  deviceFreeAttempts: 10,
};

export type Scope = 'account' | 'address' | 'device';

export type Admission =
  | { allowed: true; key: string; scope: Scope }
  | { allowed: false; retryAfterSec: number; scope: Scope };

interface Outcome {
  passed: boolean;
  res: RateLimiterRes;
}

/** A limiter's verdict: resolved means within its points, rejected (with a RateLimiterRes) means over. */
function settle(decision: Promise<RateLimiterRes>): Promise<Outcome> {
  return decision.then(
    (res) => ({ passed: true, res }),
    (error: unknown) => {
      // Anything but a RateLimiterRes is a store failure (the database): it is not a verdict.
      if (error instanceof RateLimiterRes) return { passed: false, res: error };
      throw error instanceof Error ? error : new Error(String(error));
    },
  );
}

const seconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

/**
 * Consecutive failures per key: `free` attempts, then one attempt per delay window,
 * each window twice as long as the one before, up to `maxDelaySec`.
 */
export class Backoff {
  private readonly consecutive: RateLimiterAbstract;
  private readonly pace: RateLimiterAbstract;

  constructor(
    prefix: string,
    private readonly free: number,
    private readonly firstDelaySec: number,
    private readonly maxDelaySec: number,
    rememberSec: number,
    limiters: Limiters = memoryLimiters,
  ) {
    this.consecutive = limiters({
      keyPrefix: `${prefix}_consecutive`,
      points: free,
      duration: rememberSec,
    });
    this.pace = limiters({
      keyPrefix: `${prefix}_delay`,
      points: 1,
      duration: firstDelaySec,
    });
  }

  /** The wait after `tried` consecutive failures' worth of attempts. */
  delaySec(tried: number): number {
    const over = Math.max(0, tried - this.free);
    return Math.min(this.maxDelaySec, this.firstDelaySec * 2 ** over);
  }

  /** Counts the attempt (synchronously, inside `consume`) and says whether it may be tried. */
  async admit(key: string): Promise<{ allowed: true } | { allowed: false; retryAfterSec: number }> {
    const counted = await settle(this.consecutive.consume(key));
    return this.paced(key, counted.res.consumedPoints);
  }

  /** After `count` was taken: free, or one try per delay window. */
  async paced(
    key: string,
    count: number,
  ): Promise<{ allowed: true } | { allowed: false; retryAfterSec: number }> {
    if (count < this.free) return { allowed: true };
    // The last free attempt opens the first delay window; after it, one try per window.
    const paced = await settle(this.pace.consume(key, 1, { customDuration: this.delaySec(count) }));
    if (paced.passed) return { allowed: true };
    // Refused without trying: it does not lengthen the next delay.
    await this.refund(key);
    return { allowed: false, retryAfterSec: seconds(paced.res.msBeforeNext) };
  }

  /** Counts an attempt without deciding anything (to read the count). */
  consume(key: string): Promise<Outcome> {
    return settle(this.consecutive.consume(key));
  }

  /** Takes back an attempt that was refused before it was tried. */
  async refund(key: string): Promise<void> {
    await this.consecutive.reward(key);
  }

  async forget(key: string): Promise<void> {
    await Promise.all([this.consecutive.delete(key), this.pace.delete(key)]);
  }

  async remembers(key: string): Promise<boolean> {
    const [a, b] = await Promise.all([this.consecutive.get(key), this.pace.get(key)]);
    return a !== null || b !== null;
  }
}

export class LoginThrottle {
  private readonly accounts: Backoff;
  private readonly devices: Backoff;
  private readonly byAddress: RateLimiterAbstract;
  private readonly addressPace: RateLimiterAbstract;

  constructor(
    private readonly settings: LoginThrottleSettings = DEFAULT_LOGIN_THROTTLE,
    limiters: Limiters = memoryLimiters,
  ) {
    const { firstDelaySec, maxDelaySec, rememberSec } = settings;
    this.accounts = new Backoff(
      'login_account_and_address',
      settings.freeAttempts,
      firstDelaySec,
      maxDelaySec,
      rememberSec,
      limiters,
    );
    this.devices = new Backoff(
      'login_device',
      settings.deviceFreeAttempts ?? 2 * settings.freeAttempts,
      firstDelaySec,
      maxDelaySec,
      rememberSec,
      limiters,
    );
    this.byAddress = limiters({
      keyPrefix: 'login_fail_address_per_day',
      points: settings.perAddressPerDay,
      duration: 24 * 3600,
    });
    this.addressPace = limiters({
      keyPrefix: 'login_delay_address',
      points: 1,
      duration: settings.addressDelaySec,
    });
  }

  /**
   * Counts this attempt (before any hashing) and says whether it may go on. The
   * counters are incremented synchronously inside the `consume` calls below.
   * `device`: the id of a device cookie already verified for this account.
   */
  async admit(account: string, address: string, device?: string): Promise<Admission> {
    if (device !== undefined) {
      const key = `${account}|${device}`;
      const verdict = await this.devices.admit(key);
      return verdict.allowed
        ? { allowed: true, key, scope: 'device' }
        : { ...verdict, scope: 'device' };
    }
    const key = `${account}|${address}`;
    const byAddress = settle(this.byAddress.consume(address));
    const consecutive = this.accounts.consume(key);
    const [address_, account_] = await Promise.all([byAddress, consecutive]);
    if (address_.res.consumedPoints >= this.settings.perAddressPerDay) {
      // The daily budget is spent: one attempt per addressDelaySec from this address.
      const slowed = await settle(this.addressPace.consume(address));
      if (!slowed.passed) {
        // A slowed-down address leaves no new per-account records behind.
        if (account_.res.consumedPoints <= 1) await this.accounts.forget(key);
        else await this.accounts.refund(key);
        return {
          allowed: false,
          retryAfterSec: seconds(slowed.res.msBeforeNext),
          scope: 'address',
        };
      }
    }
    const verdict = await this.accounts.paced(key, account_.res.consumedPoints);
    return verdict.allowed
      ? { allowed: true, key, scope: 'account' }
      : { ...verdict, scope: 'account' };
  }

  /** A correct password: this account + address (or device) starts afresh; the address gets its point back. */
  async succeeded(admission: { key: string; scope: Scope }, address: string): Promise<void> {
    if (admission.scope === 'device') return this.devices.forget(admission.key);
    await Promise.all([this.accounts.forget(admission.key), this.byAddress.reward(address)]);
  }

  /** Whether anything is still kept about this account + address (expired records are gone). */
  remembers(account: string, address: string): Promise<boolean> {
    return this.accounts.remembers(`${account}|${address}`);
  }
}

/**
 * Wrong current passwords on /account/password, per account whatever the address or
 * session: whoever holds a stolen session gets the sign-in's free attempts and delays,
 * not unlimited guesses at the password.
 */
export class PasswordChangeThrottle {
  private readonly backoff: Backoff;

  constructor(
    settings: LoginThrottleSettings = DEFAULT_LOGIN_THROTTLE,
    limiters: Limiters = memoryLimiters,
  ) {
    this.backoff = new Backoff(
      'password_change_account',
      settings.freeAttempts,
      settings.firstDelaySec,
      settings.maxDelaySec,
      settings.rememberSec,
      limiters,
    );
  }

  admit(userId: number): Promise<{ allowed: true } | { allowed: false; retryAfterSec: number }> {
    return this.backoff.admit(String(userId));
  }

  /** The current password was right: the count starts afresh. */
  succeeded(userId: number): Promise<void> {
    return this.backoff.forget(String(userId));
  }
}
