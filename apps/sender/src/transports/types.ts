/** One email as a transport sees it: the locked parts plus the chosen recipients. */
export interface OutgoingEmail {
  from: string;
  /** Step 1 only: the person answering for the reseller (Step 2 comes from DoNotReply). */
  replyTo?: string;
  to: string[];
  cc: string[];
  subject: string;
  html: string;
  text: string;
  locale: string;
  /** For the record in the message (outbox) — never changes the content. */
  templateId: string;
  country: string;
  fingerprint: string;
  templateVersion: string;
}

/** What the provider told us about its rate limit (from `ratelimit-*` headers). */
export interface RateInfo {
  limit?: number;
  remaining?: number;
  /** Milliseconds until the window resets. */
  resetMs?: number;
}

export interface SendResult {
  id: string;
  rate?: RateInfo;
}

export interface BatchResult {
  /** One provider id per email, in the order sent. */
  ids: string[];
  rate?: RateInfo;
}

export interface Transport {
  readonly name: 'outbox' | 'resend';
  /** Where it sends: the Resend base URL; null for the local outbox. Part of a row's identity. */
  readonly endpoint: string | null;
  /** Whether a placeholder invitation link may go out through this transport. */
  readonly acceptsPlaceholders: boolean;
  /** Most emails accepted by one sendBatch call. */
  readonly maxBatchSize: number;
  /** The rate limit announced by the provider's latest answer (start-up check included). */
  readonly lastRate?: RateInfo | undefined;
  /** Start-up check: throws with the reason when the transport must not be used. */
  check(): Promise<void>;
  send(email: OutgoingEmail, idempotencyKey: string): Promise<SendResult>;
  sendBatch(emails: OutgoingEmail[], idempotencyKey: string): Promise<BatchResult>;
}

/**
 * A failed call. `retryable` says whether the same request (same key) may
 * succeed later: 429, 5xx and network errors; not a 4xx that will not change.
 */
export class TransportError extends Error {
  override name = 'TransportError';
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly details: {
      status?: number | null;
      code?: string;
      retryAfterMs?: number;
      rate?: RateInfo;
    } = {},
  ) {
    super(message);
  }
}

/** The start-up check said no: the process must not start. */
export class TransportCheckError extends Error {
  override name = 'TransportCheckError';
}
