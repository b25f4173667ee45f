/** Liveness (/healthz) and readiness (/readyz) over real HTTP, in each state. */
import { afterEach, describe, expect, it } from 'vitest';
import { expectedSchema } from '../src/health/readiness.js';
import { openWeb, type WebFixture } from './web-fixture.js';

let web: WebFixture | undefined;
afterEach(async () => {
  await web?.close();
  web = undefined;
});

async function get(path: string): Promise<{ status: number; body: unknown }> {
  if (!web) throw new Error('no server');
  const res = await fetch(`${web.url}${path}`);
  return { status: res.status, body: await res.json() };
}

describe('/healthz and /readyz', () => {
  it('both answer 200 without a session when the store is open and current', async () => {
    web = await openWeb();
    expect(await get('/healthz')).toMatchObject({ status: 200, body: { ok: true } });
    expect(await get('/readyz')).toEqual({ status: 200, body: { ready: true } });
  });

  it('the expected schema is what the store creates: every table the sender uses', async () => {
    const schema = await expectedSchema();
    for (const table of ['users', 'sessions', 'sends', 'batches', 'events'])
      expect(schema.has(table), table).toBe(true);
    expect(schema.get('sends')?.has('lease_token')).toBe(true);
  });

  it('503 naming what is missing when the schema is behind this build; /healthz stays 200', async () => {
    web = await openWeb();
    // As a file restored from an older backup under a running server would be.
    web.server.runtime.store.sqlite.file.exec(
      'ALTER TABLE sends DROP COLUMN lease_token; DROP TABLE events;',
    );
    const ready = await get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ ready: false });
    const reason = (ready.body as { reason: string }).reason;
    expect(reason).toMatch(/^schema: /);
    expect(reason).toContain('sends.lease_token');
    expect(reason).toContain('table events');
    expect((await get('/healthz')).status).toBe(200);
  });

  it('503 with the reason when the store does not answer', async () => {
    web = await openWeb();
    await web.server.runtime.store.close();
    const ready = await get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ ready: false, reason: 'store: the database is closed' });
  });
});
