/**
 * Issue 18 part 4: no second email after an uncertain outcome, and one email per
 * recipient per file. Against the local Resend-compatible server (no SDK mocks).
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planBatch } from '../src/batches/plan.js';
import { runBatch } from '../src/batches/run.js';
import { openRuntime, type Runtime } from '../src/runtime.js';
import { rowReason } from '../src/sending/reason.js';
import type { Store } from '../src/store.js';
import { FakeResend, STEP1_FROM } from './fake-resend.js';
import { testConfig } from './helpers.js';
import { describeStores, type StoreUnderTest } from './stores.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
let fake: FakeResend;
let target: StoreUnderTest;
const runtimes: Runtime[] = [];

const env = (): Record<string, string> => ({
  RESEND_API_KEY: fake.apiKey,
  RESEND_BASE_URL: fake.url,
  SENDER_ALLOW_PLACEHOLDERS: '1',
  SENDER_MAX_ATTEMPTS: '3',
  // Step 1 goes out through Resend only from its own From (main's leftovers: SENDER_STEP1_FROM).
  SENDER_STEP1_FROM: STEP1_FROM,
});

async function runtime(): Promise<Runtime> {
  const rt = await openRuntime(
    testConfig(target.dir, { ...target.env, ...env() }),
    () => undefined,
  );
  runtimes.push(rt);
  return rt;
}

/** One single send to x@contoso.example through a new runtime. */
const sendSingle = async () =>
  (await runtime()).sender.send(
    {
      template: 'customer-authorization-request',
      country: 'DE',
      to: ['x@contoso.example'],
      cc: [],
    },
    { createdBy: 'a' },
  );

const batchOf = (content: string) => ({
  file: 'customers.csv',
  content,
  template: 'reseller-invitation',
  country: 'DE',
  createdBy: 'sales@example.com',
});
const deliveredTo = (address: string) =>
  fake.delivered.filter((d) => (d.email.to as string[]).includes(address)).length;
/** The provider forgot nothing, but 24 h went by for the sender: its keys are no longer safe. */
const age = (store: Store) =>
  store.db.run('UPDATE sends SET first_attempt_at = ?', Date.now() - 24 * 3600_000);

