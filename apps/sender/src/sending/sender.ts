import { randomUUID } from 'node:crypto';
import type { CountryRecord, RenderedEmail, TemplateId } from '@csp-enablement/templates';
import { InputError, parseRecipients } from '../addresses.js';
import {
  hasPlaceholderInvitation,
  lockedRenderer,
  parseCountry,
  parseTemplate,
  renderLocked,
  verifies,
  type ArtifactLocator,
  type Renderer,
} from '../catalog.js';
import { backoffDelay, MAX_RETRY_AFTER_MS, RateGate, type RetryPolicy } from '../retry.js';
import { abortableSleep, Drain, ShuttingDownError } from './drain.js';
import { identityMismatch, KEY_LIFETIME_MS, placeholderGate, refusal } from './gate.js';
import { Heartbeat } from './heartbeat.js';
import { describePlaceholders, placeholdersIn } from './placeholders.js';
import { heldBy, holderIsGone, newOwner, processExists } from './owner.js';
import { rowReason } from './reason.js';
import { clearUncertain, mayHaveArrived, markUncertain } from './uncertain.js';
import type { LeaseOwner, SendRow, Store } from '../store.js';
import { TransportError, type OutgoingEmail, type Transport } from '../transports/types.js';

export { KEY_LIFETIME_MS };

/**
 * How many more 429 answers than failed attempts a send waits through. A 429 means "not
 * processed, come back after retry-after": a busy account, e.g. a batch and the web UI
 * sharing its rate limit, must slow a send down, not fail it after SENDER_MAX_ATTEMPTS.
 */
export const RATE_LIMIT_PATIENCE = 10;

/** A short lease, renewed by a heartbeat while the attempt runs: a dead run's rows free up soon. */
export const DEFAULT_LEASE_MS = 30_000;

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
  /** The email carries a registry placeholder value (allowed only by some transports). */
  placeholder: boolean;
  /** What it goes out from (Step 1: SENDER_STEP1_FROM, see envelope). */
  from: string;
}

export interface SenderOptions {
  store: Store;
  transport: Transport;
  retry: RetryPolicy;
  /** Default: the installed templates package's pre-rendered artifacts (see lockedRenderer). */
  render?: Renderer;
  /** Where the default renderer finds the artifacts (tests point it at a copy). */
  artifacts?: ArtifactLocator;
  /** Backoff sleep; the signal fires when the process drains (the default sleep then ends early). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<unknown>;
  random?: () => number;
  now?: () => number;
  /** Operational log lines (never secrets or passwords). */
  log?: (line: string) => void;
  /**
   * Step 1 (the reseller invitation) is sent on the reseller's side: its From
   * (SENDER_STEP1_FROM) and the Reply-To used when a row's creator is not an address
   * (a CLI run: --reply-to or SENDER_FIRST_USER). Step 2 keeps the registry's From.
   */
  step1?: { from: string | undefined; replyTo: string };
  /** How long a claim holds a row without a heartbeat (default 30 s; renewed every third of it). */
  leaseMs?: number;
  /** Who this run is (tests pretend to be another process). */
  owner?: LeaseOwner;
  /** Whether a process id exists on this host (tests pretend one died). */
  processExists?: (pid: number) => boolean;
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
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<unknown>;
  private readonly random: () => number;
  readonly now: () => number;
  private readonly log: (line: string) => void;
  readonly owner: LeaseOwner;
  private readonly leaseMs: number;
  private readonly exists: (pid: number) => boolean;
  private readonly heartbeat: Heartbeat;
  private readonly drainer = new Drain();
  private readonly step1: { from: string | undefined; replyTo: string } | undefined;

