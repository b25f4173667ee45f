import { setTimeout as delay } from 'node:timers/promises';
import type { Store } from '../store.js';
import { TransportCheckError, type Transport } from '../transports/types.js';
import { transportLabel } from './gate.js';

// A start-up check refused for a passing reason (rate limit, 5xx, no answer) may be asked again.
const PASSING = /HTTP 429 rate_limit_exceeded|HTTP 5\d\d|no HTTP answer/;
const CHECK_TRIES = 8;
/** A check the same account passed this recently still stands when the provider is only busy. */
export const RECENT_CHECK_MS = 15 * 60_000;
const CHECK_PASSED = 'transport-check-passed';

/**
 * The transport's start-up check. When the provider is only busy (a run
 * sharing its rate limit is sending), a check this account passed within
 * 15 minutes stands; otherwise it is asked again, bounded, with backoff.
 * A real refusal (domain not verified, click tracking on) always stops.
 */
export async function checkTransport(
  transport: Transport,
  store: Store,
  log: (line: string) => void,
  pause: (ms: number) => Promise<unknown> = (ms) => delay(ms),
  now: () => number = Date.now,
): Promise<void> {
  const identity = transportLabel(transport.name, transport.endpoint);
  for (let attempt = 1; ; attempt++) {
    try {
      await transport.check();
      store.logEvent('system', CHECK_PASSED, identity);
      return;
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      if (!(error instanceof TransportCheckError) || !PASSING.test(text)) throw error;
      const passed = store.lastEventAt(CHECK_PASSED, identity);
      if (passed !== undefined && now() - passed < RECENT_CHECK_MS) {
        log(
          `start-up check: ${text}; ${identity} passed it at ${new Date(passed).toISOString()}, so this run goes on`,
        );
        return;
      }
      if (attempt >= CHECK_TRIES) throw error;
      // Jittered, so processes that start together do not ask in lockstep.
      const ms = Math.round(Math.min(4_000, 500 * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2));
      log(`start-up check: ${text}; asking again in ${ms} ms`);
      await pause(ms);
    }
  }
}
