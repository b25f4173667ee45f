import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBatch } from '../src/batches/run.js';
import { DeliveryStore } from '../src/delivery/store.js';
import { hashPassword } from '../src/passwords.js';
import { startServer, type RunningServer } from '../src/server.js';
import type { SendRow } from '../src/store.js';
import { runCli as cli } from './spawn-cli.js';
import { STEP1_FROM } from './fake-resend.js';
import { FakeResendEvents, newWebhookSecret } from './fake-resend-events.js';
import { Browser, hidden, tempDir, testConfig } from './helpers.js';

const tmp = tempDir();
const events = new FakeResendEvents();
let server: RunningServer;
let deliveries: DeliveryStore;
const logged: string[] = [];
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
  await events.start();
  server = await startServer(
    testConfig(tmp.dir, {
      RESEND_API_KEY: events.apiKey,
      RESEND_BASE_URL: events.url,
      SENDER_STEP1_FROM: STEP1_FROM,
      SENDER_ALLOW_PLACEHOLDERS: '1',
      RESEND_WEBHOOK_SECRET: events.secret,
    }),
    { log: (l) => logged.push(l), announce: () => undefined },
  );
  events.webhookUrl = `${server.url}/webhooks/resend`;
  deliveries = new DeliveryStore(server.runtime.store);
  await server.runtime.store.users.addUser('sales@reseller.example', await hashPassword(PASSWORD));
});
afterAll(async () => {
  try {
    await server.close();
  } finally {
    await events.stop();
    tmp.cleanup();
  }
});

async function sendOne(to: string): Promise<SendRow & { messageId: string }> {
  const row = await server.runtime.sender.send(
    { template: 'reseller-invitation', country: 'US', to: [to], cc: [] },
    { createdBy: 'sales@reseller.example' },
  );
  expect(row.state).toBe('sent');
  const messageId = row.messageId;
  if (messageId === null) throw new Error('no message id');
  return { ...row, messageId };
}

async function signIn(): Promise<Browser> {
  const b = new Browser(server.url);
  const page = await (await b.get('/login')).text();
  const res = await b.post('/login', {
    _csrf: hidden(page, '_csrf'),
    email: 'sales@reseller.example',
    password: PASSWORD,
  });
  expect(res.status).toBe(303);
  return b;
}

/** The delivery badge of each history row, by send id. */
function deliveryColumn(html: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const row of html.split('<tr>').slice(2)) {
    const id = /href="\/sends\/(\d+)"/.exec(row)?.[1];
    const state = /data-delivery="([^"]+)"/.exec(row)?.[1];
    if (id !== undefined) out.set(Number(id), state ?? '');
  }
  return out;
}

const BOUNCE = {
  bounce: {
    diagnosticCode: ['smtp; 550 5.1.1 user unknown'],
    message:
      "The recipient's email provider sent a hard bounce message: the mailbox does not exist.",
    subType: 'General',
    type: 'Permanent',
  },
};

