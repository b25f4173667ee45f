/**
 * The trial of issue 10, in the test suite: a Resend-compatible server on
 * 127.0.0.1 at 10 requests/s with random faults (500, 429 + retry-after,
 * answers slower than the client's timeout, connection resets, answers lost
 * after recording); 1,000 recipients through `csp-sender batch`, SIGKILLed
 * 3 times mid-send (while its first or second batch call is held at the server)
 * and restarted at once; 200 single sends through `serve`,
 * which is SIGTERMed mid-send and restarted. Counted on the server side.
 */
import { publishTable } from '@csp-enablement/testkit/report';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { simpleParser } from 'mailparser';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeResend, STEP1_FROM } from '../test/fake-resend.js';
import { until } from './serve-processes.js';
import { hidden, WebClient } from './web-client.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const BATCH_SIZE = 1_000;
const SINGLES = 200;
const KILLS = 3;
const FAULT_RATE = 0.25;
// Issue 18: a batch whose first chunk loses every answer (3 tries), then `--again`.
const LOST_BATCH = 150;
const LOST_ANSWERS = 3;
// Resend's real ceiling is 2 requests/s, and `pnpm bench` keeps it (its figures are
// against that ceiling). Here the point is the faults and kills, not the ceiling:
// at 2/s the trial spent ~150 s waiting, which a slower machine's test budget pays
// for; 10/s still rate-limits the batch and the web sends against each other.
const TRIAL_RATE_LIMIT = 10;
const DEADLINE_MS = 240_000;

