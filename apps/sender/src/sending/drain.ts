import { setTimeout as delay } from 'node:timers/promises';

/** Thrown to a caller who asks for a send while the process is shutting down. */
export class ShuttingDownError extends Error {
  override name = 'ShuttingDownError';
  constructor() {
    super('The sender is shutting down: nothing was queued. Try again in a moment.');
  }
}

/**
 * Graceful stop: refuses new work, wakes every backoff sleep (the row goes
 * back to `queued`), and waits a bounded time for attempts in flight.
 */
export class Drain {
  private readonly controller = new AbortController();
  private readonly inFlight = new Set<Promise<unknown>>();

  /** A method, not a getter: it changes across awaits, so callers must ask each time. */
  isStopping(): boolean {
    return this.controller.signal.aborted;
  }

  /** Aborted when the drain starts: backoff sleeps listen to it. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Counts a delivery as in flight until it settles. */
  track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    const done = () => {
      this.inFlight.delete(work);
    };
    work.then(done, done);
    return work;
  }

  /** Stops taking work and waits up to `boundMs` for what is in flight; true when all finished. */
  async drain(boundMs: number): Promise<boolean> {
    this.controller.abort();
    if (this.inFlight.size === 0) return true;
    const all = Promise.allSettled([...this.inFlight]).then(() => true);
    const timeout = delay(boundMs, false, { ref: false });
    return Promise.race([all, timeout]);
  }
}

/** A sleep that ends early (resolving false) when the signal fires. */
export async function abortableSleep(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await delay(ms, undefined, { signal });
    return true;
  } catch (error) {
    if (signal.aborted) return false;
    throw error;
  }
}
