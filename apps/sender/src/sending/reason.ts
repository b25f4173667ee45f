import type { LeaseOwner, SendRow } from '../store.js';
import type { Transport } from '../transports/types.js';
import { identityMismatch } from './gate.js';
import { heldBy, processExists } from './owner.js';
import { uncertainReason } from './uncertain.js';

/**
 * A plain reason for every row that is not `sent`: what happened and what
 * happens next. Never empty.
 */
export function rowReason(
  row: SendRow,
  context: { transport?: Pick<Transport, 'name' | 'endpoint'>; owner?: LeaseOwner; now: number },
): string | undefined {
  if (row.state === 'sent') return undefined;
  if (row.state === 'uncertain') return uncertainReason(row, context.now);
  if (row.state === 'failed')
    return row.lastError ?? 'failed; no error was recorded (check the server log)';
  const mismatch = context.transport && identityMismatch(row, context.transport);
  if (mismatch) return mismatch;
  if (row.state === 'queued') {
    return row.lastError === null
      ? 'queued: not tried yet'
      : `queued to try again after: ${row.lastError}`;
  }
  const lease = row.lease;
  if (lease === null) return 'sending: no owner recorded; the next run takes it over';
  if (context.owner && lease.token === context.owner.token)
    return `sending now (attempt ${row.attempts})`;
  const gone =
    lease.until < context.now ||
    (context.owner !== undefined && lease.host === context.owner.host && !processExists(lease.pid));
  if (gone)
    return `sending: process ${lease.pid} on ${lease.host} stopped mid-send; the next run takes it over with the same idempotency key (nothing is sent twice)`;
  return `sending: ${heldBy(lease)}`;
}
