import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { CountryRecord, RenderedEmail, TemplateId } from '@csp-enablement/templates';
import { InputError, parseRecipients } from './addresses.js';
import {
  hasPlaceholderInvitation,
  parseCountry,
  parseTemplate,
  renderEmail,
  renderLocked,
  verifies,
  type Renderer,
} from './catalog.js';
import { backoffDelay, MAX_RETRY_AFTER_MS, RateGate, type RetryPolicy } from './retry.js';
import type { SendRow, Store } from './store.js';
import { TransportError, type OutgoingEmail, type Transport } from './transports/types.js';

/** Resend keeps idempotency keys for 24 h; past that a resend could duplicate. */
export const KEY_LIFETIME_MS = 23 * 3600_000;
const LEASE_MS = 5 * 60_000;

/** The email was refused before anything went out (tampered, placeholder, ...). */
export class RefusedError extends Error {
  override name = 'RefusedError';
}

export interface SendInput {
  template: string;
  country: string;
  to: readonly string[];
  cc: readonly string[];
}

/** A validated, rendered and verified email with its recipients: ready to queue. */
export interface Draft {
  email: RenderedEmail;
  country: CountryRecord;
  to: string[];
  cc: string[];
  /** The invitation link is a registry placeholder (allowed only by some transports). */
  placeholder: boolean;
}

export interface SenderOptions {
  store: Store;
  transport: Transport;
  retry: RetryPolicy;
  render?: Renderer;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  /** Operational log lines (never secrets or passwords). */
  log?: (line: string) => void;
}

const message = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/**
 * The one core the web UI and the CLI share: validate → render → verify →
 * durable row → send with retries under one idempotency key.
 */
export class Sender {
  readonly store: Store;
  readonly transport: Transport;
  readonly retry: RetryPolicy;
  readonly gate: RateGate;
  private readonly render: Renderer;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  readonly now: () => number;
  private readonly log: (line: string) => void;

  constructor(options: SenderOptions) {
    this.store = options.store;
    this.transport = options.transport;
    this.retry = options.retry;
    this.render = options.render ?? renderEmail;
    this.sleep = options.sleep ?? ((ms) => delay(ms));
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.log = options.log ?? (() => undefined);
    this.gate = new RateGate(this.sleep, this.now);
    // The start-up check already used part of the provider's rate window.
    this.gate.update(this.transport.lastRate);
  }

  /** Template and country only: the locked email and whether it may go out here. */
  async renderFor(
    template: string,
    countryCode: string,
  ): Promise<{ email: RenderedEmail; country: CountryRecord; placeholder: boolean }> {
    const templateId = parseTemplate(template);
    const country = parseCountry(countryCode);
    const email = await renderLocked(this.render, templateId, country);
    return { email, country, placeholder: hasPlaceholderInvitation(country) };
  }

  /**
   * Validates everything and renders + verifies the email. Throws InputError
   * (naming the field) or RefusedError; nothing is stored or sent then.
   */
  async prepare(input: SendInput, actor: string): Promise<Draft> {
    const templateId = parseTemplate(input.template);
    const country = parseCountry(input.country);
    const { to, cc } = parseRecipients(input.to, input.cc);
    const placeholder = hasPlaceholderInvitation(country);
    if (placeholder && !this.transport.acceptsPlaceholders) {
      throw new InputError(
        'country',
        `${country.code}'s invitation link is a registry placeholder, not Ingram Micro's real partner link: the ${this.transport.name} transport will not send it to a real recipient`,
      );
    }
    const email = await renderLocked(this.render, templateId, country);
    this.verifyOrRefuse(email, actor);
    return { email, country, to, cc, placeholder };
  }

  private verifyOrRefuse(email: RenderedEmail, actor: string, expectedFingerprint?: string): void {
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
    this.store.logEvent(actor, 'refused-unverified', detail);
    this.log(`REFUSED ${detail}`);
    throw new RefusedError(
      `Refused: the email does not verify against the locked templates (${reason}). Nothing was sent.`,
    );
  }

  /** Durable row before any network call. The same requestKey returns the existing row. */
  queue(
    draft: Draft,
    options: { requestKey?: string; createdBy: string },
  ): { row: SendRow; existing: boolean } {
    const requestKey = options.requestKey ?? `req-${randomUUID()}`;
    const existing = this.store.findSendByRequestKey(requestKey);
    if (existing) return { row: existing, existing: true };
    const row = this.store.insertSend({
      requestKey,
      idempotencyKey: `csp-sender-${randomUUID()}`,
      templateId: draft.email.templateId,
      country: draft.email.country,
      to: draft.to,
      cc: draft.cc,
      subject: draft.email.subject,
      fingerprint: draft.email.fingerprint,
      templateVersion: draft.email.version,
      transport: this.transport.name,
      createdBy: options.createdBy,
    });
    return { row, existing: false };
  }

  async send(
    input: SendInput,
    options: { requestKey?: string; createdBy: string },
  ): Promise<SendRow> {
    const draft = await this.prepare(input, options.createdBy);
    const { row } = this.queue(draft, options);
    return this.deliver(row.id);
  }

