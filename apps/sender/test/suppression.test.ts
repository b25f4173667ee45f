/**
 * Issue 18 part 5: no sends to addresses that bounced permanently or complained, unless
 * someone overrides it with a reason (recorded); admins see and edit the list.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { planBatch } from '../src/batches/plan.js';
import { runBatch } from '../src/batches/run.js';
import { DeliveryStore } from '../src/delivery/store.js';
import { Suppressions } from '../src/delivery/suppression.js';
import { hashPassword } from '../src/passwords.js';
import { openRuntime, type Runtime } from '../src/runtime.js';
import type { Sender } from '../src/sending/sender.js';
import type { DeliveryState } from '../src/delivery/states.js';
import { hidden, tempDir, testConfig } from './helpers.js';
import { describeStores } from './stores.js';
import { runCli } from './spawn-cli.js';
import { raw } from './http-raw.js';
import {
  openWeb,
  PASSWORD,
  postAs,
  signInAs,
  USER,
  type WebFixture,
  type Who,
} from './web-fixture.js';

const ADMIN = 'boss@reseller.example';
const BOUNCED = 'gone@contoso.example';
const COMPLAINED = 'angry@contoso.example';
const TEMPORARY = 'full@contoso.example';
let web: WebFixture;
let seq = 0;

/** The sender the tests use: the web server's, or a runtime's on either store. */
let current: () => Sender = () => web.server.runtime.sender;
const sender = (): Sender => current();

/** Sends to an address (the outbox), then records what the provider said about that email. */
async function sendThen(
  address: string,
  state: DeliveryState,
  kind?: string,
  at = new Date().toISOString(),
): Promise<void> {
  const row = await sender().send(
    { template: 'customer-authorization-request', country: 'DE', to: [address], cc: [] },
    { createdBy: 'seed' },
  );
  await new DeliveryStore(sender().store).record({
    key: `test-${++seq}`,
    source: 'webhook',
    type: `email.${state}`,
    emailId: row.messageId ?? '',
    occurredAt: at,
    payload: '{}',
    state,
    kind,
  });
}

const signIn = (email: string) => signInAs(web, email, PASSWORD);
const post = (path: string, who: Who, fields: Record<string, string> = {}) =>
  postAs(web, path, who, fields);

/** Permanent bounces, a complaint, a temporary bounce and a bounce followed by a delivery. */
async function seed(): Promise<void> {
  await sendThen(BOUNCED, 'bounced', 'Permanent / General', '2026-12-01T10:00:00.000Z');
  await sendThen(COMPLAINED, 'delivered', undefined, '2026-12-01T09:00:00.000Z');
  await sendThen(COMPLAINED, 'complained', undefined, '2026-12-01T11:00:00.000Z');
  await sendThen(TEMPORARY, 'bounced', 'Transient / MailboxFull', '2026-12-01T10:00:00.000Z');
  // A permanent bounce followed by a later delivery: the last event decides.
  await sendThen(
    'back@contoso.example',
    'bounced',
    'Permanent / General',
    '2026-11-01T10:00:00.000Z',
  );
  await sendThen('back@contoso.example', 'delivered', undefined, '2026-12-02T10:00:00.000Z');
}

describeStores('the suppression list in the store', (s) => {
  let rt: Runtime | undefined;
  beforeEach(async () => {
    const opened = await openRuntime(testConfig(s.dir, s.env), () => undefined);
    rt = opened;
    current = () => opened.sender;
    await seed();
  });
  afterEach(async () => {
    await rt?.close();
    rt = undefined;
  });

  it('holds addresses whose last event was a permanent bounce or a complaint', async () => {
    const list = await new Suppressions(sender().store).list();
    expect(list.map((e) => [e.address, e.event, e.kind, e.at])).toEqual([
      [COMPLAINED, 'complained', null, '2026-12-01T11:00:00.000Z'],
      [BOUNCED, 'bounced', 'Permanent / General', '2026-12-01T10:00:00.000Z'],
    ]);
  });

  it('a batch plan names them and the batch skips them; the override sends and is recorded', async () => {
    const content = `to\nok@contoso.example\n${BOUNCED.toUpperCase()}\n${COMPLAINED}\n`;
    const options = {
      file: 'list.csv',
      content,
      template: 'reseller-invitation',
      country: 'DE',
      createdBy: USER,
    };
    const plan = await planBatch(sender(), options);
    expect(plan.suppressed.map((s) => s.reason)).toEqual([
      `line 3: ${BOUNCED} is suppressed (bounced (Permanent / General) on 2026-12-01 10:00 UTC)`,
      `line 4: ${COMPLAINED} is suppressed (complained on 2026-12-01 11:00 UTC)`,
    ]);
    const summary = await runBatch(sender(), options);
    expect(summary.total).toBe(1);
    expect(summary.suppressed).toHaveLength(2);
    const again = await runBatch(sender(), {
      ...options,
      again: true,
      includeSuppressed: { reason: 'customer confirmed the new mailbox by phone' },
    });
    expect((await again.sentNow()).map((r) => r.to[0]?.toLowerCase()).sort()).toEqual(
      [COMPLAINED, BOUNCED].sort(),
    );
    expect(await sender().store.audit.events('suppression-override')).toMatchObject([
      {
        actor: USER,
        detail: expect.stringMatching(/customer confirmed the new mailbox by phone$/) as unknown,
      },
    ]);
  });
});

