/**
 * Sending against the provider's ceiling: Resend's rate limit × 100 emails per
 * batch call. A local Resend-compatible server allows 2 requests/s, so the
 * ceiling is 200 emails/s; 1,000 and then 10,000 recipients go through the
 * batch planner and the Sender (the Resend SDK transport, as in production).
 * One by one, the same path sends one request per recipient: a sample is sent
 * and scaled to the same recipient counts (10,000 at 2 requests/s would take
 * 83 minutes).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { runBatch } from '#core/batches/run.js';
import { countries } from '#core/catalog.js';
import { loadConfig } from '#core/config.js';
import { openRuntime } from '#core/runtime.js';
import { batchCsv } from './csv.ts';
import { startRateLimitedResend } from './rate-limited-resend.ts';
import { round2, round3, type Metric } from './report.ts';

/** Step 1's From (SENDER_STEP1_FROM), on the local provider's verified domain. */
const STEP1_FROM = 'cloud.sales@ingrammicro.com';

const REQUESTS_PER_SECOND = 2;
const PER_BATCH_CALL = 100;
const CEILING = REQUESTS_PER_SECOND * PER_BATCH_CALL;
const ONE_BY_ONE_SAMPLE = 20;
const API_KEY = 're_bench_local_only';

export async function benchSending(root: string, sizes: readonly number[]): Promise<Metric[]> {
  const provider = await startRateLimitedResend({
    apiKey: API_KEY,
    domains: [...new Set(countries.map((c) => c.senderAddress.value.split('@')[1] ?? ''))],
    requestsPerSecond: REQUESTS_PER_SECOND,
  });
  const metrics: Metric[] = [];
  try {
    // Placeholder invitation links are allowed only because the server is on loopback.
    const config = loadConfig(
      {
        SENDER_DATA_DIR: join(root, 'sending'),
        RESEND_API_KEY: API_KEY,
        RESEND_BASE_URL: provider.url,
        SENDER_STEP1_FROM: STEP1_FROM,
        SENDER_ALLOW_PLACEHOLDERS: '1',
      },
      root,
    );
    const runtime = await openRuntime(config, () => undefined);
    try {
      const results: { n: number; seconds: number; requests: number }[] = [];
      for (const n of sizes) {
        const file = join(root, `sending-${n}.csv`);
        const content = batchCsv(n);
        writeFileSync(file, content);
        await sleep(1100); // start on a fresh rate-limit window, as a real run would
        provider.reset();
        const start = performance.now();
        const summary = await runBatch(runtime.sender, {
          file,
          content,
          template: 'reseller-invitation',
          country: 'US',
          createdBy: 'bench',
        });
        const seconds = (performance.now() - start) / 1000;
        if (summary.sentNowCount !== n || provider.counts.emails !== n)
          throw new Error(
            `batch of ${n}: ${summary.sentNowCount} sent, provider took ${provider.counts.emails}, ${summary.failed.length} failed`,
          );
        results.push({ n, seconds, requests: provider.counts.sendRequests });
        const rate = n / seconds;
        const atGoal = n >= 10_000;
        metrics.push({
          name: `send ${n.toLocaleString('en')} via batch: emails/s ÷ ceiling ${CEILING}/s (${REQUESTS_PER_SECOND} req/s × ${PER_BATCH_CALL})`,
          value: round2(rate),
          unit: 'emails/s',
          ratio: round3(rate / CEILING),
          ...(atGoal ? { goal: '>= 0.9', ok: rate / CEILING >= 0.9 } : {}),
          note: `${round2(seconds)} s wall time including the plan, ${provider.counts.sendRequests} requests (${provider.counts.limited} answered 429); the limit is per one-second window, so a run that fits in k windows ends after k − 1 s plus its last calls and a short run can exceed 1.0`,
        });
        metrics.push({
          name: `send ${n.toLocaleString('en')} via batch: requests per 1,000 recipients`,
          value: round2((provider.counts.sendRequests / n) * 1000),
          unit: 'requests',
          goal: '<= 10',
          ok: (provider.counts.sendRequests / n) * 1000 <= 10,
        });
      }

      // One by one: the same Sender, one POST /emails per recipient.
      await sleep(1100);
      provider.reset();
      const start = performance.now();
      for (let i = 1; i <= ONE_BY_ONE_SAMPLE; i++) {
        const row = await runtime.sender.send(
          {
            template: 'reseller-invitation',
            country: 'US',
            to: [`single${i}@customer${i}.example`],
            cc: [],
          },
          { createdBy: 'bench' },
        );
        if (row.state !== 'sent') throw new Error(`one-by-one send ${i} ended ${row.state}`);
      }
      const secondsPerEmail = (performance.now() - start) / 1000 / ONE_BY_ONE_SAMPLE;
      const requestsPerEmail = provider.counts.sendRequests / ONE_BY_ONE_SAMPLE;
      metrics.push({
        name: `one by one (${ONE_BY_ONE_SAMPLE}-recipient sample): emails/s ÷ its ceiling ${REQUESTS_PER_SECOND}/s`,
        value: round2(1 / secondsPerEmail),
        unit: 'emails/s',
        ratio: round3(1 / secondsPerEmail / REQUESTS_PER_SECOND),
        note: `${round2(requestsPerEmail)} requests per email (${provider.counts.limited} answered 429)`,
      });
      for (const { n, seconds, requests } of results) {
        const singleRequests = n * requestsPerEmail;
        const singleSeconds = n * secondsPerEmail;
        metrics.push({
          name: `${n.toLocaleString('en')} recipients: batch ÷ one by one, requests`,
          value: requests,
          unit: 'requests',
          ratio: round3(requests / singleRequests),
          goal: '<= 0.02 (50× fewer)',
          ok: requests / singleRequests <= 0.02,
          note: `one by one: ${Math.round(singleRequests)} requests (measured per email on the sample, × ${n})`,
        });
        metrics.push({
          name: `${n.toLocaleString('en')} recipients: batch ÷ one by one, wall time`,
          value: round2(seconds),
          unit: 's',
          ratio: round3(seconds / singleSeconds),
          note: `one by one: ${Math.round(singleSeconds)} s (measured per email on the sample, × ${n})`,
        });
      }
    } finally {
      await runtime.close();
    }
  } finally {
    await provider.close();
  }
  return metrics;
}
