import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { countries, renderEmail, type CountryRecord } from '@csp-enablement/templates';
import { beforeEach, describe, expect, it } from 'vitest';
import { KEY_LIFETIME_MS, Sender } from '../src/sending/sender.js';
import { ShuttingDownError } from '../src/sending/drain.js';
import type { Store } from '../src/store.js';
import { placeholderIn, ResendTransport } from '../src/transports/resend.js';
import {
  TransportError,
  type BatchResult,
  type OutgoingEmail,
  type SendResult,
  type Transport,
} from '../src/transports/types.js';
import { OTHER_RUN } from './helpers.js';
import { describeStores } from './stores.js';

type Step = 'ok' | TransportError | { waitMs: number };

class StepTransport implements Transport {
  readonly name = 'resend';
  readonly endpoint = null;
  readonly acceptsPlaceholders = true;
  readonly maxBatchSize = 100;
  keys: string[] = [];
  constructor(private readonly steps: Step[]) {}
  check(): Promise<void> {
    return Promise.resolve();
  }
  async send(_email: OutgoingEmail, key: string): Promise<SendResult> {
    this.keys.push(key);
    const step = this.steps.shift() ?? 'ok';
    if (step instanceof TransportError) throw step;
    if (step !== 'ok') await sleep(step.waitMs);
    return { id: `msg-${this.keys.length}` };
  }
  sendBatch(emails: OutgoingEmail[], key: string): Promise<BatchResult> {
    this.keys.push(key);
    return Promise.resolve({ ids: emails.map((_, i) => `b-${i}`) });
  }
}

const input = {
  template: 'customer-authorization-request',
  country: 'GB',
  to: ['ga@contoso.example'],
  cc: [],
};
const error500 = () => new TransportError('HTTP 500 internal_server_error', true, { status: 500 });

let store: Store;
const logs: string[] = [];

describeStores('recovery without waiting for a timer', (s) => {
  beforeEach(() => {
    store = s.store;
    logs.length = 0;
  });

  it('takes over at once a row left sending by a dead process on this host, with the same key', async () => {
    const first = new Sender({
      store,
      transport: new StepTransport([]),
      retry: { maxAttempts: 3, baseMs: 1, maxMs: 2 },
    });
    const { row } = await first.queue(await first.prepare(input, 'a'), { createdBy: 'a' });
    // Killed mid-send: its lease still runs for a minute.
    await store.sends.claim([row.id], 60_000, {
      pid: 999_999,
      host: hostname(),
      token: 'killed-run',
    });
    const transport = new StepTransport(['ok']);
    const sender = new Sender({
      store,
      transport,
      retry: { maxAttempts: 3, baseMs: 1, maxMs: 2 },
      processExists: (pid) => pid !== 999_999,
    });
    const started = Date.now();
    const [done] = await sender.resume();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(done?.state).toBe('sent');
    expect(transport.keys).toEqual([row.idempotencyKey]);
  });

  it('leaves a row held by a live run elsewhere, saying by whom and until when', async () => {
    const first = new Sender({
      store,
      transport: new StepTransport([]),
      retry: { maxAttempts: 3, baseMs: 1, maxMs: 2 },
    });
    const { row } = await first.queue(await first.prepare(input, 'a'), { createdBy: 'a' });
    await store.sends.claim([row.id], 60_000, OTHER_RUN);
    const transport = new StepTransport(['ok']);
    const sender = new Sender({
      store,
      transport,
      retry: { maxAttempts: 3, baseMs: 1, maxMs: 2 },
      log: (l) => logs.push(l),
    });
    await sender.resume();
    expect(transport.keys).toEqual([]);
    expect(logs.join('\n')).toMatch(
      /held by process 1 on other-host\.invalid until \d\d:\d\d:\d\d/,
    );
    expect(sender.reason((await store.sends.getSend(row.id)) ?? row)).toMatch(
      /held by process 1 on other-host/,
    );
  });

  it('renews the lease while an attempt is in flight (heartbeat), so the lease can be short', async () => {
    // A 1 s lease renewed every third of it, and an answer that takes 3 s: room for a stall of
    // half a second on a loaded machine (a 150 ms lease once ran out there while the test
    // process waited for a core).
    const transport = new StepTransport([{ waitMs: 3000 }]);
    const sender = new Sender({
      store,
      transport,
      retry: { maxAttempts: 3, baseMs: 1, maxMs: 2 },
      leaseMs: 1000,
    });
    const { row } = await sender.queue(await sender.prepare(input, 'a'), { createdBy: 'a' });
    const delivery = sender.deliver(row.id);
    // Measured from the claim, however long a busy machine takes to get there.
    let early = 0;
    for (let i = 0; i < 500 && early === 0; i++) {
      await sleep(10);
      early = (await store.sends.getSend(row.id))?.lease?.until ?? 0;
    }
    expect(early).toBeGreaterThan(0);
    await sleep(1500);
    const later = (await store.sends.getSend(row.id))?.lease?.until ?? 0;
    // Without renewal the 1 s lease would have run out half a second before this read.
    expect(later).toBeGreaterThan(Date.now());
    expect(later).toBeGreaterThan(early);
    expect((await delivery).state).toBe('sent');
  });

  it('checks the key lifetime before each retry, not only at start', async () => {
    let clock = Date.now();
    const transport = new StepTransport(Array.from({ length: 20 }, error500));
    const sender = new Sender({
      store,
      transport,
      retry: { maxAttempts: 20, baseMs: 1, maxMs: 2 },
      now: () => clock,
      // Each backoff lasts 6 h (a long retry-after, a suspended laptop ...).
      sleep: () => {
        clock += 6 * 3600_000;
        return Promise.resolve();
      },
    });
    const row = await sender.send(input, { createdBy: 'a' });
    expect(row.state).toBe('failed');
    expect(row.lastError).toMatch(/23 h/);
    // Attempts at 0, 6, 12 and 18 h; the one at 24 h is refused.
    expect(transport.keys).toHaveLength(4);
    expect(KEY_LIFETIME_MS).toBe(23 * 3600_000);
  });

  it('drains: a backoff sleep ends at once, the row returns to queued, new sends are refused', async () => {
    const transport = new StepTransport([
      new TransportError('HTTP 429 rate_limit_exceeded', true, {
        status: 429,
        retryAfterMs: 60_000,
      }),
    ]);
    const sender = new Sender({ store, transport, retry: { maxAttempts: 5, baseMs: 1, maxMs: 2 } });
    const draft = await sender.prepare(input, 'a');
    const { row } = await sender.queue(draft, { createdBy: 'a' });
    const delivery = sender.deliver(row.id);
    // Waiting in its backoff: the 429 attempt was made and the row is queued again.
    const backingOff = async () => {
      const now = await store.sends.getSend(row.id);
      return now?.state === 'queued' && now.lastError !== null;
    };
    for (let i = 0; i < 100 && !(await backingOff()); i++) await sleep(10);
    const started = Date.now();
    expect(await sender.drain(5_000)).toBe(true);
    const final = await delivery;
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(final.state).toBe('queued');
    expect(sender.reason(final)).toMatch(/queued to try again after: HTTP 429/);
    await expect(sender.queue(draft, { createdBy: 'a' })).rejects.toThrow(ShuttingDownError);
  });
});

