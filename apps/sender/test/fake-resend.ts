/**
 * A local Resend-compatible server for tests. Every request to POST /emails and
 * POST /emails/batch is checked against this repository's own Resend contract
 * (test/resend-contract/schema.ts, written from Resend's documentation; checked
 * against the published OpenAPI file by spec-agreement.test.ts when that file is
 * present). Idempotency-Key behaves as Resend documents it: same key and payload
 * within 24 hours, same answer and nothing sent twice; same key with another
 * payload, 409. Batch validation is strict (all or nothing) unless the request
 * asks for permissive mode.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import {
  BATCH_VALIDATION_MODES,
  IDEMPOTENCY_ERRORS,
  IDEMPOTENCY_KEY_TTL_MS,
  MAX_BATCH_EMAILS,
  NOT_IN_BATCH,
  type BatchValidationMode,
} from './resend-contract/schema.js';
import { contractValidators, describeErrors } from './resend-contract/validators.js';

export interface FakeDomain {
  id: string;
  name: string;
  status: 'verified' | 'pending' | 'failed' | 'not_started';
  click_tracking?: boolean;
  open_tracking?: boolean;
}

export interface Delivered {
  id: string;
  endpoint: '/emails' | '/emails/batch';
  idempotencyKey: string | undefined;
  email: Record<string, unknown>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  batchValidation: string | undefined;
  body: unknown;
  status: number;
  at: number;
}

/** A request held by `holdRequest`: `arrival` resolves when it is waiting. */
export interface RequestHold {
  arrival: Promise<void>;
  release: () => void;
}

/** A fault for the next POSTs: an HTTP error before processing, or a dropped answer after it. */
export type Fault =
  { status: 429 | 500 | 502 | 503; retryAfter?: number; name?: string } | { drop: true };

interface StoredAnswer {
  endpoint: string;
  payloadHash: string;
  status: number;
  body: unknown;
  /** When the key was first used: it is forgotten IDEMPOTENCY_KEY_TTL_MS later. */
  at: number;
}

/** Faults drawn at random for every POST, as a trial under bad network and provider days. */
export interface RandomFaults {
  /** Share of POSTs that get a fault (0–1). */
  rate: number;
  /** How long a "slow" answer takes (set it beyond the client's timeout). */
  slowMs: number;
  /** Seconds sent in `retry-after` with an injected 429. */
  retryAfter?: number;
  seed?: number;
}

export type RandomFaultKind = '500' | '429' | 'slow' | 'reset' | 'lost answer';
const RANDOM_FAULT_KINDS: RandomFaultKind[] = ['500', '429', 'slow', 'reset', 'lost answer'];

/** A small seeded generator (mulberry32): the same seed gives the same faults. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FakeResendOptions {
  apiKey?: string;
  domains?: FakeDomain[];
  /** Requests allowed per window before 429 (Resend's default is a few per second). */
  rateLimit?: number;
  rateWindowMs?: number;
  /** The fake's clock for idempotency-key expiry (tests move it past 24 hours). */
  now?: () => number;
  randomFaults?: RandomFaults;
}

/** Step 1's From in the tests (SENDER_STEP1_FROM): on the fake's verified domain. */
export const STEP1_FROM = 'cloud.sales@ingrammicro.com';

export class FakeResend {
  readonly apiKey: string;
  domains: FakeDomain[];
  readonly delivered: Delivered[] = [];
  readonly requests: RecordedRequest[] = [];
  /** Problems with what the client sent or what this fake answered (should stay empty in passing tests). */
  readonly specViolations: string[] = [];
  private readonly faults: Fault[] = [];
  private readonly answers = new Map<string, StoredAnswer>();
  private readonly inFlight = new Set<string>();
  private readonly rateLimit: number;
  private readonly rateWindowMs: number;
  private readonly randomFaults: RandomFaults | undefined;
  private readonly random: () => number;
  /** POSTs seen, and the random faults injected into them, by kind. */
  readonly faultCounts: Record<RandomFaultKind, number> = {
    '500': 0,
    '429': 0,
    slow: 0,
    reset: 0,
    'lost answer': 0,
  };
  posts = 0;
  /** How many times each idempotency key was processed afresh (a replay of the stored answer is not). */
  readonly processedKeys = new Map<string, number>();
  private windowStart = Date.now();
  private windowCount = 0;
  private server: Server | undefined;
  url = '';
  now: () => number;

