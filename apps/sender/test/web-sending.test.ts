import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/passwords.js';
import { startServer, type RunningServer } from '../src/server.js';
import { Browser, hidden, tempDir, testConfig } from './helpers.js';

const tmp = tempDir();
let server: RunningServer;
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
  server = await startServer(testConfig(tmp.dir), {
    log: () => undefined,
    announce: () => undefined,
  });
  await server.runtime.store.users.addUser('sales@reseller.example', await hashPassword(PASSWORD));
});
afterAll(async () => {
  await server.close();
  tmp.cleanup();
});

async function signIn(): Promise<Browser> {
  const b = new Browser(server.url);
  const page = await (await b.get('/login')).text();
  await b.post('/login', {
    _csrf: hidden(page, '_csrf'),
    email: 'sales@reseller.example',
    password: PASSWORD,
  });
  return b;
}

describe('web result and history: every unsent row has a reason', () => {
  it('shows why a row of another transport was left queued, in the result and in history', async () => {
    const b = await signIn();
    const { store, sender } = server.runtime;
    const draft = await sender.prepare(
      { template: 'reseller-invitation', country: 'DE', to: ['ga@contoso.example'], cc: [] },
      't',
    );
    const row = await store.sends.insertSend({
      requestKey: 'resend-row',
      idempotencyKey: 'csp-sender-resend-row',
      templateId: draft.email.templateId,
      country: draft.email.country,
      to: draft.to,
      cc: [],
      subject: draft.email.subject,
      fingerprint: draft.email.fingerprint,
      templateVersion: draft.email.version,
      transport: 'resend',
      endpoint: 'https://api.resend.com',
      createdBy: 't',
    });
    const result = await (await b.get(`/sends/${row.id}`)).text();
    expect(result).toMatch(
      /created for resend at https:\/\/api\.resend\.com; this run sends through outbox, so it was left queued/,
    );
    const history = await (await b.get('/history')).text();
    expect(history).toMatch(/this run sends through outbox, so it was left queued/);
    await store.sends.markFailed([row.id], 'HTTP 422 validation_error: bad address');
    expect(await (await b.get(`/sends/${row.id}`)).text()).toContain(
      'Not sent: HTTP 422 validation_error: bad address',
    );
  });

  it('refuses new sends with 503 once draining, queueing nothing', async () => {
    const b = await signIn();
    const csrf = hidden(await (await b.get('/compose')).text(), '_csrf');
    const form = {
      _csrf: csrf,
      template: 'customer-authorization-request',
      country: 'CA',
      to: 'ga@contoso.example',
      cc: '',
    };
    const request = hidden(await (await b.post('/confirm', form)).text(), 'request');
    const before = (await server.runtime.store.sends.history()).length;
    expect(await server.runtime.sender.drain(1000)).toBe(true);
    const refused = await b.post('/send', { ...form, request });
    expect(refused.status).toBe(503);
    expect(await refused.text()).toContain('shutting down: nothing was queued');
    expect(await server.runtime.store.sends.history()).toHaveLength(before);
  });
});