  constructor(options: SenderOptions) {
    this.store = options.store;
    this.transport = options.transport;
    this.retry = options.retry;
    this.sleep = options.sleep ?? abortableSleep;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.log = options.log ?? (() => undefined);
    // Read and checked against the lock once, here at start (warnings go to the log once).
    this.render = options.render ?? lockedRenderer(this.log, options.artifacts).render;
    this.step1 = options.step1;
    this.owner = options.owner ?? newOwner();
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.exists = options.processExists ?? processExists;
    this.heartbeat = new Heartbeat(
      () => {
        if (this.store.db.isOpen) this.store.renewLeases(this.owner, this.leaseMs);
      },
      Math.max(10, Math.floor(this.leaseMs / 3)),
    );
    this.gate = new RateGate(async (ms) => {
      await this.sleep(ms, this.drainer.signal);
    }, this.now);
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
    const email = await renderLocked(this.render, templateId, country);
    const found = placeholdersIn(email);
    if (found.length > 0 && !this.transport.acceptsPlaceholders) {
      throw new InputError(
        'country',
        `${country.code}'s ${templateId} email carries registry placeholders, not confirmed values: ${describePlaceholders(found)}. The ${this.transport.name} transport will not send it to a real recipient`,
      );
    }
    this.verifyOrRefuse(email, actor);
    let from: string;
    try {
      ({ from } = this.envelope(email, actor));
    } catch (error) {
      throw new InputError('template', message(error));
    }
    return { email, country, to, cc, placeholder: found.length > 0, from };
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
    if (this.drainer.isStopping()) throw new ShuttingDownError();
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
      endpoint: this.transport.endpoint,
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

  /**
   * From and Reply-To of an email created by `createdBy`. Step 1 is the reseller's own
   * email: from SENDER_STEP1_FROM, answered by the signed-in user (a web row's creator) or
   * the run's Reply-To. Derived from the row, so every retry sends the same payload.
   */
  envelope(email: RenderedEmail, createdBy: string): { from: string; replyTo?: string } {
    if (email.templateId !== 'reseller-invitation' || this.step1 === undefined)
      return { from: email.from };
    const replyTo = /^[^\s@:]+@[^\s@]+$/.test(createdBy) ? createdBy : this.step1.replyTo;
    const from = this.step1.from ?? (this.transport.name === 'outbox' ? replyTo : undefined);
    if (from === undefined)
      throw new RefusedError(
        `Step 1 (reseller-invitation) is the reseller's own email, not sent from ${email.from}: set SENDER_STEP1_FROM to the address it goes out from (its domain verified in Resend) to send it through ${this.transport.name}`,
      );
    return { from, replyTo };
  }

  private outgoing(email: RenderedEmail, row: SendRow): OutgoingEmail {
    return {
      ...this.envelope(email, row.createdBy),
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
    const rows = await this.deliverGroup([id]);
    const row = rows[0] ?? this.store.getSend(id);
    if (!row) throw new Error(`send #${id} does not exist`);
    return row;
  }

  /** True while the process is stopping: no new sends, backoff sleeps cut short. */
  get stopping(): boolean {
    return this.drainer.isStopping();
  }

  /**
   * Graceful stop: refuses new sends, wakes backoff sleeps (those rows go
   * back to `queued`) and waits up to `boundMs` for attempts in flight.
   * True when everything in flight finished in time.
   */
  drain(boundMs: number): Promise<boolean> {
    return this.drainer.drain(boundMs);
  }

  /** A row another live run is sending right now (its lease is current and its process exists). */
  heldByOther(row: SendRow): boolean {
    const lease = row.lease;
    return (
      row.state === 'sending' &&
      lease !== null &&
      lease.token !== this.owner.token &&
      lease.until >= this.now() &&
      !holderIsGone(lease, this.owner, this.exists)
    );
  }

  /** The plain reason a row is not `sent` (undefined when it is). */
  reason(row: SendRow): string | undefined {
    return rowReason(row, { transport: this.transport, owner: this.owner, now: this.now() });
  }

  /**
   * Sends rows that share one idempotency key: a single email, or one batch
   * chunk (all or nothing through the batch endpoint). Every attempt passes
   * the same gate, whoever asked for it.
   */
  deliverGroup(ids: number[]): Promise<SendRow[]> {
    const release = this.heartbeat.hold();
    return this.drainer.track(this.attempts(ids)).finally(release);
  }

  private reload(ids: number[]): SendRow[] {
    return ids.map((id) => this.store.getSend(id)).filter((r): r is SendRow => r !== undefined);
  }

  private async attempts(ids: number[]): Promise<SendRow[]> {
    // Attempts in this run: a resumed or re-queued row gets a fresh budget (the row keeps the total).
    // A 429 is the provider asking to wait (often for another run sharing the account's rate
    // limit), not a failed attempt: it has a budget of its own, RATE_LIMIT_PATIENCE times larger.
    let failures = 0;
    let rateLimited = 0;
    for (let tries = 1; ; tries++) {
      if (this.drainer.isStopping()) return this.reload(ids);
      const current = this.reload(ids);
      const mismatch = current[0] && identityMismatch(current[0], this.transport);
      if (mismatch) {
        this.log(`send ${ids.join(',')} not sent: ${mismatch}`);
        return current;
      }
      const claimed = this.store.claim(ids, this.leaseMs, this.owner, (lease) =>
        holderIsGone(lease, this.owner, this.exists),
      );
      if (claimed.length === 0) return this.reload(ids); // done already, or another live run holds it
      if (claimed.length !== ids.length) {
        this.store.markRetry(
          claimed.map((r) => r.id),
          'another run holds part of this group',
        );
        return this.reload(ids);
      }
      const first = claimed[0];
      if (!first) return this.reload(ids);
      let emails: OutgoingEmail[];
      try {
        const refused = claimed
          .map((row) => refusal(row, this.transport, this.now()))
          .find((r) => r !== undefined);
        if (refused !== undefined) throw new RefusedError(refused);
        const email = await this.emailForRow(first);
        emails = claimed.map((row) => this.outgoing(email, row));
        const carried = emails[0] && placeholderGate(emails[0], this.transport);
        if (carried) throw new RefusedError(carried);
      } catch (error) {
        this.store.markFailed(ids, message(error));
        this.log(`send ${ids.join(',')} refused: ${message(error)}`);
        return this.reload(ids);
      }
      await this.gate.wait();
      if (this.drainer.isStopping()) {
        // Woken from the rate wait by a drain: back to queued, untried, for the next run.
        this.store.markRetry(ids, 'not sent yet: the process stopped before this attempt');
        return this.reload(ids);
      }
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
        return this.reload(ids);
      } catch (error) {
        const text = message(error);
        const retryable = error instanceof TransportError && error.retryable;
        // No answer: it may have been taken; a definite refusal under the same key: it was not.
        if (mayHaveArrived(error)) markUncertain(this.store, ids, this.now());
        else if (
          !retryable &&
          error instanceof TransportError &&
          typeof error.details.status === 'number'
        )
          clearUncertain(this.store, ids);
        const attempts = tries;
        const busy = error instanceof TransportError && error.details.status === 429;
        if (busy) rateLimited++;
        else failures++;
        if (error instanceof TransportError) this.gate.update(error.details.rate);
        const wait = error instanceof TransportError ? error.details.retryAfterMs : undefined;
        if (
          !retryable ||
          failures >= this.retry.maxAttempts ||
          rateLimited >= this.retry.maxAttempts * RATE_LIMIT_PATIENCE ||
          (wait !== undefined && wait > MAX_RETRY_AFTER_MS)
        ) {
          const why = retryable
            ? ` (gave up after ${attempts} attempt${attempts === 1 ? '' : 's'})`
            : '';
          this.store.markFailed(ids, `${text}${why}`);
          this.log(`send ${ids.join(',')} failed: ${text}${why}`);
          return this.reload(ids);
        }
        const ms = backoffDelay(attempts, this.retry, wait, this.random);
        this.store.markRetry(ids, text);
        this.log(
          `send ${ids.join(',')} attempt ${attempts} failed (${text}); retrying in ${ms} ms`,
        );
        // A drain wakes this sleep: the row stays `queued` for the next run.
        await this.sleep(ms, this.drainer.signal);
      }
    }
  }

  /**
   * At start: finishes what a previous run left (queued, or sending when its
   * process died) with the rows' own keys, through the same gate as any
   * send. Rows of another transport, or held by a live run, are left alone
   * and reported with the reason.
   */
  async resume(): Promise<SendRow[]> {
    const rows = this.store.unfinished();
    if (rows.length === 0) return [];
    const groups = new Map<string, SendRow[]>();
    for (const row of rows) {
      const mismatch = identityMismatch(row, this.transport);
      if (mismatch !== undefined) {
        this.log(`left #${row.id}: ${mismatch}`);
        continue;
      }
      if (row.lease !== null && row.state === 'sending' && row.lease.token === this.owner.token)
        continue; // this run is sending it already
      if (this.heldByOther(row)) {
        if (row.lease) this.log(`left #${row.id}: ${heldBy(row.lease)}`);
        continue;
      }
      const key = row.idempotencyKey;
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    const count = [...groups.values()].reduce((n, g) => n + g.length, 0);
    if (count === 0) return [];
    this.log(`resuming ${count} unfinished send${count === 1 ? '' : 's'}`);
    // Rows a dead run left mid-send first: the provider's clock on their keys is running.
    const ordered = [...groups.values()].sort(
      (a, b) =>
        Number(b.some((r) => r.state === 'sending')) - Number(a.some((r) => r.state === 'sending')),
    );
    const done: SendRow[] = [];
    for (const group of ordered) done.push(...(await this.deliverGroup(group.map((r) => r.id))));
    for (const row of done) {
      const why = this.reason(row);
      if (why !== undefined) this.log(`#${row.id} ${row.state}: ${why}`);
    }
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
