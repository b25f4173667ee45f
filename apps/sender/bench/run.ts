/**
 * `pnpm bench` for the sender: ratios against the provider's ceiling and the
 * obvious alternatives, and how cost grows with the work. Real code paths
 * (HTTP server, SQLite, the Resend SDK against a local rate-limited server, the
 * CLI), all on 127.0.0.1, in a temporary directory deleted at the end whatever
 * happens. The shell's environment is never read: nothing goes to Resend.
 *
 * BENCH_QUICK=1 runs small sizes (for developing the bench itself).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchCliStart } from './cli-start.ts';
import { benchHistoryGrowth, benchPlanGrowth } from './growth.ts';
import { benchBatchMemory } from './memory.ts';
import { benchPreviewLoad } from './preview-load.ts';
import { benchPreviewPair } from './preview-pair.ts';
import { benchSendRenderCost } from './render-cost.ts';
import type { Metric } from './report.ts';
import { writeReport } from './report.ts';
import { benchSending } from './sending.ts';

const quick = process.env.BENCH_QUICK === '1';
const sizes = quick
  ? { sending: [200, 1000], load: 2, grow: [100, 1000, 10_000], memory: [100, 1000, 10_000] }
  : {
      sending: [1000, 10_000],
      load: 10,
      grow: [1000, 10_000, 100_000],
      memory: [1000, 10_000, 100_000],
    };

const root = mkdtempSync(join(tmpdir(), 'csp-sender-bench-'));
const removeRoot = (): void => {
  rmSync(root, { recursive: true, force: true });
};
process.once('exit', removeRoot);
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
] as const) {
  process.once(signal, () => {
    removeRoot();
    process.exit(code);
  });
}

const sections: [string, () => Promise<Metric[]> | Metric[]][] = [
  ['sending vs the ceiling', () => benchSending(root, sizes.sending)],
  ['preview under load', () => benchPreviewLoad(root, sizes.load, 50)],
  ['preview under load, two processes', () => benchPreviewPair(root, sizes.load, 50)],
  ['send path render cost', () => benchSendRenderCost(root, 1000)],
  ['batch plan growth', () => benchPlanGrowth(root, sizes.grow)],
  ['history growth', () => benchHistoryGrowth(root, sizes.grow)],
  ['batch memory', () => benchBatchMemory(root, sizes.memory)],
  ['CLI start-up', () => benchCliStart(root)],
];

try {
  const metrics: Metric[] = [];
  // BENCH_ONLY=<words in a title> runs one section (for working on the bench itself).
  const only = process.env.BENCH_ONLY;
  for (const [title, section] of sections) {
    if (only !== undefined && !title.includes(only)) continue;
    console.log(`sender bench: ${title}`);
    metrics.push(...(await section()));
  }
  writeReport('sender', metrics);
  console.table(
    metrics.map((m) => ({
      name: m.name,
      value: m.value,
      unit: m.unit,
      ratio: m.ratio ?? '',
      goal: m.goal ?? '',
      ok: m.ok ?? '',
    })),
  );
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
} finally {
  removeRoot();
}
