/**
 * What happens after Resend takes an email, for tests: wraps the local
 * Resend-compatible server (fake-resend.ts, which keeps answering every other
 * call) and adds
 *  - `GET /emails/{id}` with the email's `last_event`, rate limited with
 *    `ratelimit-*` / `retry-after` headers like the rest of the API;
 *  - webhook deliveries signed the way Resend documents them (Standard
 *    Webhooks, as sent by Svix): `svix-id`, `svix-timestamp`, and
 *    `svix-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">` with the
 *    base64-decoded `whsec_` secret. The signing is written here with
 *    node:crypto, independent of the SDK code that verifies it.
 * Payload shapes follow the `webhooks:` section of Resend's OpenAPI file.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeResend, type FakeResendOptions } from './fake-resend.js';

export type EmailEventType =
  | 'email.sent'
  | 'email.delivered'
  | 'email.delivery_delayed'
  | 'email.bounced'
  | 'email.complained'
  | 'email.failed'
  | 'email.suppressed'
  | 'email.opened';

export const newWebhookSecret = (): string => `whsec_${randomBytes(24).toString('base64')}`;

/** Standard Webhooks signature of one delivery. */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const mac = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return `v1,${mac}`;
}

export interface DeliveryOptions {
  /** svix-id; a fresh `msg_…` by default (reuse one to replay a delivery). */
  id?: string;
  /** Seconds added to now for svix-timestamp (negative: an old delivery). */
  timestampOffsetS?: number;
  /** Sign with another secret. */
  secret?: string;
  /** Leave these headers out. */
  omit?: ('svix-id' | 'svix-timestamp' | 'svix-signature')[];
  /** Change the body after signing. */
  tamper?: (body: string) => string;
  /** Event time inside the payload (created_at); now by default. */
  at?: Date;
  /** Fields merged into `data` (bounce details, ...). */
  data?: Record<string, unknown>;
  /** Extra request headers (Origin, ...). */
  headers?: Record<string, string>;
}

export interface DeliveryAttempt {
  svixId: string;
  status: number;
  body: string;
}

export interface FakeResendEventsOptions {
  fake?: FakeResendOptions;
  secret?: string;
  /** GET /emails/{id} calls allowed per window (1 s) before 429. */
  getRateLimit?: number;
}

export class FakeResendEvents {
  readonly fake: FakeResend;
  readonly secret: string;
  /** Where signed events go (the sender's `/webhooks/resend`). */
  webhookUrl = '';
  /** Each GET /emails/{id}: the id, the answer's status and when. */
  readonly lookups: { id: string; status: number; at: number }[] = [];
  private readonly lastEvent = new Map<string, string>();
  private readonly getRateLimit: number;
  private windowStart = Date.now();
  private windowCount = 0;
  private server: Server | undefined;
  url = '';

  constructor(options: FakeResendEventsOptions = {}) {
    this.fake = new FakeResend(options.fake);
    this.secret = options.secret ?? newWebhookSecret();
    this.getRateLimit = options.getRateLimit ?? 1000;
  }

  get apiKey(): string {
    return this.fake.apiKey;
  }

