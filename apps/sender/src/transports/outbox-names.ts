/**
 * How the outbox transport names what it writes: one `.eml` file and one message id per
 * idempotency key. Apart from outbox.ts so that reading delivery states (history, the web
 * history) does not load the MIME composer.
 */
import { createHash } from 'node:crypto';

/** A stable id from the idempotency key: the same key always names the same message. */
export function messageIdFor(fileKey: string): string {
  const h = createHash('sha256').update(fileKey).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The file name an idempotency key (`key`, or `key.index` in a batch) maps to. */
export function outboxFileName(fileKey: string): string {
  return `${fileKey.replace(/[^A-Za-z0-9._-]/g, '_')}.eml`;
}
