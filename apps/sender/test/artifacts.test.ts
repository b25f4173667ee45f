/**
 * The send path reads the templates package's pre-rendered artifacts, checked against the
 * lock once at start: a missing one is rendered instead (warned once, naming it), a
 * tampered one is refused and never sent.
 */
import { cpSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { allPairs, renderEmail, type TemplateId } from '@csp-enablement/templates';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { artifactsIn, lockedRenderer, packageArtifacts } from '../src/catalog.js';
import { RefusedError, Sender } from '../src/sending/sender.js';
import { Store } from '../src/store.js';
import { OutboxTransport } from '../src/transports/outbox.js';
import { tempDir } from './helpers.js';

const installed = dirname(
  dirname(createRequire(import.meta.url).resolve('@csp-enablement/templates/emails/index.json')),
);
const packageEmails = join(installed, 'emails');

let tmp: ReturnType<typeof tempDir>;
let emails: string;
let store: Store;
let log: string[];

const retry = { maxAttempts: 1, baseMs: 1, maxMs: 1 };
const input = (template: TemplateId, country: string) => ({
  template,
  country,
  to: ['ga@contoso.example'],
  cc: [],
});
const outbox = () => join(tmp.dir, 'outbox');
const emlFiles = () => readdirSync(outbox()).filter((f) => f.endsWith('.eml'));

function sender(): Sender {
  return new Sender({
    store,
    transport: new OutboxTransport(outbox()),
    retry,
    log: (line) => log.push(line),
    artifacts: artifactsIn(emails),
  });
}

beforeEach(() => {
  tmp = tempDir();
  emails = join(tmp.dir, 'emails');
  cpSync(packageEmails, emails, { recursive: true });
  store = new Store(join(tmp.dir, 'data'));
  log = [];
});
afterEach(async () => {
  await store.close();
  tmp.cleanup();
});

describe('the pre-rendered artifacts on the send path', () => {
  it('are the installed package’s, the same emails renderEmail gives, all verified at load', async () => {
    const loaded = lockedRenderer((line) => log.push(line), packageArtifacts);
    expect(log).toEqual([]);
    expect([...loaded.sources.values()].every((s) => s === 'artifact')).toBe(true);
    expect(loaded.sources.size).toBe(allPairs().length);
    for (const { templateId, country } of allPairs())
      expect(await loaded.render(templateId, country)).toEqual(
        await renderEmail(templateId, country),
      );
  });

  it('renders a missing artifact instead, warning once with its template and country', async () => {
    rmSync(join(emails, 'reseller-invitation', 'DE.html'));
    const rendered: string[] = [];
    const loaded = lockedRenderer(
      (line) => log.push(line),
      artifactsIn(emails),
      (templateId, country) => {
        rendered.push(`${templateId}/${country}`);
        return renderEmail(templateId, country);
      },
    );
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/no pre-rendered reseller-invitation\/DE .*rendering it/);
    expect(loaded.sources.get('reseller-invitation/DE')).toBe('rendered');
    await loaded.render('reseller-invitation', 'DE');
    await loaded.render('reseller-invitation', 'GB');
    expect(rendered).toEqual(['reseller-invitation/DE']);

    // Through the Sender: the warning is printed once at start, and the email still goes out.
    log = [];
    const s = sender();
    expect(log.filter((l) => l.includes('reseller-invitation/DE'))).toHaveLength(1);
    for (let i = 0; i < 2; i++) {
      const row = await s.send(input('reseller-invitation', 'DE'), { createdBy: 'test' });
      expect(row.state).toBe('sent');
    }
    expect(log.filter((l) => l.includes('reseller-invitation/DE'))).toHaveLength(1);
    expect(emlFiles()).toHaveLength(2);
  });

  it('refuses a tampered artifact: nothing is sent, the refusal is recorded', async () => {
    const file = join(emails, 'customer-authorization-request', 'GB.html');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('https://', 'https://attacker.example/?u=https://'),
    );
    const s = sender();
    expect(
      log.some((l) => /customer-authorization-request\/GB does not match the lock/.test(l)),
    ).toBe(true);
    await expect(
      s.prepare(input('customer-authorization-request', 'GB'), 'test'),
    ).rejects.toBeInstanceOf(RefusedError);
    await expect(
      s.send(input('customer-authorization-request', 'GB'), { createdBy: 'test' }),
    ).rejects.toThrow(/does not verify against the locked templates/);
    expect((await store.audit.events('refused-unverified')).length).toBeGreaterThanOrEqual(2);
    expect(await store.sends.history()).toHaveLength(0);
    // The preview route's renderer hands out the tampered email only flagged as not verified.
    expect((await s.preview('customer-authorization-request', 'GB')).verified).toBe(false);
    // The others are untouched.
    const ok = await s.send(input('customer-authorization-request', 'DE'), { createdBy: 'test' });
    expect(ok.state).toBe('sent');
  });

  it('refuses a tampered subject in the artifact’s .json, and ignores its other fields', async () => {
    const file = join(emails, 'reseller-invitation', 'US.json');
    const meta = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...meta, subject: 'Urgent: verify your account' }));
    const meta2File = join(emails, 'reseller-invitation', 'CA.json');
    const meta2 = JSON.parse(readFileSync(meta2File, 'utf8')) as Record<string, unknown>;
    writeFileSync(
      meta2File,
      JSON.stringify({ ...meta2, from: 'ceo@attacker.example', version: '9.9.9' }),
    );
    const s = sender();
    await expect(s.prepare(input('reseller-invitation', 'US'), 'test')).rejects.toBeInstanceOf(
      RefusedError,
    );
    const ca = await s.prepare(input('reseller-invitation', 'CA'), 'test');
    expect(ca.email).toEqual(await renderEmail('reseller-invitation', 'CA'));
  });
});
