import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBatch } from '../src/batches/run.js';
import { openRuntime, type Runtime } from '../src/runtime.js';
import { TransportCheckError } from '../src/transports/types.js';
import { FakeResend, STEP1_FROM } from './fake-resend.js';
import { OTHER_RUN, tempDir, testConfig } from './helpers.js';

let fake: FakeResend;
let tmp: ReturnType<typeof tempDir>;
const runtimes: Runtime[] = [];

async function runtime(env: Record<string, string> = {}): Promise<Runtime> {
  const rt = await openRuntime(
    testConfig(tmp.dir, {
      RESEND_API_KEY: fake.apiKey,
      RESEND_BASE_URL: fake.url,
      SENDER_STEP1_FROM: STEP1_FROM,
      SENDER_ALLOW_PLACEHOLDERS: '1',
      ...env,
    }),
    () => undefined,
  );
  runtimes.push(rt);
  return rt;
}

const input = {
  template: 'customer-authorization-request',
  country: 'US',
  to: ['ga@contoso.example'],
  cc: ['me@reseller.example'],
};

beforeEach(async () => {
  tmp = tempDir();
  fake = new FakeResend();
  await fake.start();
});
afterEach(async () => {
  for (const rt of runtimes.splice(0)) await rt.close();
  await fake.stop();
  tmp.cleanup();
});

