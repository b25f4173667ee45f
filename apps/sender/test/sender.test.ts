import { renderEmail, type RenderedEmail, type TemplateId } from '@csp-enablement/templates';
import { beforeEach, expect, it } from 'vitest';
import { InputError } from '../src/addresses.js';
import { RefusedError, Sender, KEY_LIFETIME_MS } from '../src/sending/sender.js';
import type { Store } from '../src/store.js';
import {
  TransportError,
  type BatchResult,
  type OutgoingEmail,
  type SendResult,
  type Transport,
} from '../src/transports/types.js';
import { OTHER_RUN } from './helpers.js';
import { describeStores } from './stores.js';

type Step = 'ok' | TransportError;

/** A scripted transport that records every call and what the store held at that moment. */
class ScriptedTransport implements Transport {
  readonly name = 'resend';
  readonly endpoint = null;
  readonly maxBatchSize = 100;
  calls: { key: string; emails: OutgoingEmail[]; rowStates: string[] }[] = [];
  constructor(
    private readonly store: () => Store,
    private readonly steps: Step[],
    readonly acceptsPlaceholders = true,
  ) {}
  check(): Promise<void> {
    return Promise.resolve();
  }
  private async next(key: string, emails: OutgoingEmail[]): Promise<void> {
    this.calls.push({
      key,
      emails,
      rowStates: (await this.store().sends.history()).map((r) => r.state),
    });
    const step = this.steps.shift() ?? 'ok';
    if (step !== 'ok') throw step;
  }
  async send(email: OutgoingEmail, key: string): Promise<SendResult> {
    await this.next(key, [email]);
    return { id: `msg-${this.calls.length}` };
  }
  async sendBatch(emails: OutgoingEmail[], key: string): Promise<BatchResult> {
    await this.next(key, emails);
    return { ids: emails.map((_, i) => `msg-${this.calls.length}-${i}`) };
  }
}

let store: Store;
const sleeps: number[] = [];
const input = {
  template: 'customer-authorization-request',
  country: 'GB',
  to: ['ga@contoso.example'],
  cc: [],
};

