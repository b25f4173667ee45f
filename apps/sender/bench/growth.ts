/**
 * How cost grows with the work: the batch plan (parse, validate, render +
 * verify, queue in SQLite; nothing sent) at 1,000 / 10,000 / 100,000 rows, the
 * history query the web page runs (the newest 500 sends) over 1,000 / 10,000 /
 * 100,000 stored sends, and the SQLite file per 1,000 sends.
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Store } from '#core/store.js';
import { growth, median, round2, round3, type Metric } from './report.ts';

const PLAN_CHILD = fileURLToPath(new URL('./plan-child.ts', import.meta.url));
/** The 100,000-row plan takes seconds; on a loaded machine far more, never this. */
const PLAN_TIMEOUT_MS = 15 * 60_000;

const HISTORY_LIMIT = 500; // what GET /history shows
const HISTORY_SAMPLES = 30;

/** One size's plan and parse, measured in a fresh process (bench/plan-child.ts). */
function planInChild(root: string, rows: number): { plan: number | string; parse: number | null } {
  const run = spawnSync(process.execPath, [PLAN_CHILD, root, String(rows)], {
    encoding: 'utf8',
    // Only what the plan needs: the shell's RESEND_API_KEY never reaches it (outbox).
    env: { PATH: process.env.PATH ?? '' },
    timeout: PLAN_TIMEOUT_MS,
  });
  if (run.status !== 0)
    throw new Error(
      `the ${rows}-row plan exited ${String(run.status ?? run.signal)}: ${run.stderr.slice(-2000)}`,
    );
  return JSON.parse(run.stdout) as { plan: number | string; parse: number | null };
}

export function benchPlanGrowth(root: string, sizes: readonly number[]): Metric[] {
  const metrics: Metric[] = [];
  const times: (number | null)[] = [];
  const parses: (number | null)[] = [];
  for (const rows of sizes) {
    // Each size in a process of its own, as a `csp-sender batch` call is: in the bench's own
    // process the sections before it left a larger heap, whose garbage collection the
    // 100,000-row plan paid for (10.96× in one full run, 9.3–9.7× alone).
    const { plan: result, parse } = planInChild(root, rows);
    const ms = typeof result === 'number' ? result : null;
    times.push(ms);
    parses.push(parse);
    metrics.push({
      name: `batch plan, ${rows.toLocaleString('en')} rows (parse, validate, verify, queue)`,
      value: ms === null ? null : round2(ms),
      unit: 'ms',
      ...(ms === null
        ? {
            ok: false,
            goal: 'planned',
            note: `refused by the planner: ${String(result)}`,
          }
        : {}),
    });
  }
  for (let i = 1; i < sizes.length; i++) {
    const metric = growth(
      `batch plan growth ${sizes[i - 1]?.toLocaleString('en')} → ${sizes[i]?.toLocaleString('en')} rows`,
      times[i - 1] ?? null,
      times[i] ?? null,
    );
    const small = parses[i - 1] ?? null;
    const large = parses[i] ?? null;
    const parsePart =
      small !== null && large !== null
        ? `parse + validate alone ${round2(small)} → ${round2(large)} ms (${round2(large / small)}×); the rest is the render + verify (once per country), a second streamed read of the file and queueing every row in SQLite (1,000 rows per transaction, one INSERT and one re-read per row, indexes growing as n log n)`
        : 'the planner refuses the larger file (see its row)';
    metrics.push({
      ...metric,
      note: `${metric.ok === true ? '' : 'Missed. '}${parsePart}`,
    });
  }
  return metrics;
}

async function fillStore(dir: string, sends: number): Promise<void> {
  const store = new Store(dir);
  try {
    await store.transaction(async () => {
      for (let i = 1; i <= sends; i++) {
        await store.sends.insertSend({
          requestKey: `bench-${i}`,
          idempotencyKey: `csp-bench-${i}`,
          templateId: 'reseller-invitation',
          country: 'US',
          to: [`buyer${i}@customer${i}.example`],
          cc: i % 5 === 0 ? [`it${i}@customer${i}.example`] : [],
          subject: 'Enable Ingram Micro as your CSP partner',
          fingerprint: 'f'.repeat(64),
          templateVersion: '0.1.0',
          transport: 'outbox',
          endpoint: null,
          createdBy: 'bench',
        });
      }
    });
  } finally {
    await store.close(); // checkpoints the WAL into the file, so its size is the whole store
  }
}

export async function benchHistoryGrowth(
  root: string,
  sizes: readonly number[],
): Promise<Metric[]> {
  const metrics: Metric[] = [];
  const times: number[] = [];
  const perThousand: number[] = [];
  for (const sends of sizes) {
    const dir = join(root, `history-${sends}`);
    await fillStore(dir, sends);
    perThousand.push(statSync(join(dir, 'sender.sqlite')).size / (sends / 1000));
    const store = new Store(dir);
    try {
      const samples: number[] = [];
      for (let i = 0; i < HISTORY_SAMPLES; i++) {
        const start = performance.now();
        const rows = await store.sends.history(HISTORY_LIMIT);
        samples.push(performance.now() - start);
        if (rows.length !== Math.min(HISTORY_LIMIT, sends))
          throw new Error(`history returned ${rows.length} rows`);
      }
      times.push(median(samples));
    } finally {
      await store.close();
    }
  }
  sizes.forEach((sends, i) => {
    metrics.push({
      name: `history query (newest ${HISTORY_LIMIT}), ${sends.toLocaleString('en')} sends stored`,
      value: round3(times[i] ?? 0),
      unit: 'ms',
      note: `median of ${HISTORY_SAMPLES}`,
    });
  });
  for (let i = 1; i < sizes.length; i++)
    metrics.push(
      growth(
        `history query growth ${sizes[i - 1]?.toLocaleString('en')} → ${sizes[i]?.toLocaleString('en')} sends`,
        times[i - 1] ?? null,
        times[i] ?? null,
      ),
    );
  sizes.forEach((sends, i) => {
    metrics.push({
      name: `SQLite file per 1,000 sends, ${sends.toLocaleString('en')} stored`,
      value: round2((perThousand[i] ?? 0) / 1024),
      unit: 'KB',
    });
  });
  for (let i = 1; i < sizes.length; i++) {
    const small = (perThousand[i - 1] ?? 0) * ((sizes[i - 1] ?? 0) / 1000);
    const large = (perThousand[i] ?? 0) * ((sizes[i] ?? 0) / 1000);
    metrics.push(
      growth(
        `SQLite file growth ${sizes[i - 1]?.toLocaleString('en')} → ${sizes[i]?.toLocaleString('en')} sends`,
        small,
        large,
      ),
    );
  }
  return metrics;
}
