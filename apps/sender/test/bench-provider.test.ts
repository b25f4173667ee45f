// The bench's local Resend server must enforce the ceiling the bench divides by:
// otherwise "emails/s ÷ ceiling" would measure nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRateLimitedResend, type RateLimitedResend } from '../bench/rate-limited-resend.ts';

const KEY = 're_test_bench';
let provider: RateLimitedResend;

beforeAll(async () => {
  provider = await startRateLimitedResend({
    apiKey: KEY,
    domains: ['example.com'],
    requestsPerSecond: 2,
  });
});
afterAll(async () => {
  await provider.close();
});

const email = { from: 'a@example.com', to: ['b@example.org'], subject: 's', html: '<p>x</p>' };
const post = (path: string, body: unknown, key?: string) =>
  fetch(`${provider.url}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${KEY}`,
      'content-type': 'application/json',
      ...(key ? { 'idempotency-key': key } : {}),
    },
    body: JSON.stringify(body),
  });

describe("the bench's rate-limited Resend server", () => {
  it('allows 2 requests per second window, then answers 429 with retry-after', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1100)); // a fresh window
    provider.reset();
    const first = await post('/emails/batch', [email, email]);
    const second = await post('/emails', email);
    const third = await post('/emails', email);
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-limit')).toBe('2');
    expect(first.headers.get('ratelimit-remaining')).toBe('1');
    expect(second.headers.get('ratelimit-remaining')).toBe('0');
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await first.json()) as unknown).toMatchObject({ data: [{}, {}] });
    expect(provider.counts).toEqual({ sendRequests: 3, limited: 1, emails: 3 });
  });

  it('replays an idempotency key without counting its emails twice', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1100));
    provider.reset();
    const once = (await (await post('/emails', email, 'k-1')).json()) as { id: string };
    const again = (await (await post('/emails', email, 'k-1')).json()) as { id: string };
    expect(again.id).toBe(once.id);
    expect(provider.counts).toEqual({ sendRequests: 2, limited: 0, emails: 1 });
  });

  it('refuses a wrong API key', async () => {
    const response = await fetch(`${provider.url}/domains`, {
      headers: { authorization: 'Bearer wrong' },
    });
    expect(response.status).toBe(401);
  });
});