  private outgoing(email: RenderedEmail, row: SendRow): OutgoingEmail {
    return {
      from: email.from,
      to: row.to,
      cc: row.cc,
      subject: email.subject,
      html: email.html,
      text: email.text,
      locale: email.locale,
      templateId: email.templateId,
      country: email.country,
      fingerprint: email.fingerprint,
      templateVersion: email.version,
    };
  }

  /** Renders and verifies what a stored row will send: refuses if it no longer matches. */
  private async emailForRow(row: SendRow): Promise<RenderedEmail> {
    const email = await renderLocked(
      this.render,
      parseTemplate(row.templateId),
      parseCountry(row.country),
    );
    this.verifyOrRefuse(email, row.createdBy, row.fingerprint);
    return email;
  }

  /**
   * Sends one queued row, retrying 429 / 5xx / network errors with backoff
   * under the row's own idempotency key. Returns the row's final state.
   */
  async deliver(id: number): Promise<SendRow> {
    return this.deliverGroup([id]).then((rows) => {
      const row = rows[0] ?? this.store.getSend(id);
      if (!row) throw new Error(`send #${id} does not exist`);
      return row;
    });
  }

  /**
   * Sends rows that share one idempotency key: a single email, or one batch
   * chunk (all or nothing through the batch endpoint).
   */
  async deliverGroup(ids: number[]): Promise<SendRow[]> {
    const reload = () =>
      ids.map((id) => this.store.getSend(id)).filter((r): r is SendRow => r !== undefined);
    // Attempts in this run: a resumed or re-queued row gets a fresh budget (the row keeps the total).
    for (let tries = 1; ; tries++) {
      const claimed = this.store.claim(ids, LEASE_MS);
      if (claimed.length === 0) return reload(); // done already, or another process holds it
      if (claimed.length !== ids.length) {
        this.store.markRetry(
          claimed.map((r) => r.id),
          'another process holds part of this group',
        );
        return reload();
      }
      const first = claimed[0];
      if (!first) return reload();
      let emails: OutgoingEmail[];
      try {
        const email = await this.emailForRow(first);
        emails = claimed.map((row) => this.outgoing(email, row));
      } catch (error) {
        this.store.markFailed(ids, message(error));
        return reload();
      }
      await this.gate.wait();
      try {
        if (ids.length === 1 && first.batchId === null) {
          const result = await this.transport.send(
            emails[0] as OutgoingEmail,
            first.idempotencyKey,
          );
          this.gate.update(result.rate);
          this.store.markSent(first.id, result.id);
        } else {
          const result = await this.transport.sendBatch(emails, first.idempotencyKey);
          this.gate.update(result.rate);
          this.store.transaction(() => {
            claimed.forEach((row, i) => {
              this.store.markSent(row.id, result.ids[i] ?? '');
            });
          });
        }
        return reload();
      } catch (error) {
        const text = message(error);
        const retryable = error instanceof TransportError && error.retryable;
        const attempts = tries;
        if (error instanceof TransportError) this.gate.update(error.details.rate);
        const wait = error instanceof TransportError ? error.details.retryAfterMs : undefined;
        if (
          !retryable ||
          attempts >= this.retry.maxAttempts ||
          (wait !== undefined && wait > MAX_RETRY_AFTER_MS)
        ) {
          const why = retryable
            ? ` (gave up after ${attempts} attempt${attempts === 1 ? '' : 's'})`
            : '';
          this.store.markFailed(ids, `${text}${why}`);
          this.log(`send ${ids.join(',')} failed: ${text}${why}`);
          return reload();
        }
        const ms = backoffDelay(attempts, this.retry, wait, this.random);
        this.store.markRetry(ids, text);
        this.log(
          `send ${ids.join(',')} attempt ${attempts} failed (${text}); retrying in ${ms} ms`,
        );
        await this.sleep(ms);
      }
    }
  }

  /**
   * At start: finishes what a previous run left (queued, or sending when it
   * died) with the rows' own keys. Rows first tried longer ago than the
   * provider keeps keys are failed for a human to check instead.
   */
  async resume(): Promise<SendRow[]> {
    const rows = this.store.unfinished();
    if (rows.length === 0) return [];
    this.log(`resuming ${rows.length} unfinished send${rows.length === 1 ? '' : 's'}`);
    const groups = new Map<string, SendRow[]>();
    for (const row of rows) {
      if (
        row.firstAttemptAt !== null &&
        row.attempts > 0 &&
        this.now() - row.firstAttemptAt > KEY_LIFETIME_MS
      ) {
        this.store.markFailed(
          [row.id],
          'left unfinished for more than 23 h: the provider forgets idempotency keys after 24 h, so it was not resent automatically (check the provider log, then send again if it never arrived)',
        );
        continue;
      }
      const key = row.idempotencyKey;
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    const done: SendRow[] = [];
    for (const group of groups.values())
      done.push(...(await this.deliverGroup(group.map((r) => r.id))));
    return done;
  }

  /** For previews: the email for a template and country, checked against the lock. */
  async preview(
    template: string,
    country: string,
  ): Promise<{
    email: RenderedEmail;
    country: CountryRecord;
    placeholder: boolean;
    verified: boolean;
    reason?: string;
  }> {
    const result = await this.renderFor(template, country);
    const check = verifies(result.email);
    return check.ok
      ? { ...result, verified: true }
      : { ...result, verified: false, reason: check.reason };
  }
}

export type { TemplateId };
