import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBatch } from '../src/batches/run.js';
import { describeDelivery, deliveryStatuses } from '../src/delivery/status.js';
import { DeliveryStore } from '../src/delivery/store.js';
import { hashPassword } from '../src/passwords.js';
import { outboxDir } from '../src/config.js';
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
  await server.runtime.store.users.addUser(
    'sales@reseller.example',
    await hashPassword(PASSWORD),
    'sales',
  );
  await server.runtime.store.users.addUser(
    'admin@reseller.example',
    await hashPassword(PASSWORD),
    'admin',
  );
});

async function signIn(email: string): Promise<Browser> {
  const b = new Browser(server.url);
  const login = await (await b.get('/login')).text();
  await b.post('/login', { _csrf: hidden(login, '_csrf'), email, password: PASSWORD });
  return b;
}
afterAll(async () => {
  try {
    await server.close();
  } finally {
    tmp.cleanup();
  }
});

describe('delivery status with the outbox transport', () => {
  it('says "written to outbox" and names each email’s own file; nothing claims delivery', async () => {
    const { sender, store, config } = server.runtime;
    const single = await sender.send(
      { template: 'reseller-invitation', country: 'DE', to: ['one@contoso.example'], cc: [] },
      { createdBy: 'sales@reseller.example' },
    );
    const batch = await runBatch(sender, {
      file: 'three.csv',
      content: 'to\nb1@contoso.example\nb2@contoso.example\nb3@contoso.example\n',
      template: 'reseller-invitation',
      country: 'DE',
      createdBy: 'sales@reseller.example',
    });
    const rows = [single, ...(await store.batches.batchSends(batch.batch.id))];
    const statuses = await deliveryStatuses(new DeliveryStore(store), rows, outboxDir(config));
    const files = new Set<string>();
    for (const row of rows) {
      const status = statuses.get(row.id);
      if (status?.kind !== 'outbox') throw new Error(`send #${row.id}: ${JSON.stringify(status)}`);
      expect(existsSync(status.file), status.file).toBe(true);
      // The file is this row's own email: its recipient is in it.
      expect(readFileSync(status.file, 'utf8')).toContain(`To: ${row.to[0] ?? ''}`);
      expect(describeDelivery(status)).toBe(`written to outbox (${status.file})`);
      files.add(status.file);
    }
    expect(files.size).toBe(4);

    // The web shows no server path anywhere: not on the send, in history or in the export.
    const b = await signIn('sales@reseller.example');
    const page = await (await b.get(`/sends/${single.id}`)).text();
    expect(page).toMatch(/data-delivery="written to outbox"/);
    const history = await (await b.get('/history')).text();
    expect(history.match(/data-delivery="written to outbox"/g)).toHaveLength(4);
    expect(history).not.toMatch(/data-delivery="(delivered|sent)"/);
    const csv = await (await b.get('/history.csv')).text();
    expect(csv).toContain(',written to outbox,');
    for (const file of files) {
      const name = file.slice(file.lastIndexOf('/') + 1);
      for (const [where, text] of [
        ['send page', page],
        ['history', history],
        ['csv', csv],
      ] as const)
        expect(text.includes(name), `${where} names ${name}`).toBe(false);
    }
    expect(page).not.toContain(outboxDir(config));
    // A sales user gets no download link, and the route refuses them.
    expect(page).not.toContain(`/sends/${single.id}/eml`);
    expect(history).not.toContain('/eml"');
    expect(history).not.toContain('<th scope="col">Actions</th>');
    expect((await b.get(`/sends/${single.id}/eml`)).status).toBe(403);

    // An admin downloads that send's own file (and only a send's file).
    const admin = await signIn('admin@reseller.example');
    const adminPage = await (await admin.get(`/sends/${single.id}`)).text();
    expect(adminPage).toContain(`href="/sends/${single.id}/eml"`);
    const adminHistory = await (await admin.get('/history')).text();
    expect(adminHistory).toContain(`href="/sends/${single.id}/eml"`);
    expect(adminHistory).toContain('<th scope="col">Actions</th>');
    const eml = await admin.get(`/sends/${single.id}/eml`);
    expect(eml.status).toBe(200);
    expect(eml.headers.get('content-type')).toBe('message/rfc822');
    expect(eml.headers.get('content-disposition')).toBe(
      `attachment; filename="send-${single.id}.eml"`,
    );
    expect(await eml.text()).toContain('To: one@contoso.example');
    expect((await admin.get('/sends/99999/eml')).status).toBe(404);
    expect((await admin.get('/sends/..%2F..%2Fsender.sqlite/eml')).status).toBe(404);
  });
});