describe('the Resend transport', () => {
  it('the Resend transport itself refuses a placeholder link unless built to accept it', async () => {
    const email = await renderEmail('reseller-invitation', 'DE');
    const outgoing: OutgoingEmail = {
      from: email.from,
      to: ['ga@contoso.example'],
      cc: [],
      subject: email.subject,
      html: email.html,
      text: email.text,
      locale: email.locale,
      templateId: email.templateId,
      country: 'US', // even when the metadata claims another country
      fingerprint: email.fingerprint,
      templateVersion: email.version,
    };
    // Nothing listens on port 9: a refusal must come before any network call.
    const strict = new ResendTransport('re_x', 'http://127.0.0.1:9', [], false, 500);
    await expect(strict.send(outgoing, 'k1')).rejects.toMatchObject({
      retryable: false,
      message: expect.stringMatching(/placeholder/) as unknown,
    });
    await expect(strict.sendBatch([outgoing], 'k2')).rejects.toThrow(/placeholder/);
  });

  it('issue 17: the Resend transport refuses any placeholder record, not only a placeholder link', async () => {
    const email = await renderEmail('customer-authorization-request', 'DE');
    const outgoing: OutgoingEmail = {
      from: email.from,
      to: ['ga@contoso.example'],
      cc: [],
      subject: email.subject,
      html: email.html,
      text: email.text,
      locale: email.locale,
      templateId: email.templateId,
      country: email.country,
      fingerprint: email.fingerprint,
      templateVersion: email.version,
    };
    // A registry where DE's link is confirmed but its support address is still a placeholder.
    const de = countries.find((c) => c.code === 'DE');
    if (!de) throw new Error('no DE');
    const confirmedLink: CountryRecord = {
      ...de,
      invitationUrl: { ...de.invitationUrl, provenance: { status: 'verified', source: 'test' } },
    };
    expect(placeholderIn(outgoing, [confirmedLink])).toMatch(
      /cloud\.support\.de@ingrammicro\.com \(registry record DE supportContact/,
    );
    expect(placeholderIn(outgoing, [confirmedLink])).not.toMatch(/invitationUrl/);
    // And the transport itself names the address (every registry link is a placeholder today too).
    const strict = new ResendTransport('re_x', 'http://127.0.0.1:9', [], false, 500);
    await expect(strict.send(outgoing, 'k3')).rejects.toThrow(
      /cloud\.support\.de@ingrammicro\.com \(registry record DE supportContact/,
    );
    // With everything confirmed nothing is found.
    const confirmed: CountryRecord = {
      ...confirmedLink,
      supportContact: { ...de.supportContact, provenance: { status: 'verified', source: 'test' } },
      marketplaceUrl: { ...de.marketplaceUrl, provenance: { status: 'verified', source: 'test' } },
    };
    expect(placeholderIn(outgoing, [confirmed])).toBeUndefined();
  });
});