  async start(): Promise<string> {
    await this.fake.start();
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.fake.specViolations.push(`events fake crashed: ${String(error)}`);
        res.destroy();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server)
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      });
    await this.fake.stop();
  }

  /** Sets what GET /emails/{id} answers as `last_event` (without sending a webhook). */
  setLastEvent(emailId: string, lastEvent: string): void {
    this.lastEvent.set(emailId, lastEvent);
  }

  private email(emailId: string): Record<string, unknown> {
    const sent = this.fake.delivered.find((d) => d.id === emailId);
    if (!sent) throw new Error(`the fake never accepted an email with id ${emailId}`);
    return sent.email;
  }

  /** A webhook body as Resend sends it for one of the emails this server accepted. */
  payload(emailId: string, type: EmailEventType, at: Date, data: Record<string, unknown> = {}) {
    const email = this.fake.delivered.find((d) => d.id === emailId)?.email ?? {};
    const to = email.to;
    return {
      type,
      created_at: at.toISOString(),
      data: {
        email_id: emailId,
        created_at: at.toISOString(),
        from: typeof email.from === 'string' ? email.from : 'Sender <sender@example.com>',
        to: Array.isArray(to) ? to : typeof to === 'string' ? [to] : ['unknown@example.com'],
        subject: typeof email.subject === 'string' ? email.subject : 'Subject',
        ...data,
      },
    };
  }

  /**
   * Signs an event for `emailId` and posts it to `webhookUrl`, as Resend does.
   * Also makes it the email's `last_event` (what GET /emails/{id} reports).
   */
  async deliver(
    emailId: string,
    type: EmailEventType,
    options: DeliveryOptions = {},
  ): Promise<DeliveryAttempt> {
    if (this.webhookUrl === '') throw new Error('set webhookUrl first');
    const svixId = options.id ?? `msg_${randomUUID().replaceAll('-', '')}`;
    const body = JSON.stringify(
      this.payload(emailId, type, options.at ?? new Date(), options.data),
    );
    return this.post(svixId, body, options, () => {
      this.lastEvent.set(emailId, type.slice('email.'.length));
    });
  }

  /** Posts any body, signed (or mis-signed) as the options say. */
  async post(
    svixId: string,
    body: string,
    options: DeliveryOptions = {},
    onAccepted?: () => void,
  ): Promise<DeliveryAttempt> {
    const timestamp = Math.floor(Date.now() / 1000) + (options.timestampOffsetS ?? 0);
    const signature = signWebhook(options.secret ?? this.secret, svixId, timestamp, body);
    const signed: Record<string, string> = {
      'svix-id': svixId,
      'svix-timestamp': String(timestamp),
      'svix-signature': signature,
    };
    const omit: readonly string[] = options.omit ?? [];
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Svix-Webhooks/1.0 (test)',
      ...Object.fromEntries(Object.entries(signed).filter(([name]) => !omit.includes(name))),
      ...options.headers,
    };
    const res = await fetch(this.webhookUrl, {
      method: 'POST',
      headers,
      body: options.tamper ? options.tamper(body) : body,
      redirect: 'manual',
    });
    const text = await res.text();
    if (res.status >= 200 && res.status < 300) onAccepted?.();
    return { svixId, status: res.status, body: text };
  }

  private rateHeaders(): Record<string, string> {
    const now = Date.now();
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.windowCount = 0;
    }
    return {
      'ratelimit-limit': String(this.getRateLimit),
      'ratelimit-remaining': String(Math.max(0, this.getRateLimit - this.windowCount)),
      'ratelimit-reset': String(Math.max(0, Math.ceil((this.windowStart + 1000 - now) / 1000))),
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const match = /^\/emails\/([^/]+)$/.exec(path);
    if (req.method !== 'GET' || !match?.[1] || match[1] === 'batch') {
      await this.forward(req, res);
      return;
    }
    const id = decodeURIComponent(match[1]);
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      this.lookups.push({ id, status, at: Date.now() });
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${this.fake.apiKey}`) {
      answer(401, { statusCode: 401, name: 'missing_api_key', message: 'API key is invalid' });
      return;
    }
    let rate = this.rateHeaders();
    if (this.windowCount >= this.getRateLimit) {
      answer(
        429,
        {
          statusCode: 429,
          name: 'rate_limit_exceeded',
          message: 'Too many requests. You can only make a limited number of requests per second.',
        },
        { ...rate, 'retry-after': rate['ratelimit-reset'] ?? '1' },
      );
      return;
    }
    this.windowCount++;
    rate = this.rateHeaders();
    const sent = this.fake.delivered.find((d) => d.id === id);
    if (!sent) {
      answer(404, { statusCode: 404, name: 'not_found', message: 'Email not found' }, rate);
      return;
    }
    const email = this.email(id);
    const list = (v: unknown): string[] =>
      Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : [];
    answer(
      200,
      {
        object: 'email',
        id,
        message_id: `<${id}@resend.test>`,
        to: list(email.to),
        from: String(email.from),
        created_at: '2026-01-01 00:00:00.000000+00',
        subject: String(email.subject),
        html: typeof email.html === 'string' ? email.html : null,
        text: typeof email.text === 'string' ? email.text : null,
        bcc: null,
        cc: email.cc === undefined ? null : list(email.cc),
        reply_to: null,
        last_event: this.lastEvent.get(id) ?? 'sent',
        scheduled_at: null,
      },
      rate,
    );
  }

  /** Everything else goes to the wrapped fake unchanged. */
  private async forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const target = new URL(req.url ?? '/', this.fake.url);
    await new Promise<void>((resolve, reject) => {
      const upstream = httpRequest(
        target,
        { method: req.method ?? 'GET', headers: { ...req.headers, host: target.host } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          answer.on('end', resolve);
          answer.on('error', reject);
        },
      );
      // The wrapped fake may drop an answer on purpose: drop ours too.
      upstream.on('error', () => {
        res.destroy();
        resolve();
      });
      upstream.end(Buffer.concat(chunks));
    });
  }
}
