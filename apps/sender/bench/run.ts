/**
 * `pnpm bench` for the sender: the real code paths (real HTTP server, SQLite,
 * outbox `.eml` files, no mocks) on a temporary SENDER_DATA_DIR that is
 * deleted at the end whatever happens. Only the embedded outbox is used: the
 * environment is not read, so a RESEND_API_KEY in the shell never sends
 * anything anywhere.
 *
 * Nothing imports this file; it is only run as `node dist/bench.js`.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runBatch } from './batch.js';
import { countries, templateIds } from './catalog.js';
import { loadConfig, type Config } from './config.js';
import { hashPassword } from './passwords.js';
import { openRuntime, outboxDir, type Runtime } from './runtime.js';
import { startServer, type RunningServer } from './server.js';

interface Metric {
  name: string;
  value: number;
  unit: string;
  goal?: string;
  ok?: boolean;
}

const PREVIEW_WARMUP = 20;
const PREVIEW_SAMPLES = 200;
const OUTBOX_EMAILS = 200;
const BATCH_ROWS = 1000;
const USER = 'bench@sender.example';
const PASSWORD = 'bench password, not a secret';

const pairs = templateIds.flatMap((template) =>
  countries.map((country) => ({ template, country: country.code })),
);
const pairAt = (i: number): { template: string; country: string } => {
  const pair = pairs[i % pairs.length];
  if (!pair) throw new Error('no template × country pairs in the registry');
  return pair;
};

const round2 = (n: number): number => Math.round(n * 100) / 100;
const kb = (bytes: number): number => round2(bytes / 1024);
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

// --- a temporary data dir, removed whatever happens ------------------------------

const root = mkdtempSync(join(tmpdir(), 'csp-sender-bench-'));
let removed = false;
const removeRoot = (): void => {
  if (removed) return;
  removed = true;
  rmSync(root, { recursive: true, force: true });
};
process.once('exit', removeRoot);
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
] as const) {
  process.once(signal, () => {
    removeRoot();
    process.exit(code);
  });
}

/** Outbox only, on loopback: built from scratch, never from process.env. */
const configFor = (name: string): Config =>
  loadConfig({ SENDER_DATA_DIR: join(root, name), HOST: '127.0.0.1', PORT: '0' }, root);

const logged: string[] = [];
const log = (line: string): void => {
  logged.push(line);
};

// --- a tiny cookie-keeping HTTP client --------------------------------------------