const work = mkdtempSync(join(tmpdir(), 'csp-sender-faults-'));
const children = new Set<ChildProcess>();
// Whatever happens in a test, its processes, server and timer are stopped here.
let server: FakeResend | undefined;
let watcher: NodeJS.Timeout | undefined;
afterAll(async () => {
  clearInterval(watcher);
  for (const child of children) child.kill('SIGKILL');
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

function start(args: string[], env: Record<string, string>): Running {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<number | null>((resolve) => {
    child.on('close', (code) => {
      children.delete(child);
      resolve(code);
    });
  });
  return { child, stdout: () => stdout, stderr: () => stderr, exit };
}

/** Reads the send log beside a running process (read-only; WAL lets both work). */
function query<T>(dataDir: string, sql: string, ...params: (string | number)[]): T[] {
  const db = new DatabaseSync(join(dataDir, 'sender.sqlite'), { readOnly: true, timeout: 5_000 });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

describe('exactly once under faults, kills and a drain', () => {
  it(
    `delivers ${BATCH_SIZE} batch recipients and ${SINGLES} single sends exactly once`,
    async () => {
      const started = Date.now();
      const fake = new FakeResend({
        rateLimit: TRIAL_RATE_LIMIT,
        rateWindowMs: 1000,
        randomFaults: { rate: FAULT_RATE, slowMs: 2_500, retryAfter: 1, seed: 20261125 },
      });
      server = fake;
      await fake.start();
      const dataDir = join(work, 'resend');
      const env = {
        SENDER_DATA_DIR: dataDir,
        RESEND_API_KEY: fake.apiKey,
        RESEND_BASE_URL: fake.url,
        SENDER_STEP1_FROM: STEP1_FROM,
        // Every registry link is still a placeholder: the loopback test switch lets them out here.
        SENDER_ALLOW_PLACEHOLDERS: '1',
        SENDER_HTTP_TIMEOUT_MS: '1500',
        SENDER_RETRY_BASE_MS: '200',
        SENDER_RETRY_MAX_MS: '1500',
        SENDER_MAX_ATTEMPTS: '20',
      };
      const csv = join(work, 'customers.csv');
      const batchRecipients = Array.from(
        { length: BATCH_SIZE },
        (_, i) => `b${String(i).padStart(4, '0')}@contoso.example`,
      );
      writeFileSync(csv, `to\n${batchRecipients.join('\n')}\n`);
      const singleRecipients = Array.from(
        { length: SINGLES },
        (_, i) => `w${String(i).padStart(3, '0')}@contoso.example`,
      );
      const batchArgs = ['batch', csv, '--template', 'reseller-invitation', '--country', 'DE'];

      // --- serve, and the single sends through its web UI ---------------------------
      let serve = start(['serve'], { ...env, PORT: '0' });
      const url = await until(
        'serve to listen',
        () => /listening on (http:\/\/\S+)/.exec(serve.stdout())?.[1],
        20_000,
      );
      const password = /password: (\S+)/.exec(serve.stdout())?.[1] ?? '';
      const port = new URL(url).port;
      const web = new WebClient();
      const signIn = async () => {
        const page = await (await web.request(`${url}/login`)).text();
        await web.request(`${url}/login`, {
          _csrf: hidden(page, '_csrf'),
          email: 'admin@localhost.localdomain',
          password,
        });
      };
      await signIn();
      let serveDown = false;
      // Bounded in time: each try waits at most 30 s for an answer, all of them 150 s. While
      // serve is drained and restarted the sends wait; a try cut off mid-request is tried again.
      const sendOne = (to: string): Promise<void> =>
        web.sendOne(url, to, 150_000, {
          paused: () => serveDown,
          detail: () => `serve: ${serve.stderr().slice(-2000)}`,
        });
      let nextSingle = 0;
      const webWorkers = Array.from({ length: 2 }, async () => {
        while (nextSingle < singleRecipients.length) {
          const to = singleRecipients[nextSingle++];
          if (to !== undefined) await sendOne(to);
        }
      });

      // SIGTERM serve mid-send (some web sends in flight or in backoff), then start it again.
      const drain = (async () => {
        await until('60 single sends', () => (nextSingle >= 60 ? true : undefined), 120_000);
        // Mid-send: a single send is being attempted or waits in its backoff.
        await until(
          'a single send in progress',
          () =>
            query<{ n: number }>(
              dataDir,
              "SELECT COUNT(*) AS n FROM sends WHERE batch_id IS NULL AND state IN ('queued', 'sending')",
            )[0]?.n
              ? true
              : undefined,
          60_000,
        );
        const t0 = Date.now();
        serveDown = true;
        serve.child.kill('SIGTERM');
        const code = await serve.exit;
        const drainMs = Date.now() - t0;
        const left = query<{ state: string; n: number }>(
          dataDir,
          "SELECT state, COUNT(*) AS n FROM sends WHERE batch_id IS NULL AND state <> 'sent' GROUP BY state",
        );
        serve = start(['serve'], { ...env, PORT: port });
        await until(
          'serve to listen again',
          () => (/listening on/.test(serve.stdout()) ? true : undefined),
          20_000,
        );
        serveDown = false;
        return { code, drainMs, left };
      })();

      // --- the batch, SIGKILLed mid-send at a random chunk and restarted at once ------
      const random = (() => {
        let a = 7;
        return () => {
          a = (a * 48271) % 2147483647;
          return a / 2147483647;
        };
      })();
      const takeovers: {
        pid: number;
        ids: number[];
        leaseUntil: number;
        killedAt: number;
        takenAt?: number;
      }[] = [];
      // Watches when each killed run's rows stop being leased to it (taken over, or sent).
      watcher = setInterval(() => {
        for (const t of takeovers) {
          if (t.takenAt !== undefined) continue;
          const still = query<{ n: number }>(
            dataDir,
            `SELECT COUNT(*) AS n FROM sends WHERE state = 'sending' AND lease_pid = ? AND id IN (${t.ids.join(',')})`,
            t.pid,
          )[0]?.n;
          if (still === 0) t.takenAt = Date.now();
        }
      }, 100);
      const batchRuns: { code: number | null; ms: number }[] = [];
      for (let kill = 0; kill < KILLS; kill++) {
        const t0 = Date.now();
        // The run's first or second batch call (drawn at random) is held at the server, and
        // the run is killed while that call is in flight with its rows leased to it: mid-send
        // whatever the machine's speed. (A random wait before the kill let a fast run finish
        // every row first: 'batch run ended early'.) At most two chunks per killed run, so
        // every run has rows left to send.
        const hold = fake.holdRequest('/emails/batch', random() < 0.5 ? 0 : 1);
        const run = start(batchArgs, env);
        const pid = run.child.pid ?? -1;
        const arrived = await Promise.race([hold.arrival.then(() => true), run.exit]);
        if (arrived !== true) {
          hold.release();
          throw new Error(`batch run ended early (${String(arrived)}): ${run.stderr()}`);
        }
        // Kill while this run holds a lease (mid-send), so the next run must take it over.
        const held = query<{ id: number; until: number }>(
          dataDir,
          "SELECT id, lease_until AS until FROM sends WHERE state = 'sending' AND lease_pid = ?",
          pid,
        );
        expect(held.length, 'rows leased to the run whose batch call is held').toBeGreaterThan(0);
        run.child.kill('SIGKILL');
        await run.exit;
        hold.release();
        batchRuns.push({ code: null, ms: Date.now() - t0 });
        takeovers.push({
          killedAt: Date.now(),
          pid,
          ids: held.map((r) => r.id),
          leaseUntil: Math.min(...held.map((r) => r.until)),
        });
      }
      const t0 = Date.now();
      const last = start(batchArgs, env);
      const lastCode = await Promise.race([
        last.exit,
        sleep(DEADLINE_MS, 'deadline' as const),
      ]).finally(() => {
        clearInterval(watcher);
      });
      batchRuns.push({ code: lastCode === 'deadline' ? null : lastCode, ms: Date.now() - t0 });
      expect(lastCode, last.stdout() + last.stderr()).toBe(0);

      await Promise.all(webWorkers);
      const drained = await drain;
      // Every single send goes out (resumed by the restarted serve when the drain left it queued).
      const allSingles = new Set(singleRecipients);
      await until(
        'every single send delivered',
        () => {
          const got = new Set(fake.delivered.flatMap((d) => d.email.to as string[]));
          return [...allSingles].every((to) => got.has(to)) ? true : undefined;
        },
        90_000,
      );
      serve.child.kill('SIGTERM');
      const finalServe = await serve.exit;

      // --- lost answers, then --again: an uncertain row is never sent a second time -----
      // The first chunk is taken by the server but every answer to it is lost (a replay
      // of its key included), so its rows end uncertain; --again must skip them.
      const lostDir = join(work, 'resend-lost');
      const lostEnv = { ...env, SENDER_DATA_DIR: lostDir, SENDER_MAX_ATTEMPTS: '3' };
      const lostCsv = join(work, 'lost-answers.csv');
      const lostRecipients = Array.from(
        { length: LOST_BATCH },
        (_, i) => `l${String(i).padStart(3, '0')}@contoso.example`,
      );
      writeFileSync(lostCsv, `to\n${lostRecipients.join('\n')}\n`);
      const lostArgs = ['batch', lostCsv, '--template', 'reseller-invitation', '--country', 'DE'];
      fake.loseAnswers = LOST_ANSWERS;
      const lostRun = start(lostArgs, lostEnv);
      const lostCode = await lostRun.exit;
      const uncertainRows =
        query<{ n: number }>(
          lostDir,
          "SELECT COUNT(*) AS n FROM sends WHERE state = 'failed' AND uncertain_at IS NOT NULL",
        )[0]?.n ?? 0;
      const postsBeforeAgain = fake.posts;
      const againRun = start([...lostArgs, '--again'], lostEnv);
      const againCode = await againRun.exit;
      const againSent = /(\d+) sent now/.exec(againRun.stdout())?.[1] ?? '?';
      const againSkipped =
        /(\d+) line\(s\) skipped: an earlier email to them may have arrived/.exec(
          againRun.stderr(),
        )?.[1] ?? '0';
      await fake.stop();

      // --- counted on the server side ------------------------------------------------
      const byRecipient = new Map<string, number>();
      for (const d of fake.delivered)
        for (const to of d.email.to as string[])
          byRecipient.set(to, (byRecipient.get(to) ?? 0) + 1);
      const expected = [...batchRecipients, ...singleRecipients, ...lostRecipients];
      const lost = expected.filter((to) => !byRecipient.has(to));
      const duplicated = [...byRecipient].filter(([, n]) => n > 1);
      const keysTwice = [...fake.processedKeys].filter(([, n]) => n > 1);
      const faults = Object.values(fake.faultCounts).reduce((a, b) => a + b, 0);
      const rows = query<{ state: string; n: number }>(
        dataDir,
        'SELECT state, COUNT(*) AS n FROM sends GROUP BY state',
      );
      // Rows a killed run held were taken over before that run's lease would have run out.
      const takenOver = takeovers.map((t) => ({
        ...t,
        inTime: t.takenAt !== undefined && t.takenAt < t.leaseUntil,
        afterKillMs: t.takenAt === undefined ? undefined : t.takenAt - t.killedAt,
      }));

      const table = [
        ['recipients expected', String(expected.length)],
        ['  batch (csp-sender batch)', String(BATCH_SIZE)],
        ['  single sends (web, serve)', String(SINGLES)],
        ['  lost-answer batch, then --again', String(LOST_BATCH)],
        [
          'delivered exactly once',
          String(expected.filter((to) => byRecipient.get(to) === 1).length),
        ],
        ['lost', String(lost.length)],
        ['duplicated (by recipient)', String(duplicated.length)],
        ['idempotency keys processed', String(fake.processedKeys.size)],
        ['keys processed twice', String(keysTwice.length)],
        ['POSTs to the server', String(fake.posts)],
        ['server rate limit', `${TRIAL_RATE_LIMIT} requests/s (pnpm bench keeps Resend's 2/s)`],
        [
          'random faults injected',
          `${faults} (${((faults / fake.posts) * 100).toFixed(1)}%): ${Object.entries(
            fake.faultCounts,
          )
            .map(([k, n]) => `${k} ${n}`)
            .join(', ')}`,
        ],
        ['batch SIGKILLs', `${KILLS} (each while holding a lease)`],
        [
          'rows taken over after a kill',
          takenOver
            .map(
              (t) =>
                `${t.ids.length} of pid ${t.pid} ${t.afterKillMs === undefined ? 'never' : `${t.afterKillMs} ms after the kill`} (its lease had ${t.leaseUntil - t.killedAt} ms left)`,
            )
            .join('; '),
        ],
        ['batch runs (exit, ms)', batchRuns.map((r) => `${r.code ?? 'killed'} ${r.ms}`).join('; ')],
        [
          'serve SIGTERM drain',
          `exit ${drained.code} in ${drained.drainMs} ms, single sends left: ${drained.left.map((r) => `${r.state} ${r.n}`).join(', ') || 'none'}; final stop exit ${finalServe}`,
        ],
        ['send log rows by state', rows.map((r) => `${r.state} ${r.n}`).join(', ')],
        [
          'lost answers (every try of a chunk)',
          `${LOST_ANSWERS} lost on ${LOST_BATCH} recipients; that run exited ${lostCode}`,
        ],
        ['rows uncertain (not failed)', String(uncertainRows)],
        [
          '--again after the lost answers',
          `exit ${againCode}: ${againSent} sent, ${againSkipped} skipped as uncertain, ${fake.posts - postsBeforeAgain} POSTs`,
        ],
        ...query<{ id: number; state: string; last_error: string | null }>(
          dataDir,
          "SELECT id, state, last_error FROM sends WHERE state <> 'sent'",
        ).map((r) => [`  #${r.id} ${r.state}`, r.last_error ?? '']),
        ['wall time', `${((Date.now() - started) / 1000).toFixed(1)} s`],
      ];
      const width = Math.max(...table.map(([k]) => (k ?? '').length));
      publishTable(
        'exactly-once-trial',
        `exactly-once trial (server-side counts)\n${table.map(([k, v]) => `  ${(k ?? '').padEnd(width)}  ${v ?? ''}`).join('\n')}`,
      );

      expect(fake.specViolations).toEqual([]);
      expect(lost).toEqual([]);
      expect(duplicated).toEqual([]);
      // The lost chunk's rows are uncertain, and --again sent none of them a second time.
      expect(uncertainRows).toBeGreaterThanOrEqual(100);
      expect(Number(againSkipped)).toBe(uncertainRows);
      expect(againCode, againRun.stdout() + againRun.stderr()).toBe(0);
      expect(keysTwice).toEqual([]);
      expect(faults / fake.posts).toBeGreaterThanOrEqual(0.2);
      expect(drained.code).toBe(0);
      expect(finalServe).toBe(0);
      expect(rows).toEqual([{ state: 'sent', n: BATCH_SIZE + SINGLES }]);
      // A rerun right after a SIGKILL did not wait for the dead run's lease to expire.
      for (const t of takenOver) expect(t.inTime).toBe(true);
    },
    DEADLINE_MS + 60_000,
  );

  it('the outbox killed mid-write leaves no half-written .eml where a reader looks', async () => {
    const dataDir = join(work, 'outbox');
    const env = { SENDER_DATA_DIR: dataDir };
    const csv = join(work, 'outbox.csv');
    const recipients = Array.from({ length: 400 }, (_, i) => `o${i}@contoso.example`);
    writeFileSync(csv, `to\n${recipients.join('\n')}\n`);
    const args = ['batch', csv, '--template', 'reseller-invitation', '--country', 'DE'];
    const outbox = join(dataDir, 'outbox');
    const emls = () => {
      try {
        return readdirSync(outbox).filter((f) => f.endsWith('.eml')).length;
      } catch {
        return 0;
      }
    };
    for (let kill = 0; kill < 3; kill++) {
      const run = start(args, env);
      const before = emls();
      // Kill as soon as this run is writing files: most likely in the middle of one.
      await until('a file being written', () => (emls() > before ? true : undefined), 30_000);
      run.child.kill('SIGKILL');
      await run.exit;
    }
    const last = start(args, env);
    expect(await last.exit, last.stderr()).toBe(0);
    const names = readdirSync(outbox);
    // Only whole messages and the .partial/ folder (where writes happen) are in the outbox.
    expect(names.filter((n) => !n.endsWith('.eml'))).toEqual(
      names.includes('.partial') ? ['.partial'] : [],
    );
    const seen = new Set<string>();
    for (const name of names.filter((n) => n.endsWith('.eml'))) {
      const raw = readFileSync(join(outbox, name), 'utf8');
      const mail = await simpleParser(raw);
      // Whole: the header the writer puts first, and the closing MIME boundary at the end.
      expect(mail.headers.get('x-csp-payload-sha256')).toMatch(/^[0-9a-f]{64}$/);
      expect(raw).toMatch(/--\r\n$/);
      expect(mail.text).toContain('https://admin.microsoft.com/');
      const to = Array.isArray(mail.to) ? mail.to : [mail.to];
      for (const address of to.flatMap((t) => t?.value.map((v) => v.address ?? '') ?? []))
        seen.add(address);
    }
    expect(names.filter((n) => n.endsWith('.eml'))).toHaveLength(400);
    expect([...seen].sort()).toEqual([...recipients].sort());
  });
});
