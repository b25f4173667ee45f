import { Resend } from 'resend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryStore } from '../src/delivery/store.js';
import { parseSince, syncDeliveries } from '../src/delivery/sync.js';
import { openRuntime, type Runtime } from '../src/runtime.js';
import { runCli as cli } from './spawn-cli.js';
import { STEP1_FROM } from './fake-resend.js';
import { FakeResendEvents } from './fake-resend-events.js';
import { tempDir, testConfig } from './helpers.js';

const tmp = tempDir();
// Two lookups per second: sync must wait for the window instead of collecting 429s.
const events = new FakeResendEvents({ getRateLimit: 2 });
let runtime: Runtime;
let deliveries: DeliveryStore;
let env: Record<string, string>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  await events.start();
  env = {
    SENDER_DATA_DIR: tmp.dir,
    RESEND_API_KEY: events.apiKey,
    RESEND_BASE_URL: events.url,
    SENDER_STEP1_FROM: STEP1_FROM,
    SENDER_ALLOW_PLACEHOLDERS: '1',
  };
  runtime = await openRuntime(testConfig(tmp.dir, env), () => undefined);
  deliveries = new DeliveryStore(runtime.store);
  for (const name of ['delivered', 'bounced', 'delayed', 'quiet', 'opened', 'final', 'old']) {
    const row = await runtime.sender.send(
      { template: 'reseller-invitation', country: 'US', to: [`${name}@contoso.example`], cc: [] },
      { createdBy: 'test' },
    );
    if (row.messageId === null) throw new Error(`${name} was not sent`);
    ids[name] = row.messageId;
  }
});
afterAll(async () => {
  try {
    await runtime.close();
  } finally {
    await events.stop();
    tmp.cleanup();
  }
});

const id = (name: string): string => ids[name] ?? '';

describe('csp-sender sync', () => {
  it('parses --since and names a bad value', () => {
    expect(parseSince('7d')).toBe(7 * 86_400_000);
    expect(parseSince('90m')).toBe(90 * 60_000);
    expect(() => parseSince('7 days')).toThrow(/--since: "7 days" is not a duration/);
    expect(() => parseSince('0d')).toThrow(/--since/);
  });

  it('reconciles last_event for sends not final yet, within the rate limit, like webhooks do', async () => {
    events.setLastEvent(id('delivered'), 'delivered');
    events.setLastEvent(id('bounced'), 'bounced');
    events.setLastEvent(id('delayed'), 'delivery_delayed');
    events.setLastEvent(id('opened'), 'opened');
    events.setLastEvent(id('final'), 'delivered');
    // Already final through a webhook: not asked again.
    await deliveries.record({
      key: 'msg_final',
      source: 'webhook',
      type: 'email.complained',
      emailId: id('final'),
      occurredAt: new Date().toISOString(),
      payload: '{}',
      state: 'complained',
    });
    // Sent ten days ago: outside --since 7d.
    runtime.store.sqlite.file
      .prepare('UPDATE sends SET sent_at = ? WHERE message_id = ?')
      .run(new Date(Date.now() - 10 * 86_400_000).toISOString(), id('old'));
    // Another client used this second's budget already: the first lookup meets a 429.
    for (let i = 0; i < 2; i++)
      await fetch(`${events.url}/emails/${id('quiet')}`, {
        headers: { authorization: `Bearer ${events.apiKey}` },
      });
    const lookupsBefore = events.lookups.length;

    const summary = await syncDeliveries({
      deliveries,
      client: new Resend(events.apiKey, { baseUrl: events.url }),
      since: new Date(Date.now() - parseSince('7d')),
      retry: { maxAttempts: 5, baseMs: 5, maxMs: 50 },
    });

    expect(summary).toMatchObject({ checked: 5, changed: 5, notFound: [], failed: [] });
    const asked = events.lookups.slice(lookupsBefore);
    expect(new Set(asked.map((l) => l.id))).toEqual(
      new Set([id('delivered'), id('bounced'), id('delayed'), id('quiet'), id('opened')]),
    );
    // The one 429 was waited out (retry-after) and asked again; after that the
    // ratelimit headers kept every lookup within 2 per second.
    expect(asked.filter((l) => l.status === 429)).toHaveLength(1);
    const ok = asked.filter((l) => l.status === 200);
    for (let i = 2; i < ok.length; i++) {
      const a = ok[i - 2];
      const b = ok[i];
      if (a && b) expect(b.at - a.at).toBeGreaterThanOrEqual(900);
    }
    expect((await deliveries.get(id('delivered')))?.state).toBe('delivered');
    expect((await deliveries.get(id('bounced')))?.state).toBe('bounced');
    expect((await deliveries.get(id('delayed')))?.state).toBe('delivery_delayed');
    expect((await deliveries.get(id('quiet')))?.state).toBe('sent');
    expect((await deliveries.get(id('opened')))?.state).toBe('delivered');
    expect((await deliveries.get(id('final')))?.state).toBe('complained');
    expect(await deliveries.get(id('old'))).toBeUndefined();
  });

  it('never moves a webhook state backwards, and stores each reconciled state once', async () => {
    // A webhook says delayed → delivered later; a stale sync answer (delivery_delayed) must not undo it.
    await deliveries.record({
      key: 'msg_delayed_delivered',
      source: 'webhook',
      type: 'email.delivered',
      emailId: id('delayed'),
      occurredAt: new Date().toISOString(),
      payload: '{}',
      state: 'delivered',
    });
    const before = await deliveries.countEvents();
    const again = await syncDeliveries({
      deliveries,
      client: new Resend(events.apiKey, { baseUrl: events.url }),
      since: new Date(Date.now() - parseSince('7d')),
      retry: { maxAttempts: 5, baseMs: 5, maxMs: 50 },
    });
    // Only `quiet` is not final; it still says sent, already stored once.
    expect(again).toMatchObject({ checked: 1, changed: 0 });
    expect(await deliveries.countEvents()).toBe(before);
    expect((await deliveries.get(id('delayed')))?.state).toBe('delivered');
  });

  it('runs from the CLI, and `history` shows the reconciled states', async () => {
    events.setLastEvent(id('quiet'), 'bounced');
    const run = await cli(['sync', '--since', '7d'], env);
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Checked 1 send not final since .*: 1 changed \(now bounced 1\)/);

    const history = await cli(['history', '--limit', '20'], env);
    expect(history.code).toBe(0);
    const line = (name: string) =>
      history.stdout.split('\n').find((l) => l.includes(`${name}@contoso.example`)) ?? '';
    expect(line('delivered')).toMatch(/delivery: delivered$/);
    expect(line('bounced')).toMatch(/delivery: bounced$/);
    expect(line('quiet')).toMatch(/delivery: bounced$/);
    expect(line('final')).toMatch(/delivery: complained$/);
    expect(line('old')).toMatch(/delivery: sent$/);

    const json = await cli(['history', '--json'], env);
    const rows = JSON.parse(json.stdout) as { to: string[]; delivery: { state: string } }[];
    expect(rows.find((r) => r.to[0] === 'opened@contoso.example')?.delivery.state).toBe(
      'delivered',
    );
  });

  it('names what is wrong: a bad --since, or no Resend key (the outbox has nothing to sync)', async () => {
    const bad = await cli(['sync', '--since', '7x'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--since: "7x" is not a duration/);
    const outbox = await cli(['sync'], { SENDER_DATA_DIR: tmp.dir });
    expect(outbox.code).toBe(2);
    expect(outbox.stderr).toMatch(/RESEND_API_KEY: .*written to outbox/);
  });
});
