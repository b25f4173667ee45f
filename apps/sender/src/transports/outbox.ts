import { createHash } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { parseMailbox } from '../addresses.js';
import { messageIdFor, outboxFileName } from './outbox-names.js';
import {
  TransportError,
  type BatchResult,
  type OutgoingEmail,
  type SendResult,
  type Transport,
} from './types.js';

const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

/** The payload hash recorded in an existing message's (possibly folded) header. */
function storedPayloadHash(message: string): string | undefined {
  const headers = (message.split(/\r?\n\r?\n/)[0] ?? '').replace(/\r?\n(?=[ \t])/g, '');
  return /^X-CSP-Payload-SHA256:\s*([0-9a-f]{64})\s*$/im.exec(headers)?.[1];
}

function payloadHash(email: OutgoingEmail): string {
  return sha256(
    JSON.stringify([
      email.from,
      email.to,
      email.cc,
      email.subject,
      email.html,
      email.text,
      // Only when set, so the hash of an email without one is what it always was.
      ...(email.replyTo !== undefined ? [email.replyTo] : []),
    ]),
  );
}

/**
 * The embedded transport: one RFC 5322 `.eml` file per email in the outbox
 * folder; nothing leaves the machine. It honours idempotency keys the way
 * Resend does: the same key and payload give the same message (no second
 * file), the same key with another payload is refused.
 */
export class OutboxTransport implements Transport {
  readonly name = 'outbox';
  readonly endpoint = null;
  readonly acceptsPlaceholders = true; // it never reaches a real recipient
  readonly maxBatchSize = 100;

  constructor(
    readonly dir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  check(): Promise<void> {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    return Promise.resolve();
  }

  async send(email: OutgoingEmail, idempotencyKey: string): Promise<SendResult> {
    return { id: await this.write(email, idempotencyKey) };
  }

  async sendBatch(emails: OutgoingEmail[], idempotencyKey: string): Promise<BatchResult> {
    const ids: string[] = [];
    for (const [index, email] of emails.entries())
      ids.push(await this.write(email, `${idempotencyKey}.${index}`));
    return { ids };
  }

  /** The file an idempotency key maps to. */
  fileFor(fileKey: string): string {
    return join(this.dir, outboxFileName(fileKey));
  }

  private async write(email: OutgoingEmail, fileKey: string): Promise<string> {
    const id = messageIdFor(fileKey);
    const hash = payloadHash(email);
    const file = this.fileFor(fileKey);
    const message = new MailComposer({
      from: email.from,
      ...(email.replyTo !== undefined ? { replyTo: email.replyTo } : {}),
      // {name, address} objects: nodemailer quotes and RFC 2047-encodes the name itself.
      to: email.to.map(parseMailbox),
      ...(email.cc.length > 0 ? { cc: email.cc.map(parseMailbox) } : {}),
      subject: email.subject,
      text: email.text,
      html: email.html,
      // RFC 5322 line ends everywhere, the parts' bodies included.
      newline: '\r\n',
      date: this.now(),
      messageId: `<${id}@outbox.csp-sender.invalid>`,
      headers: {
        'Content-Language': email.locale,
        'X-CSP-Template': `${email.templateId}; country=${email.country}; version=${email.templateVersion}`,
        'X-CSP-Fingerprint': email.fingerprint,
        'X-CSP-Idempotency-Key': fileKey,
        'X-CSP-Payload-SHA256': hash,
      },
    });
    const bytes = await message.compile().build();
    // Write aside (in a folder readers of `*.eml` do not look in), then hard-link
    // into place: link() fails when the name exists, so a file appears whole or
    // not at all, and never twice. A process killed mid-write leaves only a stray
    // file in .partial/.
    const partial = join(this.dir, '.partial');
    mkdirSync(partial, { recursive: true, mode: 0o700 });
    const tmp = join(partial, `${basename(file)}.${process.pid}.${Date.now()}.tmp`);
    writeFileSync(tmp, bytes, { mode: 0o600 });
    try {
      linkSync(tmp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (storedPayloadHash(readFileSync(file, 'utf8')) !== hash) {
        throw new TransportError(
          `idempotency key ${fileKey} was already used for a different email`,
          false,
          { status: 409, code: 'invalid_idempotent_request' },
        );
      }
    } finally {
      rmSync(tmp, { force: true });
    }
    return id;
  }
}
