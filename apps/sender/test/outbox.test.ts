import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allPairs, verifyEmail } from '@csp-enablement/templates';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sender } from '../src/sending/sender.js';
import { Store } from '../src/store.js';
import { OutboxTransport } from '../src/transports/outbox.js';
import { TransportError, type OutgoingEmail } from '../src/transports/types.js';
import { tempDir } from './helpers.js';

const tmp = tempDir();
let store: Store;
let outbox: OutboxTransport;
let sender: Sender;

beforeAll(() => {
  store = new Store(tmp.dir);
  outbox = new OutboxTransport(join(tmp.dir, 'outbox'));
  sender = new Sender({ store, transport: outbox, retry: { maxAttempts: 3, baseMs: 1, maxMs: 5 } });
});
afterAll(async () => {
  await store.close();
  tmp.cleanup();
});

describe('outbox transport', () => {
  it.each(allPairs())(
    'writes $templateId × $country as multipart/alternative whose HTML and text verify',
    async ({ templateId, country }) => {
      const row = await sender.send(
        { template: templateId, country, to: ['ga@contoso.example'], cc: ['me@reseller.example'] },
        { createdBy: 'test' },
      );
      expect(row.state).toBe('sent');
      const file = outbox.fileFor(row.idempotencyKey);
      const raw = readFileSync(file, 'utf8');
      expect(raw).toMatch(/^Content-Type: multipart\/alternative;/m);
      // RFC 5322: every line ends in CRLF, none in a bare LF.
      expect(raw.match(/(?<!\r)\n/g) ?? []).toEqual([]);
      const mail = await simpleParser(raw);
      expect(mail.messageId).toBe(`<${row.messageId ?? ''}@outbox.csp-sender.invalid>`);
      expect(mail.from?.value[0]?.address?.toLowerCase()).toBe('donotreply@ingrammicro.com');
      const to = Array.isArray(mail.to) ? mail.to : [mail.to];
      expect(to.flatMap((t) => t?.value.map((v) => v.address))).toEqual(['ga@contoso.example']);
      expect(mail.headers.get('x-csp-fingerprint')).toBe(row.fingerprint);
      const html = typeof mail.html === 'string' ? mail.html : '';
      const parsed = {
        templateId,
        country,
        subject: mail.subject ?? '',
        html,
        text: mail.text ?? '',
        from: 'DoNotReply@IngramMicro.com',
      };
      // What a recipient's mail client decodes is byte-for-byte the locked email.
      expect(verifyEmail(parsed)).toBe(true);
      expect(verifyEmail({ ...parsed, text: `${parsed.text} ` })).toBe(false);
    },
  );

  it('writes names RFC 2047-encoded and IDN domains in punycode; a mail client reads them back', async () => {
    const row = await sender.send(
      {
        template: 'reseller-invitation',
        country: 'DE',
        to: ['"Müller, Max" <max@müller-maschinenbau.de>; Anna <anna@contoso.example>'],
        cc: ['Schmidt, Eva <eva@contoso.example>'],
      },
      { createdBy: 'test' },
    );
    const raw = readFileSync(outbox.fileFor(row.idempotencyKey), 'utf8');
    expect(raw).toMatch(
      /^To: =\?UTF-8\?Q\?M=C3=BCller=2C_Max\?= <max@xn--mller-maschinenbau-m6b\.de>/m,
    );
    // Every header line is ASCII.
    expect(raw.split('\r\n\r\n')[0]).toMatch(/^[\x20-\x7e\r\n\t]*$/);
    const mail = await simpleParser(raw);
    const to = Array.isArray(mail.to) ? mail.to : [mail.to];
    // The header holds punycode (above); a mail client shows the domain in Unicode again.
    expect(to.flatMap((t) => t?.value.map((v) => [v.name, v.address]))).toEqual([
      ['Müller, Max', 'max@müller-maschinenbau.de'],
      ['Anna', 'anna@contoso.example'],
    ]);
    const cc = Array.isArray(mail.cc) ? mail.cc : [mail.cc];
    expect(cc.flatMap((t) => t?.value.map((v) => [v.name, v.address]))).toEqual([
      ['Schmidt, Eva', 'eva@contoso.example'],
    ]);
  });

  it('honours idempotency keys: same key and payload, one file; other payload, refused', async () => {
    const email: OutgoingEmail = {
      from: 'DoNotReply@IngramMicro.com',
      to: ['a@contoso.example'],
      cc: [],
      subject: 'S',
      html: '<p>h</p>',
      text: 't',
      locale: 'en-US',
      templateId: 'reseller-invitation',
      country: 'US',
      fingerprint: 'f',
      templateVersion: '0',
    };
    const before = readdirSync(outbox.dir).length;
    const first = await outbox.send(email, 'key-1');
    const again = await outbox.send(email, 'key-1');
    expect(again.id).toBe(first.id);
    expect(readdirSync(outbox.dir).length).toBe(before + 1);
    await expect(
      outbox.send({ ...email, to: ['b@contoso.example'] }, 'key-1'),
    ).rejects.toBeInstanceOf(TransportError);
    expect(readdirSync(outbox.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
