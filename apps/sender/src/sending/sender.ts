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
  type Renderer,
} from '../catalog.js';
import { RateGate, type RetryPolicy } from '../retry.js';
import type { LeaseOwner, SendRow, Store } from '../store.js';
import type { Transport } from '../transports/types.js';
import { attempts, type AttemptContext } from './attempts.js';
import { abortableSleep, Drain, ShuttingDownError } from './drain.js';
import { KEY_LIFETIME_MS } from './gate.js';
import { Heartbeat } from './heartbeat.js';
import { holderIsGone, newOwner, processExists } from './owner.js';
import { describePlaceholders, placeholdersIn } from './placeholders.js';
import { rowReason } from './reason.js';
import { resumeUnfinished } from './resume.js';
import { verifyOrRefuse } from './verify.js';
import {
  DEFAULT_LEASE_MS,
  RefusedError,
  type Draft,
  type SendInput,
  type SenderOptions,
} from './types.js';

export { KEY_LIFETIME_MS, RefusedError };
export { RATE_LIMIT_PATIENCE } from './attempts.js';
export { DEFAULT_LEASE_MS, type Draft, type SendInput, type SenderOptions } from './types.js';

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
  /** How long a claim, or a batch run's registration, holds without a heartbeat. */
  readonly leaseMs: number;
  private readonly exists: (pid: number) => boolean;
  private readonly heartbeat: Heartbeat;
  private readonly drainer = new Drain();
  private readonly step1: { from: string | undefined; replyTo: string } | undefined;
  private readonly attempt: AttemptContext;

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
        // A beat that fails (the store closing under a finished run, a database blip) is
        // not fatal: the next one renews, and a lease outlives two missed beats.
        this.store.sends.renewLeases(this.owner, this.leaseMs).catch(() => undefined);
      },
      Math.max(10, Math.floor(this.leaseMs / 3)),
    );
    this.gate = new RateGate(async (ms) => {
      await this.sleep(ms, this.drainer.signal);
    }, this.now);
    // The start-up check already used part of the provider's rate window.
    this.gate.update(this.transport.lastRate);
    this.attempt = {
      store: this.store,
      transport: this.transport,
      retry: this.retry,
      gate: this.gate,
      owner: this.owner,
      leaseMs: this.leaseMs,
      now: this.now,
      random: this.random,
      sleep: this.sleep,
      log: this.log,
      exists: this.exists,
      drainer: this.drainer,
      emailForRow: (row) => this.emailForRow(row),
      envelope: (email, createdBy) => this.envelope(email, createdBy),
    };
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
    await verifyOrRefuse(this.store, this.log, email, actor);
    let from: string;
    try {
      ({ from } = this.envelope(email, actor));
    } catch (error) {
      throw new InputError('template', message(error));
    }
    return { email, country, to, cc, placeholder: found.length > 0, from };
  }

  /** Durable row before any network call. The same requestKey returns the existing row. */
  async queue(
    draft: Draft,
    options: { requestKey?: string; createdBy: string },
  ): Promise<{ row: SendRow; existing: boolean }> {
    if (this.drainer.isStopping()) throw new ShuttingDownError();
    const requestKey = options.requestKey ?? `req-${randomUUID()}`;
    // One write transaction: a form posted twice at once finds the first one's row.
    return await this.store.transaction(async () => {
      const existing = await this.store.sends.findSendByRequestKey(requestKey);
      if (existing) return { row: existing, existing: true };
      const row = await this.store.sends.insertSend({
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
    });
  }

  async send(
    input: SendInput,
    options: { requestKey?: string; createdBy: string },
  ): Promise<SendRow> {
    const draft = await this.prepare(input, options.createdBy);
    const { row } = await this.queue(draft, options);
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

  /** Renders and verifies what a stored row will send: refuses if it no longer matches. */
  private async emailForRow(row: SendRow): Promise<RenderedEmail> {
    const email = await renderLocked(
      this.render,
      parseTemplate(row.templateId),
      parseCountry(row.country),
    );
    await verifyOrRefuse(this.store, this.log, email, row.createdBy, row.fingerprint);
    return email;
  }

  /**
   * Sends one queued row, retrying 429 / 5xx / network errors with backoff
   * under the row's own idempotency key. Returns the row's final state.
   */
  async deliver(id: number): Promise<SendRow> {
    const rows = await this.deliverGroup([id]);
    const row = rows[0] ?? (await this.store.sends.getSend(id));
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
    return this.drainer.track(attempts(this.attempt, ids)).finally(release);
  }

  /**
   * At start: finishes what a previous run left (queued, or sending when its
   * process died) with the rows' own keys (see resume.ts).
   */
  resume(): Promise<SendRow[]> {
    return resumeUnfinished(this, this.log);
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
