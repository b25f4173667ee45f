/** The start-up domain check waits out a 429 as `retry-after` says, like every other call. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openRuntime, type Runtime } from '../src/runtime.js';
import { TransportCheckError } from '../src/transports/types.js';
import { FakeResend } from './fake-resend.js';
import { tempDir, testConfig } from './helpers.js';

let fake: FakeResend | undefined;
let tmp: ReturnType<typeof tempDir>;
const runtimes: Runtime[] = [];

beforeEach(() => {
  tmp = tempDir();
});
afterEach(async () => {
  for (const rt of runtimes.splice(0)) await rt.close();
  await fake?.stop();
  tmp.cleanup();
});

async function start(
  rateLimit: number,
  env: Record<string, string> = {},
  setUp: (fake: FakeResend) => void = () => undefined,
): Promise<FakeResend> {
  fake = new FakeResend({ rateLimit, rateWindowMs: 1000 });
  setUp(fake);
  await fake.start();
  const rt = await openRuntime(
    testConfig(tmp.dir, { RESEND_API_KEY: fake.apiKey, RESEND_BASE_URL: fake.url, ...env }),
    () => undefined,
  );
  runtimes.push(rt);
  return fake;
}

it('a 429 with retry-after during the domain check: waits, asks again, starts', async () => {
  // GET /domains passes, the first GET /domains/{id} gets 429 + retry-after: 1. Injected,
  // not drawn from the fake's per-second window: on a slow machine the two calls could fall
  // in different windows, and no 429 came (seen under load).
  const started = Date.now();
  await expect(
    start(1000, {}, (f) => {
      f.injectOnDomainCheck({ status: 429, retryAfter: 1 });
    }),
  ).resolves.toBeDefined();
  const calls = fake?.requests ?? [];
  expect(
    calls.map(
      (r) => `${r.method} ${r.path.replace(/^\/domains\/.+$/, '/domains/{id}')} ${r.status}`,
    ),
  ).toEqual(['GET /domains 200', 'GET /domains/{id} 429', 'GET /domains/{id} 200']);
  // It waited as retry-after said (about a second) rather than retrying at once.
  expect((calls[2]?.at ?? 0) - (calls[1]?.at ?? 0)).toBeGreaterThanOrEqual(900);
  expect(Date.now() - started).toBeGreaterThanOrEqual(900);
});

it('a 429 that does not go away: a clear refusal after SENDER_MAX_ATTEMPTS tries', async () => {
  const refusal = start(0, { SENDER_MAX_ATTEMPTS: '3' });
  await expect(refusal).rejects.toBeInstanceOf(TransportCheckError);
  await expect(refusal).rejects.toThrow(
    /cannot list domains: Resend: HTTP 429 rate_limit_exceeded: .* \(gave up after 3 tries\)/,
  );
  expect(fake?.requests.map((r) => r.status)).toEqual([429, 429, 429]);
});