describe('POST /webhooks/resend', () => {
  it('stores a signed event and moves the send forward', async () => {
    const row = await sendOne('ga1@contoso.example');
    const res = await events.deliver(row.messageId, 'email.delivered');
    expect(res.status).toBe(200);
    expect((await deliveries.get(row.messageId))?.state).toBe('delivered');
    expect(await deliveries.countEvents(row.messageId)).toBe(1);
  });

  it('refuses forged, unsigned and stale deliveries and stores nothing', async () => {
    const row = await sendOne('ga2@contoso.example');
    const before = await deliveries.countEvents();
    const forged = [
      // Signed, then the body changed (a delivered turned into a complaint).
      await events.deliver(row.messageId, 'email.delivered', {
        tamper: (body) => body.replace('email.delivered', 'email.complained'),
      }),
      await events.deliver(row.messageId, 'email.bounced', { secret: newWebhookSecret() }),
      await events.deliver(row.messageId, 'email.bounced', { timestampOffsetS: -600 }),
      await events.deliver(row.messageId, 'email.bounced', { timestampOffsetS: 600 }),
      await events.deliver(row.messageId, 'email.bounced', { omit: ['svix-signature'] }),
      await events.deliver(row.messageId, 'email.bounced', { omit: ['svix-id'] }),
      await events.deliver(row.messageId, 'email.bounced', { omit: ['svix-timestamp'] }),
      await events.deliver(row.messageId, 'email.bounced', {
        omit: ['svix-id', 'svix-timestamp', 'svix-signature'],
      }),
    ];
    expect(forged.map((r) => r.status)).toEqual([401, 401, 401, 401, 400, 400, 400, 400]);
    expect(forged[2]?.body).toMatch(/too old/);
    expect(forged[4]?.body).toMatch(/missing svix-signature/);
    expect(await deliveries.countEvents()).toBe(before);
    expect(await deliveries.get(row.messageId)).toBeUndefined();
  });

  it('acknowledges a replayed svix-id once and does not store it again', async () => {
    const row = await sendOne('ga3@contoso.example');
    const first = await events.deliver(row.messageId, 'email.delivered', { id: 'msg_replayed_1' });
    const again = await events.deliver(row.messageId, 'email.delivered', { id: 'msg_replayed_1' });
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(JSON.parse(again.body)).toMatchObject({ duplicate: true });
    expect(await deliveries.countEvents(row.messageId)).toBe(1);
  });

  it('never moves a send backwards: delivered after bounced stays bounced', async () => {
    const row = await sendOne('ga4@contoso.example');
    const bouncedAt = new Date(Date.now() - 1000);
    expect(
      (await events.deliver(row.messageId, 'email.bounced', { data: BOUNCE, at: bouncedAt }))
        .status,
    ).toBe(200);
    // Resend's delivered event was sent earlier but arrives late.
    const late = await events.deliver(row.messageId, 'email.delivered', {
      at: new Date(bouncedAt.getTime() - 5000),
    });
    expect(late.status).toBe(200);
    expect(await deliveries.get(row.messageId)).toMatchObject({
      state: 'bounced',
      kind: 'Permanent / General',
      reason: BOUNCE.bounce.message,
    });
  });

  it('acknowledges and keeps events for email ids it never sent', async () => {
    const svixId = 'msg_unknown_email';
    const body = JSON.stringify({
      type: 'email.delivered',
      created_at: new Date().toISOString(),
      data: {
        email_id: 'not-one-of-ours',
        created_at: new Date().toISOString(),
        from: 'x@example.com',
        to: ['y@example.com'],
        subject: 'x',
      },
    });
    const res = await events.post(svixId, body);
    expect(res.status).toBe(200);
    expect(await deliveries.countEvents('not-one-of-ours')).toBe(1);
    expect(logged.join('\n')).toContain('unknown email id not-one-of-ours');
  });

  it('names a bad payload in a signed request (400) and stores nothing', async () => {
    const before = await deliveries.countEvents();
    const notJson = await events.post('msg_not_json', 'not json');
    const noId = await events.post(
      'msg_no_email_id',
      JSON.stringify({ type: 'email.delivered', created_at: new Date().toISOString(), data: {} }),
    );
    expect([notJson.status, noId.status]).toEqual([400, 400]);
    expect(notJson.body).toMatch(/body: not JSON/);
    expect(noId.body).toMatch(/data\.email_id/);
    expect(await deliveries.countEvents()).toBe(before);
  });

  it('is the only path let through without a session or CSRF token', async () => {
    const row = await sendOne('ga5@contoso.example');
    // Resend sends no Origin; a signed request with a foreign one is still Resend's signature.
    const signed = await events.deliver(row.messageId, 'email.delivered', {
      headers: { origin: 'https://evil.example' },
    });
    expect(signed.status).toBe(200);
    const anon = new Browser(server.url);
    expect((await anon.post('/webhooks/other', {})).status).toBe(401);
    expect((await anon.post('/webhooks/resend/', {})).status).not.toBe(200);
    expect((await anon.get('/webhooks/resend')).headers.get('location')).toBe('/login');
    expect(
      (await anon.post('/send', {}, { origin: server.url })).status,
      'other POST routes still need a session',
    ).toBe(401);
  });

  it('keeps the ids /emails/batch answers in order: each email’s events land on its row', async () => {
    const summary = await runBatch(server.runtime.sender, {
      file: 'three.csv',
      content: 'to\nb1@contoso.example\nb2@contoso.example\nb3@contoso.example\n',
      template: 'reseller-invitation',
      country: 'US',
      createdBy: 'sales@reseller.example',
    });
    expect(await summary.sentNow()).toHaveLength(3);
    const rows = await server.runtime.store.batches.batchSends(summary.batch.id);
    for (const row of rows) {
      const accepted = events.fake.delivered.find((d) => d.id === row.messageId);
      expect(accepted?.endpoint).toBe('/emails/batch');
      expect(accepted?.email.to).toEqual(row.to);
    }
    const [, second] = rows;
    if (!second?.messageId) throw new Error('no second row');
    await events.deliver(second.messageId, 'email.bounced', { data: BOUNCE });
    const states: (string | undefined)[] = [];
    for (const r of rows)
      states.push(r.messageId ? (await deliveries.get(r.messageId))?.state : 'none');
    expect(states).toEqual([undefined, 'bounced', undefined]);
  });
});

