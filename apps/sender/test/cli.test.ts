import { readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Sender } from '../src/sending/sender.js';
import { Store } from '../src/store.js';
import { OutboxTransport } from '../src/transports/outbox.js';
import { FakeResend, STEP1_FROM } from './fake-resend.js';
import { tempDir } from './helpers.js';
import { groupAlive, groupsStillRunning, runCli, serveCli } from './spawn-cli.js';

const run = runCli;

const tmp = tempDir();
const env = { SENDER_DATA_DIR: join(tmp.dir, 'data') };
afterAll(() => {
  tmp.cleanup();
});
// No child of these tests (nor anything it started) outlives its test.
afterEach(() => {
  expect(groupsStillRunning()).toEqual([]);
});

describe('the child-process helper', () => {
  it('kills a child that outlives its timeout, with its whole process group, and shows its output', async () => {
    // `serve` never ends by itself: the helper must stop it. What it printed before the
    // kill must be shown; a busy machine may take longer than the first timeout to get
    // as far as printing, so the timeout doubles until it has (never the kill's check).
    let text = '';
    for (const timeoutMs of [3000, 6000, 12_000, 24_000]) {
      const error = await runCli(['serve'], { ...env, PORT: '0' }, '', { timeoutMs }).then(
        () => new Error('serve ended by itself'),
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      text = error instanceof Error ? error.message : '';
      expect(text).toMatch(
        new RegExp(`did not finish within ${timeoutMs} ms: its process group (\\d+) was killed`),
      );
      const pgid = Number(/process group (\d+)/.exec(text)?.[1]);
      expect(groupAlive(pgid)).toBe(false);
      if (text.includes('csp-sender listening on')) break;
    }
    expect(text).toMatch(
      /--- stdout ---\n[\s\S]*csp-sender listening on http:\/\/127\.0\.0\.1:\d+/,
    );
  }, 90_000);
});

describe('csp-sender serve: where it listens', () => {
  it('HOST=[::1] listens on the IPv6 loopback', async () => {
    const serving = await serveCli({ ...env, HOST: '[::1]', PORT: '0' });
    try {
      expect(serving.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
      expect((await fetch(`${serving.url}/healthz`)).status).toBe(200);
    } finally {
      expect(await serving.stop()).toBe(0);
    }
  });

  it('a port in use: one clear line naming PORT, exit 2, no stack trace', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = blocker.address() as AddressInfo;
      const res = await run(['serve', '--port', String(port)], env);
      expect(res.code).toBe(2);
      expect(res.stderr.trim()).toBe(
        `PORT: 127.0.0.1:${port} is already in use by another program; stop it or choose another port (--port or PORT).`,
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

describe('csp-sender CLI (embedded outbox)', () => {
  it('previews HTML and text, verified against the lock', async () => {
    const html = await run(
      ['preview', '--template', 'reseller-invitation', '--country', 'DE'],
      env,
    );
    expect(html.code).toBe(0);
    expect(html.stdout).toMatch(/^<!DOCTYPE html/i);
    expect(html.stderr).toContain('verified against the lock');
    const text = await run(
      ['preview', '--template', 'reseller-invitation', '--country', 'DE', '--text'],
      env,
    );
    expect(text.stdout).toContain(
      'https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship',
    );
    expect(text.stdout).not.toContain('<');
  });

  it('sends with --yes, refuses without it off a terminal, and lists history', async () => {
    const refused = await run(
      [
        'send',
        '--template',
        'customer-authorization-request',
        '--country',
        'MX',
        '--to',
        'ga@contoso.example',
      ],
      env,
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--yes/);
    const sent = await run(
      [
        'send',
        '--template',
        'customer-authorization-request',
        '--country',
        'MX',
        '--to',
        'ga@contoso.example',
        '--to',
        // As sales paste them: an Outlook name with a comma, "," between, an IDN domain.
        '"Müller, Max" <ga2@contoso.example>, ga3@müller-maschinenbau.de',
        '--cc',
        'me@reseller.example',
        '--yes',
      ],
      env,
    );
    expect(sent.code).toBe(0);
    expect(sent.stderr).toMatch(
      /^To: +ga@contoso\.example; Müller, Max <ga2@contoso\.example>; ga3@müller-maschinenbau\.de$/m,
    );
    expect(sent.stdout).toMatch(/^Sent #1: message id [0-9a-f-]{36}$/m);
    expect(
      readdirSync(join(env.SENDER_DATA_DIR, 'outbox')).filter((f) => f.endsWith('.eml')),
    ).toHaveLength(1);
    const history = await run(['history'], env);
    expect(history.stdout).toMatch(
      /#1 sent .* customer-authorization-request\/MX .* → ga@contoso\.example; Müller, Max <ga2@contoso\.example>; ga3@müller-maschinenbau\.de \(cc me@reseller\.example\)/,
    );
    const json = JSON.parse((await run(['history', '--json'], env)).stdout) as { state: string }[];
    expect(json[0]?.state).toBe('sent');
  });

  it('rejects bad input naming the field, sending nothing', async () => {
    const bad = await run(
      [
        'send',
        '--template',
        'reseller-invitation',
        '--country',
        'US',
        '--to',
        'Admin <a@contoso.example> (IT)',
        '--yes',
      ],
      env,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^to: /m);
    const country = await run(
      [
        'send',
        '--template',
        'reseller-invitation',
        '--country',
        'XX',
        '--to',
        'a@contoso.example',
        '--yes',
      ],
      env,
    );
    expect(country.stderr).toMatch(/^country: unknown country "XX"/m);
    const config = await run(['history'], { ...env, PORT: 'x', SENDER_MAX_ATTEMPTS: '99' });
    expect(config.code).toBe(2);
    expect(config.stderr).toMatch(/PORT: /);
    expect(config.stderr).toMatch(/SENDER_MAX_ATTEMPTS: /);
  });

  it('adds users with the password on stdin, hashed', async () => {
    const short = await run(['users', 'add', 'new@reseller.example'], env, 'short\n');
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/password: must be at least 12/);
    const ok = await run(['users', 'add', 'new@reseller.example'], env, 'a long enough password\n');
    expect(ok.code).toBe(0);
    const dup = await run(
      ['users', 'add', 'new@reseller.example'],
      env,
      'a long enough password\n',
    );
    expect(dup.stderr).toMatch(/already exists; use --reset/);
  });

  it('batch: skips bad CSV lines naming each, sends the good ones; resumes a file sent before', async () => {
    const bad = join(tmp.dir, 'bad.csv');
    writeFileSync(
      bad,
      'to,cc\nok@contoso.example,\n"Admin <a@contoso.example> (IT)",\nb@contoso.example,c@x\n',
    );
    const partial = await run(
      ['batch', bad, '--template', 'reseller-invitation', '--country', 'GB'],
      env,
    );
    // Bad rows no longer block the good one (issue 18); the exit code still says something was skipped.
    expect(partial.code).toBe(1);
    expect(partial.stderr).toMatch(/1 row will be sent, 2 skipped/);
    expect(partial.stderr).toMatch(/skipped line 3, column to: .*not an email address/);
    expect(partial.stderr).toMatch(/skipped line 4, column cc: /);
    expect(partial.stdout).toMatch(/1 rows; 1 sent now/);
    const allBad = join(tmp.dir, 'all-bad.csv');
    writeFileSync(allBad, 'to,cc\n"Admin <a@contoso.example> (IT)",\n');
    const rejected = await run(
      ['batch', allBad, '--template', 'reseller-invitation', '--country', 'GB'],
      env,
    );
    expect(rejected.code).toBe(2);
    expect(rejected.stderr).toMatch(/line 2, column to: .*not an email address/);
    expect(rejected.stderr).toMatch(/nothing was sent/);
    const good = join(tmp.dir, 'good.csv');
    writeFileSync(
      good,
      `to,cc\n${Array.from({ length: 130 }, (_, i) => `c${i}@contoso.example,`).join('\n')}\n`,
    );
    const first = await run(
      ['batch', good, '--template', 'reseller-invitation', '--country', 'GB'],
      env,
    );
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/130 rows; 130 sent now, 0 already sent before, 0 not sent/);
    expect(first.stderr).toMatch(/130\/130 sent, 0 not sent/);
    const again = await run(
      ['batch', good, '--template', 'reseller-invitation', '--country', 'GB'],
      env,
    );
    expect(again.stderr).toMatch(/already sent .* nothing is sent again/);
    expect(again.stdout).toMatch(/0 sent now, 130 already sent before/);
    const anew = await run(
      ['batch', good, '--template', 'reseller-invitation', '--country', 'GB', '--again'],
      env,
    );
    // --again never sends twice to a recipient this file already reached.
    expect(anew.code).toBe(0);
    expect(anew.stderr).toMatch(/130 line\(s\) skipped: their recipients already received/);
    expect(anew.stdout).toMatch(/0 sent now/);
  });
});

describe('csp-sender batch checks its own flags first', () => {
  it('refuses bad flags before resuming any other row', async () => {
    const dataDir = join(tmp.dir, 'flags');
    const store = new Store(dataDir);
    try {
      // A send another run left queued: a real send if anything resumes it.
      const sender = new Sender({
        store,
        transport: new OutboxTransport(join(dataDir, 'outbox')),
        retry: { maxAttempts: 1, baseMs: 1, maxMs: 1 },
      });
      const draft = await sender.prepare(
        { template: 'reseller-invitation', country: 'DE', to: ['ga@contoso.example'], cc: [] },
        't',
      );
      const { row } = await sender.queue(draft, { createdBy: 't' });
      const file = join(tmp.dir, 'flags.csv');
      writeFileSync(file, 'to\nx@contoso.example\n');
      const noCountry = await run(['batch', file, '--template', 'reseller-invitation'], {
        SENDER_DATA_DIR: dataDir,
      });
      expect(noCountry.code).toBe(2);
      expect(noCountry.stderr).toMatch(/--country is required/);
      const both = await run(
        [
          'batch',
          file,
          '--template',
          'reseller-invitation',
          '--country',
          'DE',
          '--again',
          '--retry-failed',
        ],
        { SENDER_DATA_DIR: dataDir },
      );
      expect(both.code).toBe(2);
      expect(both.stderr).toMatch(/--again and --retry-failed: choose one/);
      const dup = join(tmp.dir, 'dup.csv');
      writeFileSync(dup, 'to,to\nx@contoso.example,y@contoso.example\n');
      const dupRun = await run(
        ['batch', dup, '--template', 'reseller-invitation', '--country', 'DE'],
        { SENDER_DATA_DIR: dataDir },
      );
      expect(dupRun.code).toBe(2);
      expect(dupRun.stderr).toMatch(/column "to" appears 2 times/);
      expect((await store.sends.getSend(row.id))?.state).toBe('queued');
    } finally {
      await store.close();
    }
  });
});

describe('csp-sender CLI against the local Resend server', () => {
  const fake = new FakeResend();
  const resendEnv = () => ({
    SENDER_DATA_DIR: join(tmp.dir, 'resend'),
    RESEND_API_KEY: fake.apiKey,
    RESEND_BASE_URL: fake.url,
    SENDER_STEP1_FROM: STEP1_FROM,
  });
  beforeAll(async () => {
    await fake.start();
  });
  afterAll(async () => {
    await fake.stop();
  });

  it('refuses to start with click tracking on, and refuses placeholder links', async () => {
    const placeholder = await run(
      [
        'send',
        '--template',
        'reseller-invitation',
        '--country',
        'US',
        '--to',
        'a@contoso.example',
        '--yes',
      ],
      resendEnv(),
    );
    expect(placeholder.code).toBe(2);
    expect(placeholder.stderr).toMatch(
      /country: US's reseller-invitation email carries registry placeholders.*cloud\.support\.us@ingrammicro\.com \(registry record US supportContact/,
    );
    const domain = fake.domains[0];
    if (!domain) throw new Error('no domain');
    domain.click_tracking = true;
    const refused = await run(['history'], resendEnv());
    expect(refused.code).toBe(0); // history reads the log only: no transport needed
    const send = await run(
      [
        'send',
        '--template',
        'reseller-invitation',
        '--country',
        'US',
        '--to',
        'a@contoso.example',
        '--yes',
      ],
      { ...resendEnv(), SENDER_ALLOW_PLACEHOLDERS: '1' },
    );
    expect(send.code).toBe(3);
    expect(send.stderr).toMatch(/Refusing to start: .*click tracking on/s);
    domain.click_tracking = false;
  });

  it('sends and batches through the SDK with the test-only placeholder switch', async () => {
    const e = { ...resendEnv(), SENDER_ALLOW_PLACEHOLDERS: '1' };
    const sent = await run(
      [
        'send',
        '--template',
        'reseller-invitation',
        '--country',
        'US',
        '--to',
        'a@contoso.example',
        '--reply-to',
        'Max Seller <max@reseller.example>',
        '--yes',
      ],
      e,
    );
    expect(sent.code).toBe(0);
    expect(sent.stdout).toContain(fake.delivered.at(-1)?.id ?? 'missing');
    // Step 1 is the reseller's email: SENDER_STEP1_FROM, answered by --reply-to.
    expect(sent.stderr).toContain(
      `From:    ${STEP1_FROM}\nReply-To: Max Seller <max@reseller.example>`,
    );
    expect(fake.delivered.at(-1)?.email).toMatchObject({
      from: STEP1_FROM,
      reply_to: '"Max Seller" <max@reseller.example>',
    });
    const file = join(tmp.dir, 'resend.csv');
    writeFileSync(
      file,
      `to,cc\n${Array.from({ length: 205 }, (_, i) => `r${i}@contoso.example,`).join('\n')}\n`,
    );
    const batch = await run(
      ['batch', file, '--template', 'customer-authorization-request', '--country', 'FR'],
      e,
    );
    expect(batch.code).toBe(0);
    expect(
      fake.requests
        .filter((r) => r.path === '/emails/batch' && r.status === 200)
        .map((r) => (r.body as unknown[]).length),
    ).toEqual([100, 100, 5]);
    expect(fake.delivered).toHaveLength(206);
    expect(fake.specViolations).toEqual([]);
  });
});