  constructor(options: FakeResendOptions = {}) {
    this.apiKey = options.apiKey ?? 're_test_key_123';
    this.domains = options.domains ?? [
      {
        id: randomUUID(),
        name: 'ingrammicro.com',
        status: 'verified',
        click_tracking: false,
        open_tracking: false,
      },
    ];
    this.rateLimit = options.rateLimit ?? 1000;
    this.rateWindowMs = options.rateWindowMs ?? 1000;
    this.now = options.now ?? Date.now;
    this.randomFaults = options.randomFaults;
    this.random = seeded(options.randomFaults?.seed ?? 1);
    contractValidators();
  }

  /**
   * The next N successful answers to POST /emails or /emails/batch are lost on the way
   * back, a replay under the same key included: an outcome the client cannot learn.
   */
  loseAnswers = 0;

  inject(...faults: Fault[]): void {
    this.faults.push(...faults);
  }

  private readonly holds: {
    path: string;
    skip: number;
    arrived: () => void;
    released: Promise<void>;
  }[] = [];

  /**
   * Holds a coming POST to `path` (the one after `skip` others) until `release()`: while it
   * waits, the request is provably in flight, so a test can act on its client (kill it
   * mid-send) whatever the machine's speed. Released, the request goes on as any other; an
   * answer to a client that is gone is lost with it.
   */
  holdRequest(path: '/emails' | '/emails/batch', skip = 0): RequestHold {
    let arrived = (): void => undefined;
    let release = (): void => undefined;
    const arrival = new Promise<void>((resolve) => (arrived = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.holds.push({ path, skip, arrived, released });
    return { arrival, release };
  }

  /** HTTP errors for the next `GET /domains/{id}` (the start-up domain check), in order. */
  private readonly domainFaults: Array<Exclude<Fault, { drop: true }>> = [];

  injectOnDomainCheck(...faults: Array<Exclude<Fault, { drop: true }>>): void {
    this.domainFaults.push(...faults);
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.specViolations.push(`fake crashed: ${String(error)}`);
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
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
      server.closeAllConnections();
    });
    this.server = undefined;
  }