function makeSender(
  steps: Step[],
  options: {
    acceptsPlaceholders?: boolean;
    render?: (t: TemplateId, c: string) => Promise<RenderedEmail>;
    now?: () => number;
  } = {},
) {
  const transport = new ScriptedTransport(() => store, steps, options.acceptsPlaceholders ?? true);
  const sender = new Sender({
    store,
    transport,
    retry: { maxAttempts: 4, baseMs: 100, maxMs: 1000 },
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    random: () => 1,
    ...(options.render ? { render: options.render } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  return { sender, transport };
}

describeStores('send core', (s) => {
  beforeEach(() => {
    store = s.store;
    sleeps.length = 0;
  });

  it('stores the row before any network call, then marks it sent with the provider id', async () => {
    const { sender, transport } = makeSender(['ok']);
    const row = await sender.send(input, { createdBy: 'alice@example.com' });
    expect(transport.calls[0]?.rowStates).toEqual(['sending']);
    expect(row).toMatchObject({
      state: 'sent',
      messageId: 'msg-1',
      attempts: 1,
      createdBy: 'alice@example.com',
      templateId: 'customer-authorization-request',
      country: 'GB',
    });
    const rendered = await renderEmail('customer-authorization-request', 'GB');
    expect(row.fingerprint).toBe(rendered.fingerprint);
    expect(row.templateVersion).toBe(rendered.version);
    expect(transport.calls[0]?.emails[0]).toMatchObject({
      html: rendered.html,
      text: rendered.text,
      subject: rendered.subject,
      from: rendered.from,
    });
  });

  it('waits through a busy provider: 429 answers do not use up the attempts', async () => {
    // maxAttempts is 4: six 429s in a row (a run sharing the account's rate limit) then OK.
    const busy = () => new TransportError('429', true, { status: 429, retryAfterMs: 1000 });
    const { sender, transport } = makeSender([
      busy(),
      busy(),
      busy(),
      busy(),
      busy(),
      busy(),
      'ok',
    ]);
    const row = await sender.send(input, { createdBy: 'alice@example.com' });
    expect(row.state).toBe('sent');
    expect(new Set(transport.calls.map((c) => c.key)).size).toBe(1);
  });

  it('still gives up on a provider that only ever answers 429, after its own budget', async () => {
    const busy = () => new TransportError('429', true, { status: 429, retryAfterMs: 1000 });
    const { sender, transport } = makeSender(Array.from({ length: 100 }, busy));
    const row = await sender.send(input, { createdBy: 'alice@example.com' });
    expect(row.state).toBe('failed');
    expect(row.lastError).toMatch(/gave up after 40 attempts/);
    expect(transport.calls).toHaveLength(40);
  });

  it('retries 429/5xx/network with backoff under the same key, honouring retry-after', async () => {
    const { sender, transport } = makeSender([
      new TransportError('429', true, { status: 429, retryAfterMs: 2000 }),
      new TransportError('503', true, { status: 503 }),
      new TransportError('network', true, { status: null }),
      'ok',
    ]);
    const row = await sender.send(input, { createdBy: 'a' });
    expect(row.state).toBe('sent');
    expect(row.attempts).toBe(4);
    expect(new Set(transport.calls.map((c) => c.key)).size).toBe(1);
    expect(transport.calls[0]?.key).toBe(row.idempotencyKey);
    expect(sleeps[0]).toBeGreaterThanOrEqual(2000);
    expect(sleeps.slice(1, 3)).toEqual([200, 400]);
  });

  it('does not retry a 4xx that will not change, and gives up after the attempt limit', async () => {
    const first = makeSender([new TransportError('422 validation_error', false, { status: 422 })]);
    const failed = await first.sender.send(input, { createdBy: 'a' });
    expect(failed).toMatchObject({ state: 'failed', attempts: 1 });
    expect(failed.lastError).toContain('422');
    const second = makeSender(
      Array.from({ length: 10 }, () => new TransportError('500', true, { status: 500 })),
    );
    const gaveUp = await second.sender.send(input, { createdBy: 'a' });
    expect(gaveUp).toMatchObject({ state: 'failed', attempts: 4 });
    expect(gaveUp.lastError).toMatch(/gave up after 4 attempts/);
  });

  it('refuses and logs a tampered email; nothing is queued or sent', async () => {
    const tamper = async (t: TemplateId, c: string) => {
      const email = await renderEmail(t, c);
      return {
        ...email,
        html: email.html.replace('https://admin.microsoft.com/', 'https://evil.example/'),
      };
    };
    const { sender, transport } = makeSender(['ok'], { render: tamper });
    await expect(sender.send(input, { createdBy: 'mallory' })).rejects.toBeInstanceOf(RefusedError);
    expect(transport.calls).toEqual([]);
    expect(await store.sends.history()).toEqual([]);
    expect(await store.audit.events('refused-unverified')).toMatchObject([{ actor: 'mallory' }]);
  });

  it('refuses a queued row whose render no longer verifies at send time', async () => {
    let tampered = false;
    const render = async (t: TemplateId, c: string) => {
      const email = await renderEmail(t, c);
      return tampered ? { ...email, text: `${email.text}\nP.S. free text` } : email;
    };
    const { sender, transport } = makeSender(['ok'], { render });
    const draft = await sender.prepare(input, 'a');
    const { row } = await sender.queue(draft, { createdBy: 'a' });
    tampered = true;
    const final = await sender.deliver(row.id);
    expect(final.state).toBe('failed');
    expect(final.lastError).toMatch(/does not verify/);
    expect(transport.calls).toEqual([]);
  });

  it('rejects bad input naming the field, before anything is stored', async () => {
    const { sender } = makeSender([]);
    await expect(
      sender.send({ ...input, template: 'free-text' }, { createdBy: 'a' }),
    ).rejects.toMatchObject({ field: 'template' });
    await expect(
      sender.send({ ...input, country: 'ZZ' }, { createdBy: 'a' }),
    ).rejects.toMatchObject({ field: 'country' });
    await expect(
      sender.send({ ...input, to: ['Admin <a@b.com> (IT)'] }, { createdBy: 'a' }),
    ).rejects.toBeInstanceOf(InputError);
    expect(await store.sends.history()).toEqual([]);
  });

  it('refuses any registry placeholder the email carries when the transport does not accept them', async () => {
    const { sender, transport } = makeSender(['ok'], { acceptsPlaceholders: false });
    // Each value is named with its record: the link and the support address.
    await expect(sender.send(input, { createdBy: 'a' })).rejects.toThrow(
      /country: GB's .* email carries registry placeholders.*partnerId=00000000-.*registry record GB invitationUrl.*cloud\.support\.uk@ingrammicro\.com \(registry record GB supportContact/,
    );
    expect(transport.calls).toEqual([]);
  });

  it('returns the same row for the same request key (a double-clicked OK sends once)', async () => {
    const { sender, transport } = makeSender(['ok', 'ok']);
    const draft = await sender.prepare(input, 'a');
    const a = await sender.queue(draft, { requestKey: 'web:1:abc', createdBy: 'a' });
    const b = await sender.queue(draft, { requestKey: 'web:1:abc', createdBy: 'a' });
    expect(b.existing).toBe(true);
    expect(b.row.id).toBe(a.row.id);
    await sender.deliver(a.row.id);
    await sender.deliver(b.row.id);
    expect(transport.calls).toHaveLength(1);
  });

  it('resumes unfinished rows at start with their own keys', async () => {
    const first = makeSender([]);
    const draft = await first.sender.prepare(input, 'a');
    const queued = (await first.sender.queue(draft, { createdBy: 'a' })).row;
    const crashed = (await first.sender.queue(draft, { createdBy: 'a' })).row;
    // A process died mid-send: the row is `sending` with a lease that has run out.
    await store.sends.claim([crashed.id], -1, OTHER_RUN);
    const { sender, transport } = makeSender(['ok', 'ok']);
    const resumed = await sender.resume();
    expect(resumed.map((r) => r.state)).toEqual(['sent', 'sent']);
    expect(transport.calls.map((c) => c.key).sort()).toEqual(
      [queued.idempotencyKey, crashed.idempotencyKey].sort(),
    );
    expect(await sender.resume()).toEqual([]);
  });

  it('does not resend automatically once the provider may have forgotten the key', async () => {
    const first = makeSender([]);
    const draft = await first.sender.prepare(input, 'a');
    const row = (await first.sender.queue(draft, { createdBy: 'a' })).row;
    await store.sends.claim([row.id], -1, OTHER_RUN);
    const later = Date.now() + KEY_LIFETIME_MS + 60_000;
    const { sender, transport } = makeSender(['ok'], { now: () => later });
    await sender.resume();
    expect(transport.calls).toEqual([]);
    // Left mid-send by a dead run: it may have arrived, so it is uncertain, not failed (issue 18).
    expect((await store.sends.getSend(row.id))?.state).toBe('uncertain');
    expect((await store.sends.getSend(row.id))?.lastError).toMatch(/23 h/);
  });
});
