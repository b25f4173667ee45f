/**
 * A bench-only, Resend-compatible server on 127.0.0.1 with Resend's rate limit
 * semantics: a fixed number of requests per one-second window, answered with
 * `ratelimit-limit`, `ratelimit-remaining`, `ratelimit-reset` (whole seconds, as
 * Resend sends them), and 429 + `retry-after` past the limit. It answers what
 * the Resend SDK and the sender's start-up check need (domains, send, batch),
 * replays an idempotency key's first answer, and counts every request and
 * every accepted email so the bench can compare them with the ceiling.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProviderCounts {
  /** Every POST to /emails or /emails/batch, refused ones included. */
  sendRequests: number;
  /** Requests answered 429 (over the limit). */
  limited: number;
  /** Emails accepted, each counted once (idempotent replays are not counted again). */
  emails: number;
}

export interface RateLimitedResend {
  url: string;
  readonly counts: ProviderCounts;
  reset(): void;
  close(): Promise<void>;
}

const WINDOW_MS = 1000;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

/** The number of emails in a send (one object) or batch (an array) body. */
function emailCount(body: unknown): number {
  return Array.isArray(body) ? body.length : 1;
}

export async function startRateLimitedResend(options: {
  apiKey: string;
  domains: readonly string[];
  requestsPerSecond: number;
}): Promise<RateLimitedResend> {
  const counts: ProviderCounts = { sendRequests: 0, limited: 0, emails: 0 };
  const answers = new Map<string, { status: number; body: unknown }>();
  const domains = options.domains.map((name, i) => ({
    id: `d-${i + 1}`,
    name,
    status: 'verified',
    created_at: new Date(0).toISOString(),
    region: 'us-east-1',
    click_tracking: false,
    open_tracking: false,
  }));
  let windowStart = 0;
  let used = 0;

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      send(res, 500, { name: 'application_error', statusCode: 500, message: String(error) }, {});
    });
  });

  function send(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string>,
  ): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }

  /** Takes one request from the current window; the headers say what is left. */
  function admit(): { ok: boolean; headers: Record<string, string> } {
    const now = Date.now();
    if (now - windowStart >= WINDOW_MS) {
      windowStart = now;
      used = 0;
    }
    const resetSeconds = String(Math.max(1, Math.ceil((windowStart + WINDOW_MS - now) / 1000)));
    const base = { 'ratelimit-limit': String(options.requestsPerSecond) };
    if (used >= options.requestsPerSecond)
      return {
        ok: false,
        headers: {
          ...base,
          'ratelimit-remaining': '0',
          'ratelimit-reset': resetSeconds,
          'retry-after': resetSeconds,
        },
      };
    used += 1;
    return {
      ok: true,
      headers: {
        ...base,
        'ratelimit-remaining': String(options.requestsPerSecond - used),
        'ratelimit-reset': resetSeconds,
      },
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const body = await readBody(req);
    const isSend = req.method === 'POST' && (path === '/emails' || path === '/emails/batch');
    if (isSend) counts.sendRequests += 1;
    if (req.headers.authorization !== `Bearer ${options.apiKey}`) {
      send(
        res,
        401,
        { name: 'invalid_api_key', statusCode: 401, message: 'API key is invalid' },
        {},
      );
      return;
    }
    const rate = admit();
    if (!rate.ok) {
      if (isSend) counts.limited += 1;
      send(
        res,
        429,
        {
          name: 'rate_limit_exceeded',
          statusCode: 429,
          message: `Too many requests. You can only make ${options.requestsPerSecond} requests per second.`,
        },
        rate.headers,
      );
      return;
    }
    if (req.method === 'GET' && path === '/domains') {
      send(res, 200, { object: 'list', has_more: false, data: domains }, rate.headers);
      return;
    }
    const domain = domains.find((d) => path === `/domains/${d.id}`);
    if (req.method === 'GET' && domain) {
      send(res, 200, { object: 'domain', ...domain, records: [] }, rate.headers);
      return;
    }
    if (!isSend) {
      send(
        res,
        404,
        { name: 'not_found', statusCode: 404, message: `no route ${path}` },
        rate.headers,
      );
      return;
    }
    const key = req.headers['idempotency-key'];
    const replay = typeof key === 'string' ? answers.get(`${path} ${key}`) : undefined;
    if (replay) {
      send(res, replay.status, replay.body, rate.headers);
      return;
    }
    const parsed: unknown = JSON.parse(body);
    const n = emailCount(parsed);
    counts.emails += n;
    const answer =
      path === '/emails'
        ? { id: randomUUID() }
        : { data: Array.from({ length: n }, () => ({ id: randomUUID() })) };
    if (typeof key === 'string') answers.set(`${path} ${key}`, { status: 200, body: answer });
    send(res, 200, answer, rate.headers);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    reset: () => {
      counts.sendRequests = 0;
      counts.limited = 0;
      counts.emails = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