  private rateHeaders(): Record<string, string> {
    const now = Date.now();
    if (now - this.windowStart >= this.rateWindowMs) {
      this.windowStart = now;
      this.windowCount = 0;
    }
    const reset = Math.max(0, Math.ceil((this.windowStart + this.rateWindowMs - now) / 1000));
    return {
      'ratelimit-limit': String(this.rateLimit),
      'ratelimit-remaining': String(Math.max(0, this.rateLimit - this.windowCount)),
      'ratelimit-reset': String(reset),
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const key =
      typeof req.headers['idempotency-key'] === 'string'
        ? req.headers['idempotency-key']
        : undefined;
    let body: unknown = undefined;
    const record = (status: number) => {
      this.requests.push({
        method: req.method ?? '',
        path,
        idempotencyKey: key,
        batchValidation:
          typeof req.headers['x-batch-validation'] === 'string'
            ? req.headers['x-batch-validation']
            : undefined,
        body,
        status,
        at: Date.now(),
      });
    };
    const send = (status: number, payload: unknown, extra: Record<string, string> = {}) => {
      if (status === 200 && path.startsWith('/emails') && this.loseAnswers > 0) {
        // The email was taken (or its key replayed), but the answer never reaches the client.
        this.loseAnswers--;
        this.faultCounts['lost answer']++;
        record(0);
        res.destroy();
        return;
      }
      record(status);
      res.writeHead(status, { 'content-type': 'application/json', ...extra });
      res.end(JSON.stringify(payload));
    };
    const error = (
      status: number,
      name: string,
      message: string,
      extra: Record<string, string> = {},
    ) => {
      send(status, { statusCode: status, name, message }, extra);
    };

    if (req.headers.authorization !== `Bearer ${this.apiKey}`) {
      error(
        req.headers.authorization === undefined ? 401 : 403,
        req.headers.authorization === undefined ? 'missing_api_key' : 'invalid_api_key',
        'API key is invalid',
      );
      return;
    }

    // Rate limit applies to every call, like Resend's per-team limit.
    const rate = this.rateHeaders();
    if (this.windowCount >= this.rateLimit) {
      error(
        429,
        'rate_limit_exceeded',
        'Too many requests. You can only make a limited number of requests per second.',
        { ...rate, 'retry-after': rate['ratelimit-reset'] ?? '1' },
      );
      return;
    }
    this.windowCount++;
    const headers = { ...this.rateHeaders() };

    if (req.method === 'GET' && path === '/domains') {
      const payload = {
        object: 'list',
        has_more: false,
        data: this.domains.map((d) => ({
          ...d,
          created_at: '2026-01-01 00:00:00.000000+00',
          region: 'us-east-1',
        })),
      };
      this.checkResponse(contractValidators().domainList, payload, 'GET /domains');
      send(200, payload, headers);
      return;
    }
    const domainMatch = /^\/domains\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && domainMatch) {
      const fault = this.domainFaults.shift();
      if (fault) {
        const extra =
          fault.retryAfter === undefined
            ? headers
            : { ...headers, 'retry-after': String(fault.retryAfter) };
        error(fault.status, fault.name ?? 'rate_limit_exceeded', 'Injected by the test', extra);
        return;
      }
      const domain = this.domains.find((d) => d.id === domainMatch[1]);
      if (!domain) {
        error(404, 'not_found', 'Domain not found', headers);
        return;
      }
      const payload = {
        object: 'domain',
        ...domain,
        created_at: '2026-01-01 00:00:00.000000+00',
        region: 'us-east-1',
        records: [],
      };
      this.checkResponse(contractValidators().domain, payload, 'GET /domains/{id}');
      send(200, payload, headers);
      return;
    }
    if (req.method !== 'POST' || (path !== '/emails' && path !== '/emails/batch')) {
      error(404, 'not_found', `${req.method ?? ''} ${path} is not served by the fake`);
      return;
    }
    const hold = this.holds.find((h) => h.path === path);
    if (hold && hold.skip-- === 0) {
      this.holds.splice(this.holds.indexOf(hold), 1);
      hold.arrived();
      await hold.released;
    }

    try {
      body = JSON.parse(raw) as unknown;
    } catch {
      error(422, 'validation_error', 'Body is not JSON', headers);
      return;
    }
    const v = contractValidators();
    if (key !== undefined && !v.idempotencyKey(key)) {
      this.specViolations.push(`Idempotency-Key rejected: ${describeErrors(v.idempotencyKey)}`);
      error(400, 'invalid_idempotency_key', 'The key must be between 1-256 chars.', headers);
      return;
    }
    const modeHeader = req.headers['x-batch-validation'];
    const mode = BATCH_VALIDATION_MODES.find((m) => m === modeHeader) ?? 'strict';
    if (modeHeader !== undefined && mode !== modeHeader) {
      this.specViolations.push(`x-batch-validation: ${String(modeHeader)}`);
      error(
        422,
        'validation_error',
        `x-batch-validation must be one of ${BATCH_VALIDATION_MODES.join(', ')}`,
        headers,
      );
      return;
    }
    const checked = this.validateEmails(path, body, mode);
    if ('problem' in checked) {
      this.specViolations.push(`${path}: ${checked.problem}`);
      error(
        422,
        'validation_error',
        `Request does not match the contract: ${checked.problem}`,
        headers,
      );
      return;
    }
    const { emails, rejected } = checked;

    this.posts++;
    const randomFault = this.drawFault();
    if (randomFault !== undefined) this.faultCounts[randomFault]++;
    if (randomFault === '500' || randomFault === '429') {
      error(
        Number(randomFault),
        randomFault === '429' ? 'rate_limit_exceeded' : 'internal_server_error',
        'Injected at random by the test',
        randomFault === '429'
          ? { ...headers, 'retry-after': String(this.randomFaults?.retryAfter ?? 1) }
          : headers,
      );
      return;
    }
    if (randomFault === 'reset') {
      // The connection breaks before anything is processed.
      record(0);
      req.socket.destroy();
      return;
    }

    const payloadHash = createHash('sha256').update(`${path}\n${raw}`).digest('hex');
    if (key !== undefined) {
      const found = this.answers.get(key);
      // Resend remembers a key for 24 hours; after that it is a new request.
      const stored = found && this.now() - found.at < IDEMPOTENCY_KEY_TTL_MS ? found : undefined;
      if (stored) {
        if (stored.payloadHash !== payloadHash) {
          error(
            409,
            IDEMPOTENCY_ERRORS.otherPayload,
            'Same idempotency key used with a different request payload. Change your idempotency key or payload.',
            headers,
          );
        } else {
          send(stored.status, stored.body, headers);
        }
        return;
      }
      if (this.inFlight.has(key)) {
        error(
          409,
          IDEMPOTENCY_ERRORS.inProgress,
          'Same idempotency key used while original request is still in progress. Try the request again later.',
          headers,
        );
        return;
      }
    }

    const fault = this.faults.shift();
    if (fault && !('drop' in fault)) {
      const extra =
        fault.retryAfter === undefined
          ? headers
          : { ...headers, 'retry-after': String(fault.retryAfter) };
      error(
        fault.status,
        fault.name ?? (fault.status === 429 ? 'rate_limit_exceeded' : 'internal_server_error'),
        'Injected by the test',
        extra,
      );
      return;
    }

    if (key !== undefined) this.inFlight.add(key);
    if (randomFault === 'slow') {
      // Processed, but only after the client has stopped waiting; a retry meanwhile gets 409 concurrent.
      await new Promise((resolve) => setTimeout(resolve, this.randomFaults?.slowMs ?? 0));
    }
    if (key !== undefined) this.processedKeys.set(key, (this.processedKeys.get(key) ?? 0) + 1);
    const ids = emails.map((email) => {
      const id = randomUUID();
      this.delivered.push({ id, endpoint: path, idempotencyKey: key, email });
      return id;
    });
    const answer =
      path === '/emails'
        ? { id: ids[0] }
        : mode === 'permissive'
          ? { data: ids.map((id) => ({ id })), errors: rejected }
          : { data: ids.map((id) => ({ id })) };
    this.checkResponse(
      path === '/emails'
        ? v.sendResponse
        : mode === 'permissive'
          ? v.batchPermissiveResponse
          : v.batchResponse,
      answer,
      path,
    );
    if (key !== undefined) {
      this.answers.set(key, {
        endpoint: path,
        payloadHash,
        status: 200,
        body: answer,
        at: this.now(),
      });
      this.inFlight.delete(key);
    }
    if ((fault && 'drop' in fault) || randomFault === 'lost answer') {
      // Processed, but the answer is lost on the way back: the client must retry with the same key.
      record(0);
      res.destroy();
      return;
    }
    send(200, answer, headers);
  }

