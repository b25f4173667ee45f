/**
 * The preview under the same load, served by two processes instead of one: two `serve` code
 * paths on one PostgreSQL database (Debian's, started here on 127.0.0.1; the supported way to
 * run more than one sender process, since a SQLite folder has one server), each on its own
 * port and each taking half the connections, as a load balancer would spread them. Against
 * the static file served the same way by the same two processes. A request's latency is
 * reported as the worse of the two halves' percentiles (a bound, not a merge of histograms).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startPostgres } from '@csp-enablement/testkit/postgres';
import type autocannon from 'autocannon';
import {
  load,
  loadErrors,
  WARMUP_SECONDS,
  next,
  previewRequests,
  startPreviewServer,
  stopPreviewServer,
  tell,
} from './preview-load.ts';
import { round2, round3, type Metric } from './report.ts';

/** Both halves at once: summed throughput, the worse percentile. */
async function both(
  runs: autocannon.Options[],
): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  const results = await Promise.all(runs.map((r) => load(r)));
  return {
    rps: results.reduce((n, r) => n + r.requests.average, 0),
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    errors: results.reduce((n, r) => n + loadErrors(r), 0),
  };
}

export async function benchPreviewPair(
  root: string,
  seconds: number,
  connections: number,
): Promise<Metric[]> {
  const pg = await startPostgres();
  const children = [0, 1].map((i) => {
    const dataDir = join(root, `preview-pair-${i}`);
    mkdirSync(dataDir, { recursive: true });
    return startPreviewServer(dataDir, { BENCH_DATABASE_URL: pg.url });
  });
  try {
    const ready = await Promise.all(children.map((c) => next(c, 'ready')));
    const prepared = await Promise.all(ready.map((r) => previewRequests(r.url)));
    const html = prepared[0]?.html ?? '';
    for (const c of children) tell(c, { kind: 'static-file', html });
    await Promise.all(children.map((c) => next(c, 'static-ready')));
    const half = Math.ceil(connections / 2);
    const staticRun = await both(
      ready.map((r) => ({ url: r.staticUrl, connections: half, duration: seconds })),
    );
    const previewRun = await both(
      ready.map((r, i) => ({
        url: `${r.url}/preview`,
        connections: half,
        duration: seconds,
        requests: prepared[i]?.requests ?? [],
      })),
    );
    const ratio = previewRun.rps / staticRun.rps;
    return [
      {
        name: `two processes (PostgreSQL): static file, ${connections} connections ${seconds} s after ${WARMUP_SECONDS} s warm-up`,
        value: round2(staticRun.rps),
        unit: 'req/s',
        note: `p50 ${staticRun.p50} ms, p99 ${staticRun.p99} ms, ${staticRun.errors} errors`,
      },
      {
        name: `two processes (PostgreSQL): preview rps ÷ static rps, ${connections} connections ${seconds} s after ${WARMUP_SECONDS} s warm-up`,
        value: round2(previewRun.rps),
        unit: 'req/s',
        ratio: round3(ratio),
        note: `p50 ${previewRun.p50} ms, ${previewRun.errors} errors`,
      },
      {
        name: 'two processes (PostgreSQL): preview p99 under load',
        value: previewRun.p99,
        unit: 'ms',
        ratio: round3(previewRun.p99 / staticRun.p99),
        note: `ratio: ÷ the static file's p99 from the same two processes (${staticRun.p99} ms). Shown beside the one-process row (issue 21: "if p99 ≤ 20 ms needs a second process, show both"); the goal stays on the one-process row`,
      },
    ];
  } finally {
    await Promise.all(children.map((c) => stopPreviewServer(c)));
    await pg.stop();
  }
}