describeStores('uncertain outcomes', (s) => {
  beforeEach(async () => {
    target = s;
    fake = new FakeResend();
    await fake.start();
  });
  afterEach(async () => {
    // Before the store's own clean-up (an outer hook) drops its database.
    for (const rt of runtimes.splice(0)) await rt.close();
    await fake.stop();
  });

  describe('an answer lost after the provider took the email', () => {
    it('ends uncertain (not failed), with the reason in words', async () => {
      const rt = await runtime();
      fake.loseAnswers = 3;
      const summary = await runBatch(rt.sender, batchOf('to\nga@contoso.example\n'));
      expect(deliveredTo('ga@contoso.example')).toBe(1);
      const [row] = summary.failed;
      if (!row) throw new Error('the row should not be sent');
      expect(row.state).toBe('uncertain');
      const reason = rowReason(row, { now: Date.now() }) ?? '';
      expect(reason).toMatch(/^uncertain: the request may have reached the provider/);
      expect(reason).toMatch(/under its own idempotency key until/);
    });

    it('is retried under its own key while it is valid: still one email', async () => {
      const rt = await runtime();
      fake.loseAnswers = 3;
      const first = await runBatch(rt.sender, batchOf('to\nga@contoso.example\n'));
      const key = first.failed[0]?.idempotencyKey;
      const again = await runBatch(rt.sender, batchOf('to\nga@contoso.example\n'));
      expect((await again.sentNow()).map((r) => r.idempotencyKey)).toEqual([key]);
      expect(deliveredTo('ga@contoso.example')).toBe(1);
    });

    it('after the key expired, neither --again nor --retry-failed sends it: 0 duplicates', async () => {
      const rt = await runtime();
      fake.loseAnswers = 3;
      const content = 'to\nga@contoso.example\nother@contoso.example\n';
      // The chunk (both lines) lost its answer three times: both rows are uncertain.
      await runBatch(rt.sender, batchOf(content));
      await age(rt.sender.store);
      const retried = await runBatch(rt.sender, { ...batchOf(content), retryFailed: true });
      expect(await retried.sentNow()).toEqual([]);
      expect(retried.failed.map((r) => r.state)).toEqual(['uncertain', 'uncertain']);
      const [first] = retried.failed;
      if (!first) throw new Error('the rows should not be sent');
      expect(rowReason(first, { now: Date.now() })).toMatch(
        /key has expired, so --again and --retry-failed do not send it/,
      );
      const again = await runBatch(rt.sender, { ...batchOf(content), again: true });
      expect(again.skippedUncertain).toBe(2);
      expect(again.total).toBe(0);
      const resumed = await runBatch(rt.sender, batchOf(content));
      expect(await resumed.sentNow()).toEqual([]);
      expect(deliveredTo('ga@contoso.example')).toBe(1);
      expect(deliveredTo('other@contoso.example')).toBe(1);
    });

    it('--resend-uncertain sends it again under a new key, and records who asked', async () => {
      const rt = await runtime();
      fake.loseAnswers = 3;
      const content = 'to\nga@contoso.example\n';
      const first = await runBatch(rt.sender, batchOf(content));
      await age(rt.sender.store);
      const resent = await runBatch(rt.sender, { ...batchOf(content), resendUncertain: true });
      expect(await resent.sentNow()).toHaveLength(1);
      expect((await resent.sentNow())[0]?.idempotencyKey).not.toBe(first.failed[0]?.idempotencyKey);
      expect(deliveredTo('ga@contoso.example')).toBe(2);
      expect(await rt.sender.store.audit.events('resend-uncertain')).toMatchObject([
        {
          actor: 'sales@example.com',
          detail: expect.stringMatching(/ga@contoso.example/) as unknown,
        },
      ]);
    });

    it('a single send whose answers were all lost is uncertain too', async () => {
      fake.loseAnswers = 3;
      const row = await sendSingle();
      expect(row.state).toBe('uncertain');
    });

    it('a replayed answer after lost ones settles it: sent, once', async () => {
      fake.loseAnswers = 2;
      const row = await sendSingle();
      expect(row.state).toBe('sent');
      expect(deliveredTo('x@contoso.example')).toBe(1);
    });
  });

  describe('the CLI', () => {
    it('--resend-uncertain says who may get it twice and needs --yes off a terminal; history shows the state', async () => {
      const rt = await runtime();
      fake.loseAnswers = 3;
      const csv = join(target.dir, 'customers.csv');
      const content = 'to\nga@contoso.example\n';
      writeFileSync(csv, content);
      await runBatch(rt.sender, { ...batchOf(content), file: csv });
      await age(rt.sender.store);
      await rt.close();
      // Asynchronous: the local Resend server answers from this same process.
      const cli = (...args: string[]) =>
        new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
          const child = spawn(process.execPath, [CLI, ...args], {
            env: {
              PATH: process.env.PATH ?? '',
              SENDER_DATA_DIR: target.dir,
              ...target.env,
              ...env(),
            },
            stdio: ['ignore', 'pipe', 'pipe'],
            timeout: 45_000,
          });
          let stdout = '';
          let stderr = '';
          child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
          child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
          child.on('close', (status) => {
            resolve({ status, stdout, stderr });
          });
        });
      const base = ['batch', csv, '--template', 'reseller-invitation', '--country', 'DE'];
      const plain = await cli(...base, '--again');
      expect(plain.stderr).toMatch(
        /1 line\(s\) skipped: an earlier email to them may have arrived/,
      );
      const asked = await cli(...base, '--resend-uncertain');
      expect(asked.status).toBe(2);
      expect(asked.stderr).toMatch(/line 2: ga@contoso.example/);
      expect(asked.stderr).toMatch(/the customer may get the email twice/);
      expect(asked.stderr).toMatch(/confirm with --yes/);
      expect(deliveredTo('ga@contoso.example')).toBe(1);
      const history = await cli('history', '--json');
      const rows = JSON.parse(history.stdout) as { state: string; reason: string }[];
      expect(rows[0]).toMatchObject({
        state: 'uncertain',
        reason: expect.stringMatching(/^uncertain: the request may have reached/) as unknown,
      });
      const yes = await cli(...base, '--resend-uncertain', '--yes');
      expect(yes.status, yes.stderr).toBe(0);
      expect(deliveredTo('ga@contoso.example')).toBe(2);
    });
  });

  describe('the same recipient on several lines of one file', () => {
    const content =
      'to\nsame@contoso.example\nother@contoso.example\nsame@contoso.example\nSAME@contoso.example\n';

    it('is sent once; the plan and the summary name the skipped lines', async () => {
      const rt = await runtime();
      const plan = await planBatch(rt.sender, batchOf(content));
      expect(plan.lines.map((l) => l.line)).toEqual([2, 3]);
      expect(plan.duplicates.map((d) => d.reason)).toEqual([
        'line 4: same@contoso.example already on line 2',
        'line 5: SAME@contoso.example already on line 2',
      ]);
      const summary = await runBatch(rt.sender, batchOf(content));
      expect(summary.duplicates).toHaveLength(2);
      expect(summary.total).toBe(2);
      expect(fake.delivered.filter((d) => /same@/i.test(String(d.email.to))).length).toBe(1);
    });

    it('a display name does not make another recipient', async () => {
      const rt = await runtime();
      const plan = await planBatch(
        rt.sender,
        batchOf('to\nsame@contoso.example\nSame Person <SAME@contoso.example>\n'),
      );
      expect(plan.duplicates.map((d) => d.reason)).toEqual([
        'line 3: SAME@contoso.example already on line 2',
      ]);
    });
  });
});
