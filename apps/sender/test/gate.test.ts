import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBatch } from '../src/batches/run.js';
import { Sender } from '../src/sending/sender.js';
import { Store } from '../src/store.js';
import { OutboxTransport } from '../src/transports/outbox.js';
import {
  TransportError,
  type BatchResult,
  type OutgoingEmail,
  type SendResult,
  type Transport,
} from '../src/transports/types.js';
import { OTHER_RUN, tempDir } from './helpers.js';

/** Records every call; fails the first `failures` calls with a retryable 500. */
class RecordingTransport implements Transport {
  readonly maxBatchSize = 100;
  calls: { key: string; emails: OutgoingEmail[] }[] = [];
  constructor(
    readonly name: 'outbox' | 'resend',
    readonly endpoint: string | null,
    readonly acceptsPlaceholders: boolean,
    private failures = 0,
  ) {}
  check(): Promise<void> {
    return Promise.resolve();
  }
  private next(key: string, emails: OutgoingEmail[]): Promise<void> {
    this.calls.push({ key, emails });
    if (this.failures > 0) {
      this.failures--;
      return Promise.reject(
        new TransportError('HTTP 500 internal_server_error', true, { status: 500 }),
      );
    }
    return Promise.resolve();
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

let tmp: ReturnType<typeof tempDir>;
let store: Store;
const logs: string[] = [];
beforeEach(() => {
  tmp = tempDir();
  store = new Store(tmp.dir);
  logs.length = 0;
});
afterEach(async () => {
  await store.close();
  tmp.cleanup();
});

const senderFor = (transport: Transport) =>
  new Sender({
    store,
    transport,
    retry: { maxAttempts: 3, baseMs: 1, maxMs: 2 },
    sleep: () => Promise.resolve(),
    log: (line) => logs.push(line),
  });

// Every country's invitation link is still a registry placeholder (no confirmed partner tenant yet):
// the Resend transports below that must send accept them, as the loopback test switch does.
const placeholderInput = {
  template: 'reseller-invitation',
  country: 'GB',
  to: ['ga@contoso.example'],
  cc: [],
};

describe('one gate for every delivery', () => {
  it('high 1: a row queued under the placeholder switch is not sent when resumed by a run without it', async () => {
    const loopback = 'http://127.0.0.1:9';
    const allowed = senderFor(new RecordingTransport('resend', loopback, true, 1));
    const draft = await allowed.prepare(placeholderInput, 'a');
    const { row } = await allowed.queue(draft, { createdBy: 'a' });
    // The first attempt fails and the process stops during the backoff: the row is left queued.
    await store.sends.claim([row.id], 60_000, OTHER_RUN);
    await store.sends.markRetry([row.id], 'HTTP 500 internal_server_error');

    const strict = new RecordingTransport('resend', loopback, false);
    const resumed = await senderFor(strict).resume();
    expect(strict.calls).toEqual([]);
    expect(resumed.map((r) => r.state)).toEqual(['failed']);
    expect((await store.sends.getSend(row.id))?.lastError).toMatch(/placeholder/);
  });

  it('issue 17: the gate fails a row carrying any placeholder, naming each value and its record', async () => {
    const loopback = 'http://127.0.0.1:9';
    // Step 2 too: its support address is a placeholder record, not only Step 1's link.
    const allowed = senderFor(new RecordingTransport('resend', loopback, true));
    const draft = await allowed.prepare(
      { ...placeholderInput, template: 'customer-authorization-request', country: 'DE' },
      'a',
    );
    const { row } = await allowed.queue(draft, { createdBy: 'a' });
    const strict = new RecordingTransport('resend', loopback, false);
    const [after] = await senderFor(strict).resume();
    expect(strict.calls).toEqual([]);
    expect(after?.state).toBe('failed');
    expect((await store.sends.getSend(row.id))?.lastError).toMatch(
      /cloud\.support\.de@ingrammicro\.com \(registry record DE supportContact, placeholder: support mailbox not confirmed/,
    );
  });

  it('high 2: a Resend row is left untouched by a run through the outbox, and says so', async () => {
    const resend = senderFor(new RecordingTransport('resend', 'https://api.resend.com', true));
    const input = {
      ...placeholderInput,
      template: 'customer-authorization-request',
      country: 'US',
    };
    const draft = await resend.prepare(input, 'a');
    const { row } = await resend.queue(draft, { createdBy: 'a' });

    const outbox = new OutboxTransport(`${tmp.dir}/outbox`);
    await senderFor(outbox).resume();
    const after = await store.sends.getSend(row.id);
    expect(after?.state).toBe('queued');
    expect(after?.messageId).toBeNull();
    expect(logs.join('\n')).toMatch(/created for resend.*this run sends through outbox/);

    // The same transport at another base URL is another identity too.
    const elsewhere = new RecordingTransport('resend', 'http://127.0.0.1:9', true);
    await senderFor(elsewhere).resume();
    expect(elsewhere.calls).toEqual([]);
    expect((await store.sends.getSend(row.id))?.state).toBe('queued');
  });

  it('high 2: a batch first run through the outbox is sent when run through Resend', async () => {
    const file = 'to\na@contoso.example\nb@contoso.example\n';
    const options = {
      file: 'x.csv',
      content: file,
      template: 'customer-authorization-request',
      country: 'US',
      createdBy: 'a',
    };
    const dry = await runBatch(senderFor(new OutboxTransport(`${tmp.dir}/outbox`)), options);
    expect(await dry.sentNow()).toHaveLength(2);
    const resend = new RecordingTransport('resend', 'https://api.resend.com', true);
    const real = await runBatch(senderFor(resend), options);
    expect(await real.alreadySent()).toHaveLength(0);
    expect(await real.sentNow()).toHaveLength(2);
    expect(resend.calls).toHaveLength(1);
  });
});