  /**
   * The emails of a request that the contract accepts. Strict batches are all or
   * nothing; a permissive batch keeps the valid emails and lists the others by index.
   */
  private validateEmails(
    path: string,
    body: unknown,
    mode: BatchValidationMode,
  ):
    | { problem: string }
    | { emails: Record<string, unknown>[]; rejected: { index: number; message: string }[] } {
    const v = contractValidators();
    if (path === '/emails') {
      return v.sendRequest(body)
        ? { emails: [body as Record<string, unknown>], rejected: [] }
        : { problem: describeErrors(v.sendRequest) };
    }
    if (!Array.isArray(body) || body.length < 1 || body.length > MAX_BATCH_EMAILS)
      return { problem: `/ must be an array of 1 to ${MAX_BATCH_EMAILS} emails` };
    const emails: Record<string, unknown>[] = [];
    const rejected: { index: number; message: string }[] = [];
    body.forEach((email: unknown, index) => {
      const message = !v.sendRequest(email)
        ? describeErrors(v.sendRequest)
        : NOT_IN_BATCH.filter((field) => field in (email as object))
            .map((field) => `/${field} is not supported in batch`)
            .join('; ');
      if (message === '') emails.push(email as Record<string, unknown>);
      else rejected.push({ index, message: message.replaceAll(/^\//g, `/${index}/`) });
    });
    if (mode === 'strict' && rejected.length > 0)
      return { problem: rejected.map((r) => `[${r.index}] ${r.message}`).join('; ') };
    return { emails, rejected };
  }

  private drawFault(): RandomFaultKind | undefined {
    const faults = this.randomFaults;
    if (!faults) return undefined;
    // Random, but steered toward the asked share so a short trial still sees it.
    const injected = Object.values(this.faultCounts).reduce((a, b) => a + b, 0);
    const behind = faults.rate * this.posts - injected;
    if (this.random() >= faults.rate + behind * 0.2) return undefined;
    return RANDOM_FAULT_KINDS[Math.floor(this.random() * RANDOM_FAULT_KINDS.length)];
  }

  private checkResponse(validate: ValidateFunction, payload: unknown, what: string): void {
    if (!validate(payload))
      this.specViolations.push(
        `fake answer to ${what} does not match the spec: ${JSON.stringify(validate.errors)}`,
      );
  }
}
