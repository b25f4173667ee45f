import type { SendRow } from '../store.js';
import type { Transport } from '../transports/types.js';
import { placeholderRefusal, type EmailContent } from './placeholders.js';

/** Resend keeps idempotency keys for 24 h; past that a resend could duplicate. */
export const KEY_LIFETIME_MS = 23 * 3600_000;

/** How a transport is named to a person: `resend at https://…`, or `outbox`. */
export function transportLabel(name: string, endpoint: string | null): string {
  return endpoint === null ? name : `${name} at ${endpoint}`;
}

/**
 * A row belongs to the transport (and Resend base URL) it was created for.
 * Another transport leaves it untouched: returns why, or undefined when it matches.
 */
export function identityMismatch(
  row: SendRow,
  transport: Pick<Transport, 'name' | 'endpoint'>,
): string | undefined {
  const sameName = row.transport === transport.name;
  // Rows from before the base URL was recorded match on the transport's name alone.
  const sameEndpoint =
    row.endpoint === null || transport.endpoint === null || row.endpoint === transport.endpoint;
  if (sameName && sameEndpoint) return undefined;
  const wanted = transportLabel(row.transport, row.endpoint);
  const how =
    row.transport === 'resend'
      ? `set RESEND_API_KEY${row.endpoint === null ? '' : ` and RESEND_BASE_URL=${row.endpoint}`}`
      : 'unset RESEND_API_KEY';
  return `created for ${wanted}; this run sends through ${transportLabel(transport.name, transport.endpoint)}, so it was left ${row.state} (${how} and run again to send it)`;
}

/** The checks before every attempt that fail the row (fingerprint is checked by the sender, which renders). */
export function refusal(row: SendRow, transport: Transport, now: number): string | undefined {
  if (row.firstAttemptAt !== null && now - row.firstAttemptAt > KEY_LIFETIME_MS) {
    // It may have arrived already: a new key could duplicate it, so no automatic retry either.
    if (row.uncertainAt !== null)
      return 'its idempotency key expired (first tried more than 23 h ago) before an answer came back';
    return 'first tried more than 23 h ago: the provider forgets idempotency keys after 24 h, so it was not sent again automatically (check the provider log; if it never arrived, retry it with a new key: csp-sender batch FILE --retry-failed, or send it again)';
  }
  return undefined;
}

/**
 * The placeholder rule of the running transport, on what the row would send: any registry
 * value marked placeholder (a link, an address, any record) in its From, HTML or text.
 */
export function placeholderGate(email: EmailContent, transport: Transport): string | undefined {
  return transport.acceptsPlaceholders ? undefined : placeholderRefusal(email, transport.name);
}
