import { describe, expect, it } from 'vitest';
import { backoffDelay, RateGate } from '../src/retry.js';
import { classify, rateInfo, retryAfterMs } from '../src/transports/resend.js';

describe('backoff', () => {
  const policy = { baseMs: 100, maxMs: 5000 };
  it('grows exponentially, with jitter in the upper half, capped', () => {
    expect(backoffDelay(1, policy, undefined, () => 0)).toBe(50);
    expect(backoffDelay(1, policy, undefined, () => 1)).toBe(100);
    expect(backoffDelay(4, policy, undefined, () => 0.5)).toBe(600);
    expect(backoffDelay(20, policy, undefined, () => 1)).toBe(5000);
  });
  it('never retries sooner than retry-after', () => {
    expect(backoffDelay(1, policy, 3000, () => 1)).toBe(3000);
  });
});

describe('Resend answers', () => {
  it('reads ratelimit-* and retry-after headers', () => {
    expect(
      rateInfo({ 'ratelimit-limit': '2', 'ratelimit-remaining': '0', 'ratelimit-reset': '1' }),
    ).toEqual({ limit: 2, remaining: 0, resetMs: 1000 });
    expect(rateInfo({})).toBeUndefined();
    expect(retryAfterMs({ 'retry-after': '2' })).toBe(2000);
    expect(retryAfterMs({ 'retry-after': new Date(10_000).toUTCString() }, 7_000)).toBe(3000);
  });
  it('retries 429, 5xx and network errors; not a 4xx that will not change', () => {
    expect(
      classify(
        { statusCode: 429, name: 'rate_limit_exceeded', message: '' },
        { 'retry-after': '1' },
      ).retryable,
    ).toBe(true);
    expect(
      classify({ statusCode: 429, name: 'daily_quota_exceeded', message: '' }, null).retryable,
    ).toBe(false);
    expect(
      classify({ statusCode: 503, name: 'internal_server_error', message: '' }, null).retryable,
    ).toBe(true);
    expect(
      classify(
        { statusCode: null, name: 'application_error', message: 'Unable to fetch data' },
        null,
      ).retryable,
    ).toBe(true);
    expect(
      classify({ statusCode: 422, name: 'validation_error', message: '' }, null).retryable,
    ).toBe(false);
    expect(
      classify({ statusCode: 409, name: 'invalid_idempotent_request', message: '' }, null)
        .retryable,
    ).toBe(false);
    expect(
      classify({ statusCode: 409, name: 'concurrent_idempotent_requests', message: '' }, null)
        .retryable,
    ).toBe(true);
    expect(
      classify({ statusCode: 403, name: 'invalid_api_key', message: '' }, null).retryable,
    ).toBe(false);
  });
});

describe('RateGate', () => {
  it('waits for the window reset when nothing remains', async () => {
    let now = 1000;
    const waits: number[] = [];
    const gate = new RateGate(
      (ms) => {
        waits.push(ms);
        now += ms;
        return Promise.resolve();
      },
      () => now,
    );
    expect(await gate.wait()).toBe(0);
    gate.update({ remaining: 1, resetMs: 1000 });
    expect(await gate.wait()).toBe(0);
    gate.update({ remaining: 0, resetMs: 800 });
    expect(await gate.wait()).toBe(800);
    expect(waits).toEqual([800]);
  });
});
