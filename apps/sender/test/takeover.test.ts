/**
 * serve's takeover sweep (src/sending/takeover.ts), in one process on a moved clock: a batch
 * whose run stopped is finished; one with a live run, one partly queued, and rows touched
 * within the lease are left alone. The real thing (two processes, one SIGKILLed) is
 * e2e/takeover.test.ts.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sender } from '../src/sending/sender.js';
import { Takeover } from '../src/sending/takeover.js';
import { Store } from '../src/store.js';
import { OutboxTransport } from '../src/transports/outbox.js';
import { OTHER_RUN, tempDir } from './helpers.js';

const LEASE = 30_000;
let tmp: ReturnType<typeof tempDir>;
let now: number;
let store: Store;
let sender: Sender;
let logs: string[];
let takeover: Takeover;

beforeEach(() => {
  tmp = tempDir();
  now = Date.parse('2026-12-07T10:00:00Z');
  store = new Store(tmp.dir, () => now);
  logs = [];
  sender = new Sender({
    store,
    transport: new OutboxTransport(join(tmp.dir, 'outbox')),
    retry: { maxAttempts: 3, baseMs: 1, maxMs: 2 },
    now: () => now,
    leaseMs: LEASE,
    log: (line) => logs.push(line),
  });
  takeover = new Takeover(sender, (line) => logs.push(line));
});
afterEach(async () => {
  await takeover.stop();
  await store.close();
  tmp.cleanup();
});

/** A batch of `queued` rows in one chunk (one key), saying it has `rows` rows. */
async function batch(id: string, queued: number, rows = queued): Promise<void> {
  const draft = await sender.prepare(
    {
      template: 'customer-authorization-request',
      country: 'GB',
      to: ['x@contoso.example'],
      cc: [],
    },
    'sales@reseller.example',
  );
  await store.batches.insertBatch({
    id,
    contentHash: `hash-${id}`,
    generation: 1,
    fileName: `${id}.csv`,
    templateId: draft.email.templateId,
    country: 'GB',
    rows,
    createdBy: 'sales@reseller.example',
  });
  for (let line = 2; line < queued + 2; line++)
    await store.sends.insertSend({
      requestKey: `${id}#${line}`,
      idempotencyKey: `csp-batch-${id}-c0`,
      templateId: draft.email.templateId,
      country: draft.email.country,
      to: [`${id}-${line}@contoso.example`],
      cc: [],
      subject: draft.email.subject,
      fingerprint: draft.email.fingerprint,
      templateVersion: draft.email.version,
      transport: sender.transport.name,
      endpoint: sender.transport.endpoint,
      createdBy: 'sales@reseller.example',
      batchId: id,
      batchLine: line,
      chunkIndex: 0,
    });
}

const states = async (id: string) =>
  (await store.batches.batchSends(id)).map((r) => r.state).join(',');
const emails = () => readdirSync(join(tmp.dir, 'outbox')).filter((f) => f.endsWith('.eml'));

describe('the takeover sweep', () => {
  it('finishes a fully queued batch whose run stopped, naming it and the dead run', async () => {
    await batch('dead', 3);
    await store.runs.register('dead', OTHER_RUN);
    now += LEASE + 1;
    expect(await takeover.sweep()).toBe(3);
    expect(await states('dead')).toBe('sent,sent,sent');
    expect(emails()).toHaveLength(3);
    expect(logs.join('\n')).toMatch(
      /taking over batch dead: 3 rows not sent, its run stopped \(process 1 on other-host\.invalid, last heard from 10:00:00 UTC\)/,
    );
    // Its own registration ended with the sweep; the dead run's went with the takeover.
    expect(await store.db.get('SELECT COUNT(*) AS n FROM batch_runs')).toEqual({ n: 0 });
    expect(await takeover.sweep()).toBe(0);
  });

  it('leaves a batch whose run is alive (another instance), however old its rows', async () => {
    await batch('alive', 3);
    const token = await store.runs.register('alive', OTHER_RUN);
    now += LEASE * 10;
    await store.runs.beat(token);
    expect(await takeover.sweep()).toBe(0);
    expect(await states('alive')).toBe('queued,queued,queued');
    // The run stops beating: one lease later the batch is taken over.
    now += LEASE + 1;
    expect(await takeover.sweep()).toBe(3);
    expect(await states('alive')).toBe('sent,sent,sent');
  });

  it('leaves rows touched within the lease, and a partly queued batch (logged once)', async () => {
    await batch('fresh', 2);
    await batch('partly', 2, 5);
    now += LEASE / 2;
    expect(await takeover.sweep()).toBe(0);
    now += LEASE;
    expect(await takeover.sweep()).toBe(2);
    expect(await states('fresh')).toBe('sent,sent');
    expect(await takeover.sweep()).toBe(0);
    expect(await states('partly')).toBe('queued,queued');
    const told = logs.filter((l) => l.includes('batch partly'));
    expect(told).toEqual([
      'batch partly (partly.csv) stopped while it was being queued (2 of 5 rows): not taken over; sales@reseller.example must upload the file again to send the rest (rows already sent are not sent twice)',
    ]);
  });

  it('never runs two sweeps at once, and none after stop', async () => {
    await batch('once', 2);
    now += LEASE + 1;
    const [first, second] = [takeover.sweep(), takeover.sweep()];
    expect(first).toBe(second);
    expect(await first).toBe(2);
    await batch('later', 1);
    now += LEASE + 1;
    await takeover.stop();
    expect(await takeover.sweep()).toBe(0);
    expect(emails()).toHaveLength(2);
  });

  it('resume at start leaves the rows of a batch another run is running', async () => {
    await batch('elsewhere', 2);
    await store.runs.register('elsewhere', OTHER_RUN);
    expect(await sender.resume()).toEqual([]);
    expect(logs).toContain('left 2 rows of batch elsewhere: another run of it is alive');
    expect(await states('elsewhere')).toBe('queued,queued');
  });
});
