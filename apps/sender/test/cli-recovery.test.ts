import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../src/store.js';
import { FakeResend, STEP1_FROM } from './fake-resend.js';
import { Browser, hidden, tempDir } from './helpers.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const tmp = tempDir();
const fake = new FakeResend();
const children = new Set<ChildProcess>();

beforeAll(async () => {
  await fake.start();
});
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await fake.stop();
  tmp.cleanup();
});

function start(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      RESEND_API_KEY: fake.apiKey,
      RESEND_BASE_URL: fake.url,
      SENDER_STEP1_FROM: STEP1_FROM,
      PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exit = new Promise<number | null>((resolve) => {
    child.on('close', (code) => {
      children.delete(child);
      resolve(code);
    });
  });
  return { child, output: () => out, exit };
}

async function until<T>(what: string, check: () => T | undefined, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

const rowsOf = async (dataDir: string) => {
  const store = new Store(dataDir);
  try {
    return await store.sends.history();
  } finally {
    await store.close();
  }
};

describe('recovery through the CLI against the local Resend server', () => {
  it('high 1: a send queued under the placeholder switch is not sent by a serve without it', async () => {
    const dataDir = join(tmp.dir, 'high1');
    fake.inject({ status: 500 });
    const before = fake.delivered.length;
    // The first attempt gets 500; the process is stopped during the (long) backoff.
    const send = start(
      [
        'send',
        '--template',
        'reseller-invitation',
        '--country',
        'DE',
        '--to',
        'ga@contoso.example',
        '--yes',
      ],
      {
        SENDER_DATA_DIR: dataDir,
        SENDER_ALLOW_PLACEHOLDERS: '1',
        SENDER_RETRY_BASE_MS: '20000',
        SENDER_RETRY_MAX_MS: '20000',
      },
    );
    await until('the retry to be scheduled', () =>
      /retrying in/.test(send.output()) ? true : undefined,
    );
    send.child.kill('SIGKILL');
    await send.exit;
    expect((await rowsOf(dataDir))[0]?.state).toBe('queued');

    const serve = start(['serve'], { SENDER_DATA_DIR: dataDir });
    await until('the resume', () =>
      /resumed 1 unfinished/.test(serve.output()) ? true : undefined,
    );
    serve.child.kill('SIGTERM');
    expect(await serve.exit).toBe(0);
    expect(fake.delivered.length).toBe(before);
    const [row] = await rowsOf(dataDir);
    expect(row?.state).toBe('failed');
    expect(row?.lastError).toMatch(/placeholder/);
    expect(serve.output()).toMatch(/#1 failed/);
  });

  it('serve drains on SIGTERM: a send in backoff goes back to queued at once, and the next start sends it', async () => {
    const dataDir = join(tmp.dir, 'drain');
    const env = { SENDER_DATA_DIR: dataDir, SENDER_ALLOW_PLACEHOLDERS: '1' };
    let serve = start(['serve'], env);
    const url = await until('serve', () => /listening on (http:\/\/\S+)/.exec(serve.output())?.[1]);
    const password = /password: (\S+)/.exec(serve.output())?.[1] ?? '';
    const b = new Browser(url);
    const login = await (await b.get('/login')).text();
    await b.post('/login', {
      _csrf: hidden(login, '_csrf'),
      email: 'admin@localhost.localdomain',
      password,
    });
    const csrf = hidden(await (await b.get('/compose')).text(), '_csrf');
    const form = {
      _csrf: csrf,
      template: 'customer-authorization-request',
      country: 'DE',
      to: 'drain@contoso.example',
      cc: '',
    };
    const request = hidden(await (await b.post('/confirm', form)).text(), 'request');
    // Resend asks for 30 s of patience: the send sits in its backoff.
    fake.inject({ status: 429, retryAfter: 30 });
    const before = fake.delivered.length;
    void b.post('/send', { ...form, request }).catch(() => undefined);
    await until('the backoff', () => (/retrying in/.test(serve.output()) ? true : undefined));
    const stopping = Date.now();
    serve.child.kill('SIGTERM');
    expect(await serve.exit).toBe(0);
    // Not the 30 s backoff, and the store was open until the end.
    expect(Date.now() - stopping).toBeLessThan(5_000);
    expect(serve.output()).not.toMatch(/database is not open/);
    const [left] = await rowsOf(dataDir);
    expect(left?.state).toBe('queued');
    expect(left?.lastError).toMatch(/HTTP 429/);
    expect(fake.delivered.length).toBe(before);

    serve = start(['serve'], env);
    await until('the resume', () =>
      /resumed 1 unfinished send\(s\): #1 sent/.test(serve.output()) ? true : undefined,
    );
    serve.child.kill('SIGINT');
    expect(await serve.exit).toBe(0);
    expect(fake.delivered.length).toBe(before + 1);
    expect((await rowsOf(dataDir))[0]?.state).toBe('sent');
  });
});