describe('Resend transport', () => {
  it('starts when the From domain is verified with click tracking off', async () => {
    await expect(runtime()).resolves.toBeDefined();
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /domains',
      `GET /domains/${fake.domains[0]?.id ?? ''}`,
    ]);
  });

  it('refuses to start when click tracking is on, naming why', async () => {
    fake.domains = [
      { id: 'd1', name: 'ingrammicro.com', status: 'verified', click_tracking: true },
    ];
    await expect(runtime()).rejects.toThrow(/click tracking on: it rewrites every link/);
  });

  it('refuses to start when the domain is not verified or missing', async () => {
    fake.domains = [
      { id: 'd1', name: 'ingrammicro.com', status: 'pending', click_tracking: false },
    ];
    await expect(runtime()).rejects.toThrow(/"pending", not verified/);
    fake.domains = [{ id: 'd2', name: 'example.com', status: 'verified', click_tracking: false }];
    await expect(runtime()).rejects.toBeInstanceOf(TransportCheckError);
    await expect(runtime({ RESEND_API_KEY: 're_wrong' })).rejects.toThrow(/cannot list domains/);
  });

  it('issue 17: Step 1 goes from SENDER_STEP1_FROM with the user as Reply-To; Step 2 keeps the Marketplace From', async () => {
    const rt = await runtime({ SENDER_FIRST_USER: 'cli-user@reseller.example' });
    const step1 = { ...input, template: 'reseller-invitation' };
    // A web send: the row's creator is the signed-in user's address.
    await rt.sender.send(step1, { createdBy: 'sales@ingrammicro.com' });
    // A CLI send (creator `cli:…`): the run's Reply-To, SENDER_FIRST_USER by default.
    await rt.sender.send(step1, { createdBy: 'cli:someone' });
    await rt.sender.send(input, { createdBy: 'sales@ingrammicro.com' });
    const sent = fake.delivered.map((d) => ({ from: d.email.from, reply_to: d.email.reply_to }));
    expect(sent).toEqual([
      { from: STEP1_FROM, reply_to: 'sales@ingrammicro.com' },
      { from: STEP1_FROM, reply_to: 'cli-user@reseller.example' },
      { from: 'DoNotReply@IngramMicro.com', reply_to: undefined },
    ]);
    expect(fake.specViolations).toEqual([]);
  });

  it('issue 17: without SENDER_STEP1_FROM, Step 1 is refused naming the variable, Step 2 still goes', async () => {
    const rt = await runtime({ SENDER_STEP1_FROM: '' });
    await expect(
      rt.sender.send({ ...input, template: 'reseller-invitation' }, { createdBy: 't@x.example' }),
    ).rejects.toMatchObject({
      field: 'template',
      message: expect.stringMatching(/set SENDER_STEP1_FROM/) as unknown,
    });
    expect(fake.delivered).toEqual([]);
    expect(await rt.store.sends.history()).toEqual([]);
    await rt.sender.send(input, { createdBy: 't@x.example' });
    expect(fake.delivered).toHaveLength(1);
  });

  it('refuses placeholder invitation links unless the test switch is on', async () => {
    const rt = await runtime({ SENDER_ALLOW_PLACEHOLDERS: '0' });
    await expect(rt.sender.send(input, { createdBy: 't' })).rejects.toThrow(/placeholder/);
    expect(fake.delivered).toEqual([]);
    expect(await rt.store.sends.history()).toEqual([]);
  });

  it('sends the exact locked email with an Idempotency-Key, checked against the spec', async () => {
    const rt = await runtime();
    const row = await rt.sender.send(input, { createdBy: 't' });
    expect(row.state).toBe('sent');
    expect(fake.delivered).toHaveLength(1);
    expect(row.messageId).toBe(fake.delivered[0]?.id);
    const sent = fake.requests.find((r) => r.path === '/emails');
    expect(sent?.idempotencyKey).toBe(row.idempotencyKey);
    const preview = await rt.sender.preview('customer-authorization-request', 'US');
    expect(fake.delivered[0]?.email).toEqual({
      from: preview.email.from,
      to: ['ga@contoso.example'],
      cc: ['me@reseller.example'],
      subject: preview.email.subject,
      html: preview.email.html,
      text: preview.email.text,
    });
    expect(fake.specViolations).toEqual([]);
  });

  it('sends names as sales typed them, RFC 2047-encoded, and IDN domains in punycode', async () => {
    const rt = await runtime();
    const row = await rt.sender.send(
      {
        ...input,
        to: ['"Müller, Max" <max@müller-maschinenbau.de>, Anna Smith <anna@contoso.example>'],
        cc: ['me@reseller.example'],
      },
      { createdBy: 't' },
    );
    expect(row.state).toBe('sent');
    expect(fake.delivered[0]?.email.to).toEqual([
      '=?UTF-8?B?TcO8bGxlciwgTWF4?= <max@xn--mller-maschinenbau-m6b.de>',
      '"Anna Smith" <anna@contoso.example>',
    ]);
    expect(fake.specViolations).toEqual([]);
  });

  it('retries a lost answer with the same key: delivered once', async () => {
    const rt = await runtime();
    fake.inject({ drop: true });
    const row = await rt.sender.send(input, { createdBy: 't' });
    expect(row).toMatchObject({ state: 'sent', attempts: 2 });
    expect(fake.delivered).toHaveLength(1);
    expect(row.messageId).toBe(fake.delivered[0]?.id);
    const keys = fake.requests.filter((r) => r.path === '/emails').map((r) => r.idempotencyKey);
    expect(keys).toEqual([row.idempotencyKey, row.idempotencyKey]);
  });

  it('honours retry-after on 429 and retries 5xx', async () => {
    const rt = await runtime();
    fake.inject({ status: 429, retryAfter: 1 }, { status: 503 });
    const started = Date.now();
    const row = await rt.sender.send(input, { createdBy: 't' });
    expect(row).toMatchObject({ state: 'sent', attempts: 3 });
    const posts = fake.requests.filter((r) => r.path === '/emails');
    expect(posts.map((r) => r.status)).toEqual([429, 503, 200]);
    expect((posts[1]?.at ?? 0) - (posts[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake.delivered).toHaveLength(1);
  });

  it('does not retry a 4xx that will not change', async () => {
    const rt = await runtime();
    const draft = await rt.sender.prepare(input, 't');
    const { row } = await rt.sender.queue(draft, { createdBy: 't' });
    // The provider already holds this key for another payload: 409, permanent.
    await fetch(`${fake.url}/emails`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${fake.apiKey}`,
        'content-type': 'application/json',
        'idempotency-key': row.idempotencyKey,
      },
      body: JSON.stringify({ from: 'a@b.com', to: 'x@y.com', subject: 'other', html: 'h' }),
    });
    const final = await rt.sender.deliver(row.id);
    expect(final).toMatchObject({ state: 'failed', attempts: 1 });
    expect(final.lastError).toMatch(/409 invalid_idempotent_request/);
  });

  it('resumes an unfinished row at start with its own key; nothing twice', async () => {
    const rt = await runtime();
    fake.inject({ drop: true });
    const draft = await rt.sender.prepare(input, 't');
    const { row } = await rt.sender.queue(draft, { createdBy: 't' });
    // Simulate a crash right after the provider took the email: claimed, sent, no answer recorded.
    await rt.store.sends.claim([row.id], -1, OTHER_RUN);
    const outgoing = {
      ...draft.email,
      to: draft.to,
      cc: draft.cc,
      templateVersion: draft.email.version,
    };
    await expect(rt.transport.send(outgoing, row.idempotencyKey)).rejects.toThrow(/no HTTP answer/);
    expect(fake.delivered).toHaveLength(1);
    await rt.close();
    const restarted = await runtime();
    const resumed = await restarted.sender.resume();
    expect(resumed).toMatchObject([
      { id: row.id, state: 'sent', messageId: fake.delivered[0]?.id },
    ]);
    expect(fake.delivered).toHaveLength(1);
  });
});

const csv = (n: number) =>
  `to,cc\n${Array.from({ length: n }, (_, i) => `customer${i}@contoso.example,${i % 2 === 0 ? 'me@reseller.example' : ''}`).join('\n')}\n`;

describe('batch through Resend', () => {
  it('sends ≤ 100 per call, one key per chunk, within the announced rate limit', async () => {
    await fake.stop();
    fake = new FakeResend({ rateLimit: 2, rateWindowMs: 1000 });
    await fake.start();
    const rt = await runtime();
    const summary = await runBatch(rt.sender, {
      file: 'list.csv',
      content: csv(250),
      template: 'reseller-invitation',
      country: 'GB',
      createdBy: 't',
    });
    expect(await summary.sentNow()).toHaveLength(250);
    expect(summary.failed).toEqual([]);
    const calls = fake.requests.filter((r) => r.path === '/emails/batch');
    expect(calls.map((c) => (c.body as unknown[]).length)).toEqual([100, 100, 50]);
    expect(calls.every((c) => c.batchValidation === 'strict')).toBe(true);
    expect(new Set(calls.map((c) => c.idempotencyKey)).size).toBe(3);
    // The limit was announced, so the sender waited instead of collecting a 429.
    expect(fake.requests.filter((r) => r.status === 429)).toEqual([]);
    expect(fake.delivered).toHaveLength(250);
    expect(new Set((await summary.sentNow()).map((r) => r.messageId)).size).toBe(250);
    expect(fake.specViolations).toEqual([]);
  });

  it('a rerun of the same file after a crash resumes and sends nothing twice; --again skips who got it', async () => {
    const rt = await runtime();
    // The answer to the first chunk is lost: the retry under the same key must not send it twice.
    fake.inject({ drop: true });
    const content = csv(150);
    const first = await runBatch(rt.sender, {
      file: 'list.csv',
      content,
      template: 'reseller-invitation',
      country: 'GB',
      createdBy: 't',
    });
    expect(await first.sentNow()).toHaveLength(150);
    const delivered = fake.delivered.length;
    expect(delivered).toBe(150);

    const again = await runBatch(rt.sender, {
      file: 'renamed.csv',
      content,
      template: 'reseller-invitation',
      country: 'GB',
      createdBy: 't',
    });
    expect(again.resumed).toBe(true);
    expect(await again.alreadySent()).toHaveLength(150);
    expect(await again.sentNow()).toEqual([]);
    expect(fake.delivered).toHaveLength(150);

    const fresh = await runBatch(rt.sender, {
      file: 'list.csv',
      content,
      template: 'reseller-invitation',
      country: 'GB',
      createdBy: 't',
      again: true,
    });
    expect(fresh.resumed).toBe(false);
    expect(fresh.batch.generation).toBe(2);
    expect(fresh.skippedDelivered).toBe(150);
    expect(await fresh.sentNow()).toEqual([]);
    expect(fake.delivered).toHaveLength(150);
  });

  it('resumes a batch whose second chunk was left unfinished', async () => {
    const rt = await runtime({ SENDER_MAX_ATTEMPTS: '1' });
    fake.inject({ status: 503 });
    const content = csv(120);
    // First call (chunk 0) gets the 503 and gives up at once (1 attempt); chunk 1 goes through.
    const first = await runBatch(rt.sender, {
      file: 'f.csv',
      content,
      template: 'reseller-invitation',
      country: 'GB',
      createdBy: 't',
    });
    expect(first.failed).toHaveLength(100);
    expect(await first.sentNow()).toHaveLength(20);
    const second = await runBatch(rt.sender, {
      file: 'f.csv',
      content,
      template: 'reseller-invitation',
      country: 'GB',
      createdBy: 't',
    });
    expect(second.resumed).toBe(true);
    expect(await second.alreadySent()).toHaveLength(20);
    expect(await second.sentNow()).toHaveLength(100);
    expect(fake.delivered).toHaveLength(120);
    const keys = fake.requests
      .filter((r) => r.path === '/emails/batch')
      .map((r) => r.idempotencyKey);
    expect(keys[0]).toBe(keys[2]); // the retried chunk kept its key
  });
});
