import { z } from 'zod';
import { stateOf } from './states.js';
import type { DeliveryEvent } from './store.js';

/**
 * The parts of Resend's webhook payloads this app reads (shapes from the
 * `webhooks:` section of Resend's OpenAPI file: EmailBouncedEvent,
 * WebhookEventBounce, WebhookEventFailed, WebhookEventSuppressed, ...).
 * Other fields are allowed and kept in the stored payload.
 */
const emailData = z.object({
  email_id: z.string().min(1),
  bounce: z
    .object({ type: z.string(), subType: z.string().optional(), message: z.string() })
    .optional(),
  failed: z.object({ reason: z.string() }).optional(),
  suppressed: z
    .object({ type: z.string(), message: z.string(), reason: z.string().optional() })
    .optional(),
});

const envelope = z.object({
  type: z.string().min(1),
  created_at: z.string().min(1),
  data: z.record(z.string(), z.unknown()),
});

export class PayloadError extends Error {
  override name = 'PayloadError';
}

const problems = (error: z.ZodError): string =>
  error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');

/** A verified webhook body → the event to record. Throws PayloadError naming the bad field. */
export function webhookEvent(svixId: string, body: unknown, raw: string): DeliveryEvent {
  const outer = envelope.safeParse(body);
  if (!outer.success) throw new PayloadError(problems(outer.error));
  const { type, created_at: createdAt, data } = outer.data;
  const occurredAt = Number.isNaN(Date.parse(createdAt))
    ? new Date().toISOString()
    : new Date(createdAt).toISOString();
  if (!type.startsWith('email.') || type === 'email.received') {
    // Contact, domain, inbound-mail events: acknowledged and kept, no send is concerned.
    return { key: svixId, source: 'webhook', type, emailId: null, occurredAt, payload: raw };
  }
  const parsed = emailData.safeParse(data);
  if (!parsed.success)
    throw new PayloadError(
      parsed.error.issues.map((i) => `data.${i.path.join('.')}: ${i.message}`).join('; '),
    );
  const { email_id: emailId, bounce, failed, suppressed } = parsed.data;
  const state = stateOf(type);
  let kind: string | undefined;
  let reason: string | undefined;
  if (state === 'bounced' && bounce) {
    kind = bounce.subType === undefined ? bounce.type : `${bounce.type} / ${bounce.subType}`;
    reason = bounce.message;
  } else if (state === 'failed' && failed) {
    reason = failed.reason;
  } else if (state === 'suppressed' && suppressed) {
    kind = suppressed.type;
    reason = suppressed.message;
  }
  return {
    key: svixId,
    source: 'webhook',
    type,
    emailId,
    occurredAt,
    payload: raw,
    state,
    kind,
    reason,
  };
}