describe('delivery states in history (done criterion)', () => {
  it('signed webhooks move sends to delivered and bounced, and history shows exactly those', async () => {
    const delivered = await sendOne('done-delivered@contoso.example');
    const bounced = await sendOne('done-bounced@contoso.example');
    const untouched = await sendOne('done-quiet@contoso.example');
    expect((await events.deliver(delivered.messageId, 'email.sent')).status).toBe(200);
    expect((await events.deliver(delivered.messageId, 'email.delivered')).status).toBe(200);
    expect(
      (await events.deliver(bounced.messageId, 'email.bounced', { data: BOUNCE })).status,
    ).toBe(200);

    const b = await signIn();
    const history = await (await b.get('/history')).text();
    const column = deliveryColumn(history);
    expect(column.get(delivered.id)).toBe('delivered');
    expect(column.get(bounced.id)).toBe('bounced');
    expect(column.get(untouched.id)).toBe('sent');
    expect(history).toContain('Permanent / General');

    const page = await (await b.get(`/sends/${bounced.id}`)).text();
    expect(page).toMatch(/data-delivery="bounced"/);
    expect(page).toContain('Permanent / General');
    expect(page).toContain('the mailbox does not exist');

    // The CLI reads the same file while the server runs.
    const run = await cli(['history', '--limit', '100'], { SENDER_DATA_DIR: tmp.dir });
    expect(run.code).toBe(0);
    const line = (id: number) => run.stdout.split('\n').find((l) => l.startsWith(`#${id} `)) ?? '';
    expect(line(delivered.id)).toMatch(/ delivery: delivered$/);
    expect(line(bounced.id)).toMatch(
      / delivery: bounced \(Permanent \/ General: .*the mailbox does not exist\.\)$/,
    );
    expect(line(untouched.id)).toMatch(/ delivery: sent$/);
  });
});

describe('POST /webhooks/resend without RESEND_WEBHOOK_SECRET', () => {
  it('answers a clear error (not 500) and stores nothing', async () => {
    const dir = tempDir();
    const plain = await startServer(testConfig(dir.dir), {
      log: () => undefined,
      announce: () => undefined,
    });
    try {
      const unconfigured = new FakeResendEvents();
      unconfigured.webhookUrl = `${plain.url}/webhooks/resend`;
      const body = JSON.stringify({ type: 'email.delivered', created_at: '', data: {} });
      const res = await unconfigured.post('msg_no_secret', body);
      expect(res.status).toBe(503);
      expect(res.body).toContain('RESEND_WEBHOOK_SECRET');
      expect(await new DeliveryStore(plain.runtime.store).countEvents()).toBe(0);
    } finally {
      await plain.close();
      dir.cleanup();
    }
  });
});

describe('RESEND_WEBHOOK_SECRET', () => {
  it('is validated at start and never echoed', () => {
    expect(testConfig(tmp.dir, { RESEND_WEBHOOK_SECRET: events.secret }).webhookSecret).toBe(
      events.secret,
    );
    expect(testConfig(tmp.dir, { RESEND_WEBHOOK_SECRET: '' }).webhookSecret).toBeUndefined();
    expect(() => testConfig(tmp.dir, { RESEND_WEBHOOK_SECRET: 'hunter2-not-a-secret' })).toThrow(
      /RESEND_WEBHOOK_SECRET: must be the signing secret Resend shows/,
    );
    try {
      testConfig(tmp.dir, { RESEND_WEBHOOK_SECRET: 'hunter2-not-a-secret' });
    } catch (error) {
      expect(String(error)).not.toContain('hunter2');
    }
  });
});