class Client {
  private readonly cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  async request(
    path: string,
    form?: Record<string, string>,
  ): Promise<{ status: number; html: string; location: string | null }> {
    const headers = new Headers();
    if (this.cookies.size > 0)
      headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(`${this.base}${path}`, {
      method: form ? 'POST' : 'GET',
      headers,
      redirect: 'manual',
      ...(form ? { body: new URLSearchParams(form) } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      if (at <= 0) continue;
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1);
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return {
      status: response.status,
      html: await response.text(),
      location: response.headers.get('location'),
    };
  }
}

function hiddenField(html: string, name: string): string {
  const value = new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
  if (value === undefined || value === '') throw new Error(`no hidden field ${name} in the page`);
  return value;
}

// --- 1 + 4a. web preview latency and page size ----------------------------------

async function benchPreview(): Promise<Metric[]> {
  let server: RunningServer | undefined;
  try {
    server = await startServer(configFor('web'), { log, announce: () => undefined });
    server.runtime.store.addUser(USER, await hashPassword(PASSWORD));
    const client = new Client(server.url);
    const login = await client.request('/login');
    const signIn = await client.request('/login', {
      _csrf: hiddenField(login.html, '_csrf'),
      email: USER,
      password: PASSWORD,
    });
    if (signIn.status !== 303 || signIn.location !== '/compose')
      throw new Error(`sign-in failed: HTTP ${signIn.status}`);
    const csrf = hiddenField((await client.request('/compose')).html, '_csrf');

    const timings: number[] = [];
    let largestPage = 0;
    for (let i = 0; i < PREVIEW_WARMUP + PREVIEW_SAMPLES; i++) {
      const form = {
        _csrf: csrf,
        ...pairAt(i),
        to: `admin${i}@customer.example`,
        cc: i % 2 === 0 ? '' : `it${i}@customer.example`,
      };
      const start = performance.now();
      const { status, html } = await client.request('/preview', form);
      const ms = performance.now() - start;
      if (status !== 200 || !html.includes('Verified'))
        throw new Error(`preview ${form.template}/${form.country} answered HTTP ${status}`);
      if (i >= PREVIEW_WARMUP) timings.push(ms);
      largestPage = Math.max(largestPage, Buffer.byteLength(html));
    }
    timings.sort((a, b) => a - b);
    const p95 = percentile(timings, 0.95);
    return [
      {
        name: `preview requests (POST /preview, ${pairs.length} template × country, real HTTP)`,
        value: timings.length,
        unit: 'requests',
      },
      { name: 'preview latency p50', value: round2(percentile(timings, 0.5)), unit: 'ms' },
      {
        name: 'preview latency p95',
        value: round2(p95),
        unit: 'ms',
        goal: '<= 100',
        ok: p95 <= 100,
      },
      { name: 'largest preview page HTML', value: kb(largestPage), unit: 'KB' },
    ];
  } finally {
    await server?.close();
  }
}

// --- 2. outbox throughput: one send per recipient, a SQLite row before each ------

async function benchOutbox(): Promise<Metric[]> {
  let runtime: Runtime | undefined;
  try {
    runtime = await openRuntime(configFor('outbox'), log);
    if (runtime.transport.name !== 'outbox')
      throw new Error('the bench must run on the embedded outbox');
    const timings: number[] = [];
    const start = performance.now();
    for (let i = 0; i < OUTBOX_EMAILS; i++) {
      const one = performance.now();
      const row = await runtime.sender.send(
        { ...pairAt(i), to: [`admin${i}@customer${i}.example`], cc: [] },
        { createdBy: 'bench' },
      );
      timings.push(performance.now() - one);
      if (row.state !== 'sent')
        throw new Error(`send #${row.id} ended ${row.state}: ${row.lastError ?? ''}`);
    }
    const seconds = (performance.now() - start) / 1000;
    const files = readdirSync(outboxDir(runtime.config)).filter((f) => f.endsWith('.eml')).length;
    if (files !== OUTBOX_EMAILS)
      throw new Error(`${files} .eml files in the outbox, expected ${OUTBOX_EMAILS}`);
    timings.sort((a, b) => a - b);
    const rate = OUTBOX_EMAILS / seconds;
    return [
      {
        name: `outbox: ${OUTBOX_EMAILS} single sends (validate, render, verify, row, .eml)`,
        value: round2(seconds * 1000),
        unit: 'ms',
      },
      {
        name: 'outbox throughput',
        value: round2(rate),
        unit: 'emails/s',
        goal: '>= 50',
        ok: rate >= 50,
      },
      { name: 'outbox single send p95', value: round2(percentile(timings, 0.95)), unit: 'ms' },
    ];
  } finally {
    runtime?.close();
  }
}

// --- 3. batch: validate + plan a 1,000-row CSV, then send it through the outbox --

function batchCsv(rows: number): string {
  const lines = ['to,cc'];
  for (let i = 1; i <= rows; i++) {
    // Every 5th row has two CC addresses in one quoted cell, as the README describes.
    lines.push(
      i % 5 === 0
        ? `buyer${i}@customer${i}.example,"it${i}@customer${i}.example; ops${i}@customer${i}.example"`
        : `buyer${i}@customer${i}.example,`,
    );
  }
  return `${lines.join('\n')}\n`;
}

async function benchBatch(): Promise<Metric[]> {
  let runtime: Runtime | undefined;
  try {
    runtime = await openRuntime(configFor('batch'), log);
    if (runtime.transport.name !== 'outbox')
      throw new Error('the bench must run on the embedded outbox');
    const content = batchCsv(BATCH_ROWS);
    const file = join(root, 'bench-batch.csv');
    writeFileSync(file, content);
    let planned: number | undefined;
    const start = performance.now();
    const summary = await runBatch(runtime.sender, {
      file,
      content,
      ...pairAt(0),
      createdBy: 'bench',
      onStart: ({ total, pending }) => {
        // Parsed, validated, rendered + verified, every row queued in SQLite; nothing sent yet.
        planned = performance.now() - start;
        if (total !== BATCH_ROWS || pending !== BATCH_ROWS)
          throw new Error(
            `batch planned ${total} rows (${pending} pending), expected ${BATCH_ROWS}`,
          );
      },
    });
    const total = performance.now() - start;
    if (planned === undefined) throw new Error('the batch never reached its planning step');
    if (summary.sentNow.length !== BATCH_ROWS || summary.failed.length > 0) {
      throw new Error(
        `batch sent ${summary.sentNow.length} of ${BATCH_ROWS}, ${summary.failed.length} failed`,
      );
    }
    return [
      {
        name: `batch plan: ${BATCH_ROWS}-row CSV parsed, validated, verified, queued (no send)`,
        value: round2(planned),
        unit: 'ms',
      },
      {
        name: `batch total: plan + ${BATCH_ROWS} emails through the outbox (${Math.ceil(BATCH_ROWS / runtime.transport.maxBatchSize)} chunks)`,
        value: round2(total),
        unit: 'ms',
      },
    ];
  } finally {
    runtime?.close();
  }
}

// --- 4b. the largest .eml written ------------------------------------------------

function largestEml(): Metric {
  let largest = 0;
  for (const name of ['outbox', 'batch']) {
    const dir = outboxDir(configFor(name));
    for (const file of readdirSync(dir)) {
      if (file.endsWith('.eml')) largest = Math.max(largest, statSync(join(dir, file)).size);
    }
  }
  return { name: 'largest .eml written', value: kb(largest), unit: 'KB' };
}

// --- run -----------------------------------------------------------------------------

try {
  const metrics = [
    ...(await benchPreview()),
    ...(await benchOutbox()),
    ...(await benchBatch()),
    largestEml(),
  ];
  const report = { name: 'sender', metrics };
  // dist/bench.js → the package, then the repository's bench/results/.
  const packageRoot = new URL('../', import.meta.url);
  const out = new URL('../../bench/results/', packageRoot);
  mkdirSync(out, { recursive: true });
  writeFileSync(new URL('sender.json', out), `${JSON.stringify(report, null, 2)}\n`);
  console.table(report.metrics);
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  if (logged.length > 0) console.error(`server log:\n  ${logged.join('\n  ')}`);
  process.exitCode = 1;
} finally {
  removeRoot();
}
