import type { RenderedEmail } from '@csp-enablement/templates';
import { verifies } from '../catalog.js';
import type { Store } from '../store.js';
import { RefusedError } from './types.js';

/**
 * Refuses an email that does not verify against the lock, or no longer matches the
 * fingerprint its row was queued with: recorded in the audit log, nothing sent.
 */
export async function verifyOrRefuse(
  store: Store,
  log: (line: string) => void,
  email: RenderedEmail,
  actor: string,
  expectedFingerprint?: string,
): Promise<void> {
  const check = verifies(email);
  let reason = check.ok ? undefined : check.reason;
  if (
    reason === undefined &&
    expectedFingerprint !== undefined &&
    email.fingerprint !== expectedFingerprint
  ) {
    reason = `the templates changed since it was queued (fingerprint ${expectedFingerprint.slice(0, 12)}… → ${email.fingerprint.slice(0, 12)}…)`;
  }
  if (reason === undefined) return;
  const detail = `${email.templateId}/${email.country}: ${reason}`;
  await store.audit.logEvent(actor, 'refused-unverified', detail);
  log(`REFUSED ${detail}`);
  throw new RefusedError(
    `Refused: the email does not verify against the locked templates (${reason}). Nothing was sent.`,
  );
}
