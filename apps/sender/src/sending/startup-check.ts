import type { Store } from '../store.js';
import { TransportCheckError, type Transport } from '../transports/types.js';
import { transportLabel } from './gate.js';

// A start-up check refused for a passing reason (rate limit, 5xx, no answer): the provider
// is busy, not refusing. The transport's own check has already retried it with backoff.
const PASSING = /HTTP 429 rate_limit_exceeded|HTTP 5\d\d|no HTTP answer/;
/** A check the same account passed this recently still stands when the provider is only busy. */
export const RECENT_CHECK_MS = 15 * 60_000;
const CHECK_PASSED = 'transport-check-passed';

/**
 * The transport's start-up check (which retries busy answers itself, as every call
 * does). When the provider stays busy, e.g. because a run sharing its rate limit is
 * sending, a check this account passed within 15 minutes stands. A real refusal
 * (domain not verified, click tracking on) always stops.
 */
export async function checkTransport(
  transport: Transport,
  store: Store,
  log: (line: string) => void,
  now: () => number = Date.now,
): Promise<void> {
  const identity = transportLabel(transport.name, transport.endpoint);
  try {
    await transport.check();
    await store.audit.logEvent('system', CHECK_PASSED, identity);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    if (!(error instanceof TransportCheckError) || !PASSING.test(text)) throw error;
    const passed = await store.audit.lastEventAt(CHECK_PASSED, identity);
    if (passed === undefined || now() - passed >= RECENT_CHECK_MS) throw error;
    log(
      `start-up check: ${text}; ${identity} passed it at ${new Date(passed).toISOString()}, so this run goes on`,
    );
  }
}
