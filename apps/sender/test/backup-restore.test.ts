import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeResend, STEP1_FROM } from './fake-resend.js';
import { tempDir } from './helpers.js';
import { groupsStillRunning, runCli } from './spawn-cli.js';

const tmp = tempDir();
afterAll(() => {
  tmp.cleanup();
});
afterEach(() => {
  expect(groupsStillRunning()).toEqual([]);
});

/**
 * In front of the fake Resend: holds the second batch call until released, so a backup
 * is surely taken while the batch runs (one chunk sent, one in flight, the rest queued).
 */
class GatedProxy {
  url = '';
  private server: Server | undefined;
  private batchPosts = 0;
  private release: () => void = () => undefined;
  private readonly gate = new Promise<void>((resolve) => {
    this.release = resolve;
  });
  private onHeld: () => void = () => undefined;
  readonly held = new Promise<void>((resolve) => {
    this.onHeld = resolve;
  });

  constructor(private readonly target: string) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        void (async () => {
          if (req.method === 'POST' && req.url === '/emails/batch' && ++this.batchPosts === 2) {
            this.onHeld();
            await this.gate;
          }
          const upstream = request(
            `${this.target}${req.url ?? '/'}`,
            { method: req.method, headers: req.headers },
            (answer) => {
              res.writeHead(answer.statusCode ?? 502, answer.headers);
              answer.pipe(res);
            },
          );
          upstream.on('error', () => res.destroy());
          upstream.end(Buffer.concat(chunks));
        })();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  open(): void {
    this.release();
  }

  async stop(): Promise<void> {
    this.release();
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
      server.closeAllConnections();
    });
  }
}

describe('backup and restore (real processes, the local fake Resend)', () => {
  const fake = new FakeResend();
  let proxy: GatedProxy;
  beforeAll(async () => {
    await fake.start();
    proxy = new GatedProxy(fake.url);
    await proxy.start();
  });
  afterAll(async () => {
    await proxy.stop();
    await fake.stop();
  });
  const env = () => ({
    SENDER_DATA_DIR: join(tmp.dir, 'data'),
    RESEND_API_KEY: fake.apiKey,
    RESEND_BASE_URL: proxy.url,
    SENDER_STEP1_FROM: STEP1_FROM,
    SENDER_ALLOW_PLACEHOLDERS: '1',
    // The held call must not time out on a slow machine while the backup runs.
    SENDER_HTTP_TIMEOUT_MS: '120000',
  });
  const batchArgs = (file: string) => [
    'batch',
    file,
    '--template',
    'customer-authorization-request',
    '--country',
    'FR',
  ];

  it('a backup taken mid-batch, restored after the batch ended: batch --again sends nobody twice', async () => {
    const file = join(tmp.dir, 'customers.csv');
    writeFileSync(
      file,
      `email\n${Array.from({ length: 250 }, (_, i) => `c${i}@contoso.example`).join('\n')}\n`,
    );
    const backupFile = join(tmp.dir, 'mid-batch.sqlite');
    const batch = runCli(batchArgs(file), env(), '', { timeoutMs: 120_000 });
    await proxy.held;
    expect(fake.delivered).toHaveLength(100);
    const backup = await runCli(['backup', backupFile], env());
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(
      new RegExp(`to ${backupFile}: (\\d+) bytes \\([\\d.]+ MiB\\), 250 rows of sends\\.`),
    );
    expect(backup.stdout).toContain(`${statSync(backupFile).size} bytes`);
    // What the backup holds: the first chunk sent, the rest not yet.
    const db = new DatabaseSync(backupFile, { readOnly: true });
    const states = db.prepare('SELECT state, count(*) AS n FROM sends GROUP BY state').all();
    db.close();
    expect(Object.fromEntries(states.map((r) => [String(r.state), Number(r.n)]))).toEqual({
      sent: 100,
      sending: 100,
      queued: 50,
    });
    // The running batch has the store open: restore waits for nobody, it refuses.
    const early = await runCli(['restore', backupFile], env());
    expect(early.code).toBe(2);
    expect(early.stderr).toContain('is open in other csp-sender commands');
    proxy.open();
    const done = await batch;
    expect(done.code, done.stderr).toBe(0);
    expect(fake.delivered).toHaveLength(250);
    const keysBefore = new Map(fake.processedKeys);
    expect([...keysBefore.values()]).toEqual([1, 1, 1]);

    const restore = await runCli(['restore', backupFile], env());
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toContain(`Restored ${backupFile} into ${env().SENDER_DATA_DIR}`);
    expect(restore.stdout).toContain('250 rows of sends');
    const aside = /kept as (\S+)\.$/m.exec(restore.stdout)?.[1] ?? '';
    expect(aside).toMatch(/sender\.sqlite\.before-restore-\d{4}-/);
    expect(existsSync(aside)).toBe(true);
    // The store set aside is whole by itself (no WAL beside it): the batch's end state.
    const kept = new DatabaseSync(aside, { readOnly: true });
    expect(kept.prepare("SELECT count(*) AS n FROM sends WHERE state = 'sent'").get()?.n).toBe(250);
    kept.close();
    expect(existsSync(`${aside}-wal`)).toBe(false);

    const again = await runCli([...batchArgs(file), '--again'], env());
    expect(again.code, again.stderr).toBe(0);
    // The rows the backup held as unfinished went out again under their first keys: the
    // provider answered with what it had, and sent nothing new.
    expect(fake.delivered).toHaveLength(250);
    expect(new Set(fake.delivered.map((d) => d.email.to).flat()).size).toBe(250);
    expect(fake.processedKeys).toEqual(keysBefore);
    const history = await runCli(['history', '--json', '--limit', '1000'], env());
    const rows = JSON.parse(history.stdout) as { state: string; messageId: string | null }[];
    expect(rows.filter((r) => r.state === 'sent')).toHaveLength(250);
    expect(new Set(rows.map((r) => r.messageId)).size).toBe(250);
    expect(fake.specViolations).toEqual([]);
  }, 180_000);

  it('backup keeps an existing file unless --force; restore refuses what is not a sender store', async () => {
    const data = { SENDER_DATA_DIR: join(tmp.dir, 'other') };
    expect((await runCli(['history'], data)).code).toBe(0);
    const target = join(tmp.dir, 'kept.sqlite');
    writeFileSync(target, 'not a backup');
    const refused = await runCli(['backup', target], data);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`FILE: ${target} exists already; add --force to overwrite it`);
    expect(readFileSync(target, 'utf8')).toBe('not a backup');
    const forced = await runCli(['backup', target, '--force'], data);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain('0 rows of sends');

    const text = join(tmp.dir, 'notes.txt');
    writeFileSync(text, 'hello');
    const notSqlite = await runCli(['restore', text], data);
    expect(notSqlite.code).toBe(2);
    expect(notSqlite.stderr).toContain(`FILE: ${text} is not a SQLite database this can read`);
    const foreign = join(tmp.dir, 'foreign.sqlite');
    const db = new DatabaseSync(foreign);
    db.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY)');
    db.close();
    const notOurs = await runCli(['restore', foreign], data);
    expect(notOurs.code).toBe(2);
    expect(notOurs.stderr).toContain(
      `FILE: ${foreign} is not a csp-sender store: it has no table users, sends, batches, events`,
    );
    // Nothing was moved aside by the refused restores.
    expect(readdirSync(data.SENDER_DATA_DIR).filter((f) => f.includes('before-restore'))).toEqual(
      [],
    );
  }, 120_000);
});
