import { setTimeout as delay } from 'node:timers/promises';
import { countries, type CountryRecord } from '@csp-enablement/templates';
import { Resend, type CreateEmailOptions } from 'resend';
import { headerMailbox } from '../addresses.js';
import { backoffDelay, MAX_RETRY_AFTER_MS, type RetryPolicy } from '../retry.js';
import {
  TransportCheckError,
  TransportError,
  type BatchResult,
  type OutgoingEmail,
  type RateInfo,
  type SendResult,
  type Transport,
} from './types.js';

interface ResendError {
  message: string;
  statusCode: number | null;
  name: string;
}

// 429s that waiting a few seconds will not fix.
const QUOTA_ERRORS = new Set(['daily_quota_exceeded', 'monthly_quota_exceeded']);
// The provider is still working on the first request with this key: ask again later.
const RETRYABLE_CONFLICTS = new Set(['concurrent_idempotent_requests']);

function header(headers: Record<string, string> | null, name: string): string | undefined {
  return headers?.[name.toLowerCase()];
}

function seconds(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** `ratelimit-limit`, `ratelimit-remaining`, `ratelimit-reset` (seconds). */
export function rateInfo(headers: Record<string, string> | null): RateInfo | undefined {
  const limit = seconds(header(headers, 'ratelimit-limit'));
  const remaining = seconds(header(headers, 'ratelimit-remaining'));
  const reset = seconds(header(headers, 'ratelimit-reset'));
  if (limit === undefined && remaining === undefined && reset === undefined) return undefined;
  return {
    ...(limit !== undefined ? { limit } : {}),
    ...(remaining !== undefined ? { remaining } : {}),
    ...(reset !== undefined ? { resetMs: reset * 1000 } : {}),
  };
}

/** `retry-after`: delta seconds or an HTTP date. */
export function retryAfterMs(
  headers: Record<string, string> | null,
  now = Date.now(),
): number | undefined {
  const value = header(headers, 'retry-after');
  if (value === undefined) return undefined;
  const delta = seconds(value);
  if (delta !== undefined) return delta * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function classify(
  error: ResendError,
  headers: Record<string, string> | null,
): TransportError {
  const status = typeof error.statusCode === 'number' ? error.statusCode : null;
  const rate = rateInfo(headers);
  const wait = retryAfterMs(headers);
  let retryable: boolean;
  if (status === null) {
    // No HTTP status: the request never got an answer (network), or the body had none.
    retryable = ![
      'validation_error',
      'invalid_idempotent_request',
      'invalid_api_key',
      'missing_api_key',
    ].includes(error.name);
  } else if (status === 429) {
    retryable = !QUOTA_ERRORS.has(error.name);
  } else if (status === 409) {
    retryable = RETRYABLE_CONFLICTS.has(error.name);
  } else {
    retryable = status >= 500;
  }
  const label = status === null ? 'no HTTP answer' : `HTTP ${status}`;
  return new TransportError(`Resend: ${label} ${error.name}: ${error.message}`, retryable, {
    status,
    code: error.name,
    ...(wait !== undefined ? { retryAfterMs: wait } : {}),
    ...(rate ? { rate } : {}),
  });
}

/** The partner tenant ids of the registry's placeholder invitation links. */
const placeholderTenants = (list: readonly CountryRecord[]): string[] =>
  list
    .filter((c) => c.invitationUrl.provenance.status === 'placeholder')
    .map(
      (c) => new URL(c.invitationUrl.value).searchParams.get('partnerId') ?? c.invitationUrl.value,
    );

/**
 * Defence in depth: whatever the caller decided, this transport does not
 * send a placeholder invitation link unless it was built to accept them.
 */
export function placeholderIn(
  email: OutgoingEmail,
  list: readonly CountryRecord[] = countries,
): string | undefined {
  const record = list.find((c) => c.code === email.country);
  if (record?.invitationUrl.provenance.status === 'placeholder')
    return `${email.country}'s invitation link is a registry placeholder`;
  const tenant = placeholderTenants(list).find(
    (id) => email.html.includes(id) || email.text.includes(id),
  );
  return tenant === undefined ? undefined : `the email contains placeholder partner id ${tenant}`;
}

function payload(email: OutgoingEmail): CreateEmailOptions {
  return {
    from: email.from,
    // Names reach Resend already encoded, so the header is ASCII whatever it does with UTF-8.
    to: email.to.map(headerMailbox),
    ...(email.cc.length > 0 ? { cc: email.cc.map(headerMailbox) } : {}),
    subject: email.subject,
    html: email.html,
    text: email.text,
  };
}

/** The SDK's answer: data, or an error with the answer's headers. */
interface Answer<T> {
  data: T | null;
  error: ResendError | null;
  headers: Record<string, string> | null;
}

/** What the start-up check uses when the runtime passes no policy (the config defaults). */
const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseMs: 500, maxMs: 30_000 };

/** Sends through Resend's API with the official SDK. */
export class ResendTransport implements Transport {
  readonly name = 'resend';
  readonly maxBatchSize = 100; // Resend's batch endpoint limit
  private readonly client: Resend;
  lastRate: RateInfo | undefined;

  constructor(
    apiKey: string,
    readonly baseUrl: string,
    /** The From addresses this app sends from (their domains are checked at start). */
    private readonly fromAddresses: readonly string[],
    readonly acceptsPlaceholders: boolean,
    /** Longest wait for one answer; past it the attempt counts as a network error (retried, same key). */
    private readonly timeoutMs = 30_000,
    /** Retries of the start-up check's calls: the same rules as every send (SENDER_MAX_ATTEMPTS ...). */
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => delay(ms),
  ) {
    this.client = new Resend(apiKey, { baseUrl });
  }

  get endpoint(): string {
    return this.baseUrl;
  }

  private refusePlaceholders(emails: OutgoingEmail[]): void {
    if (this.acceptsPlaceholders) return;
    for (const email of emails) {
      const found = placeholderIn(email);
      if (found !== undefined)
        throw new TransportError(
          `Resend transport refused: ${found}; it is never sent to a real recipient`,
          false,
        );
    }
  }

  /**
   * One read of the start-up check: a 429 (waiting as `retry-after` says), a 5xx or
   * a lost answer is asked again with backoff, up to the policy's attempts.
   */
  private async read<T>(
    call: () => Promise<Answer<T>>,
  ): Promise<{ data: T } | { failure: string }> {
    for (let attempt = 1; ; attempt++) {
      const answer = await call();
      this.lastRate = rateInfo(answer.headers) ?? this.lastRate;
      if (answer.data !== null && answer.error === null) return { data: answer.data };
      const failure = classify(
        answer.error ?? { statusCode: null, name: 'empty_answer', message: 'no data and no error' },
        answer.headers,
      );
      const wait = failure.details.retryAfterMs;
      if (
        !failure.retryable ||
        attempt >= this.retry.maxAttempts ||
        (wait !== undefined && wait > MAX_RETRY_AFTER_MS)
      ) {
        const tries = attempt > 1 ? ` (gave up after ${attempt} tries)` : '';
        return { failure: `${failure.message}${tries}` };
      }
      await this.sleep(backoffDelay(attempt, this.retry, wait));
    }
  }

  /**
   * Refuses to start unless every From domain is verified in the Resend
   * account and has click tracking off: tracking rewrites every link, and
   * the invitation URL must reach the customer exactly as locked.
   */
  async check(): Promise<void> {
    const wanted = [
      ...new Set(this.fromAddresses.map((a) => a.slice(a.lastIndexOf('@') + 1).toLowerCase())),
    ];
    const known = new Map<string, string>();
    let after: string | undefined;
    for (let page = 0; page < 50; page++) {
      const listed = await this.read(() =>
        this.client.domains.list(after === undefined ? { limit: 100 } : { limit: 100, after }),
      );
      if ('failure' in listed)
        throw new TransportCheckError(`cannot list domains: ${listed.failure}`);
      const data = listed.data;
      for (const d of data.data) known.set(d.name.toLowerCase(), d.id);
      const last = data.data.at(-1);
      if (!data.has_more || !last) break;
      after = last.id;
    }
    const problems: string[] = [];
    for (const name of wanted) {
      const id = known.get(name);
      if (id === undefined) {
        problems.push(`domain ${name} is not in this Resend account: add and verify it first`);
        continue;
      }
      const read = await this.read(() => this.client.domains.get(id));
      if ('failure' in read) {
        problems.push(`cannot read domain ${name}: ${read.failure}`);
        continue;
      }
      const data = read.data;
      if (data.status !== 'verified')
        problems.push(`domain ${name} is "${data.status}", not verified`);
      if (data.click_tracking !== false) {
        problems.push(
          data.click_tracking === true
            ? `domain ${name} has click tracking on: it rewrites every link, and the invitation URL must arrive unchanged. Turn it off (Resend dashboard → Domains → ${name} → Configuration, or PATCH /domains/${id} {"click_tracking": false})`
            : `domain ${name}: Resend did not say whether click tracking is off, so the invitation URL could be rewritten`,
        );
      }
    }
    if (problems.length > 0)
      throw new TransportCheckError(`Resend is not ready to send:\n  - ${problems.join('\n  - ')}`);
  }

  async send(email: OutgoingEmail, idempotencyKey: string): Promise<SendResult> {
    this.refusePlaceholders([email]);
    const { data, error, headers } = await this.client.emails.send(payload(email), {
      idempotencyKey,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    this.lastRate = rateInfo(headers) ?? this.lastRate;
    if (error) throw classify(error, headers);
    const rate = rateInfo(headers);
    return { id: data.id, ...(rate ? { rate } : {}) };
  }

  async sendBatch(emails: OutgoingEmail[], idempotencyKey: string): Promise<BatchResult> {
    if (emails.length > this.maxBatchSize)
      throw new TransportError(`a batch call takes at most ${this.maxBatchSize} emails`, false);
    this.refusePlaceholders(emails);
    // Strict validation: the whole chunk is accepted or none of it is.
    const { data, error, headers } = await this.client.batch.send(emails.map(payload), {
      idempotencyKey,
      batchValidation: 'strict',
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    this.lastRate = rateInfo(headers) ?? this.lastRate;
    if (error) throw classify(error, headers);
    if (data.data.length !== emails.length) {
      throw new TransportError(
        `Resend answered ${data.data.length} ids for ${emails.length} emails`,
        false,
      );
    }
    const rate = rateInfo(headers);
    return { ids: data.data.map((d) => d.id), ...(rate ? { rate } : {}) };
  }
}