describe('the suppression list on the web', () => {
  beforeAll(async () => {
    web = await openWeb();
    current = () => web.server.runtime.sender;
    await web.server.runtime.store.users.addUser(ADMIN, await hashPassword(PASSWORD), 'admin');
    await seed();
  });
  afterAll(async () => {
    await web.close();
  });

  it('the compose preview names a suppressed recipient; sending needs the box and a reason', async () => {
    const sales = await signIn(USER);
    const form = {
      template: 'customer-authorization-request',
      country: 'DE',
      to: BOUNCED,
      cc: '',
    };
    const preview = await post('/preview', sales, form);
    expect(preview.text).toContain('On the suppression list:');
    expect(preview.text).toContain(
      `${BOUNCED} bounced (Permanent / General) on 2026-12-01 10:00 UTC`,
    );
    const confirm = await post('/confirm', sales, form);
    expect(confirm.text).toContain('name="include_suppressed"');
    const request = hidden(confirm.text, 'request');
    const before = (await sender().store.sends.history(1000)).length;
    const refused = await post('/send', sales, { ...form, request });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain(`${BOUNCED} is on the suppression list`);
    const noReason = await post('/send', sales, { ...form, request, include_suppressed: 'yes' });
    expect(noReason.status).toBe(409);
    expect((await sender().store.sends.history(1000)).length).toBe(before);
    const sent = await post('/send', sales, {
      ...form,
      request,
      include_suppressed: 'yes',
      suppressed_reason: 'new mailbox, checked',
    });
    expect(sent.status).toBe(303);
    expect((await sender().store.sends.history(1000)).length).toBe(before + 1);
    expect((await sender().store.audit.events('suppression-override')).at(-1)).toMatchObject({
      actor: USER,
      detail: expect.stringMatching(
        /^single send to gone@contoso.example .*new mailbox, checked$/,
      ) as unknown,
    });
  });

  it('admins see the list and remove an address (recorded); sales get 403', async () => {
    const sales = await signIn(USER);
    expect(
      (await raw(`${web.url}/team/suppressions`, { headers: { cookie: sales.cookie } })).status,
    ).toBe(403);
    expect(
      (await post('/team/suppressions/remove', sales, { address: COMPLAINED, reason: 'x' })).status,
    ).toBe(403);
    const admin = await signIn(ADMIN);
    const page = await raw(`${web.url}/team/suppressions`, { headers: { cookie: admin.cookie } });
    expect(page.status).toBe(200);
    expect(page.text).toContain(COMPLAINED);
    expect(page.text).toContain('2026-12-01 11:00 UTC');
    expect(page.text).not.toContain(TEMPORARY);
    const noReason = await post('/team/suppressions/remove', admin, {
      address: COMPLAINED,
      reason: '',
    });
    expect(noReason.status).toBe(400);
    const removed = await post('/team/suppressions/remove', admin, {
      address: COMPLAINED,
      reason: 'complaint was a mistake, says the customer',
    });
    expect(removed.status).toBe(200);
    expect((await new Suppressions(sender().store).list()).map((e) => e.address)).toEqual([
      BOUNCED,
    ]);
    expect(await sender().store.audit.events('suppression-removed')).toMatchObject([
      {
        actor: ADMIN,
        detail: expect.stringMatching(
          /^angry@contoso.example .*mistake, says the customer$/,
        ) as unknown,
      },
    ]);
  });

  it('the CLI override needs a reason, and nothing is read or sent without one', async () => {
    const tmp = tempDir();
    try {
      const result = await runCli(
        [
          'batch',
          'missing.csv',
          '--template',
          'reseller-invitation',
          '--country',
          'DE',
          '--include-suppressed',
        ],
        { SENDER_DATA_DIR: tmp.dir },
      );
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/reason: --include-suppressed needs --reason/);
    } finally {
      tmp.cleanup();
    }
  });
});
