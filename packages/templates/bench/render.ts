/**
 * `pnpm bench` for the templates: rendering the whole matrix (every template ×
 * country) cold and warm against reading the pre-rendered artifacts the build
 * writes to dist/emails/, as ratios; and how big the emails are (Gmail clips
 * HTML at about 102 KB; our goal is 20 KB).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { writeBenchReport, type Metric } from '@csp-enablement/testkit/bench';
import { allPairs, renderEmail } from '#templates';

const ROUNDS = 5;
const COLD_RUNS = 3;
const round2 = (n: number): number => Math.round(n * 100) / 100;
const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const pairs = allPairs();
const artifacts = new URL('../dist/emails/', import.meta.url);

/** Everything a consumer needs for one email, from the build's artifacts: HTML, text, metadata. */
function readArtifacts(): number {
  let bytes = 0;
  for (const { templateId, country } of pairs) {
    const dir = new URL(`${templateId}/`, artifacts);
    const html = readFileSync(new URL(`${country}.html`, dir), 'utf8');
    const text = readFileSync(new URL(`${country}.txt`, dir), 'utf8');
    const meta = JSON.parse(readFileSync(new URL(`${country}.json`, dir), 'utf8')) as object;
    bytes += html.length + text.length + Object.keys(meta).length;
  }
  return bytes;
}

async function renderAll(): Promise<{ html: number; text: number }> {
  let html = 0;
  let text = 0;
  for (const { templateId, country } of pairs) {
    const email = await renderEmail(templateId, country);
    html = Math.max(html, Buffer.byteLength(email.html));
    text = Math.max(text, Buffer.byteLength(email.text));
  }
  return { html, text };
}

async function timed(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

// Cold: a fresh process each time (module loading + first render), median of three.
const cold = Array.from({ length: COLD_RUNS }, () => {
  const out = execFileSync(
    process.execPath,
    [new URL('./cold-render.ts', import.meta.url).pathname],
    { encoding: 'utf8', timeout: 120_000 },
  );
  return JSON.parse(out) as { importMs: number; renderMs: number };
});
const coldMs = median(cold.map((c) => c.importMs + c.renderMs));
const coldRenderMs = median(cold.map((c) => c.renderMs));

// Warm: after one pass, the median of five whole-matrix passes.
const sizes = await renderAll();
const warm: number[] = [];
for (let i = 0; i < ROUNDS; i++) warm.push(await timed(renderAll));
const warmMs = median(warm);

// The artifacts: first read (cold page cache is not forced: the build just wrote them), then warm.
const firstReadMs = await timed(readArtifacts);
const reads: number[] = [];
for (let i = 0; i < ROUNDS; i++) reads.push(await timed(readArtifacts));
const readMs = median(reads);

const matrix = `${pairs.length} emails`;
const metrics: Metric[] = [
  {
    name: `read the pre-rendered artifacts, whole matrix (${matrix}: .html + .txt + .json)`,
    value: round2(readMs),
    unit: 'ms',
    note: `first read ${round2(firstReadMs)} ms`,
  },
  {
    name: `render the whole matrix warm ÷ read the artifacts`,
    value: round2(warmMs),
    unit: 'ms',
    ratio: round2(warmMs / readMs),
    note: `${round2(warmMs / pairs.length)} ms per email, median of ${ROUNDS} passes`,
  },
  {
    name: `render the whole matrix cold (fresh process: load + first pass) ÷ read the artifacts`,
    value: round2(coldMs),
    unit: 'ms',
    ratio: round2(coldMs / readMs),
    note: `of which the first pass ${round2(coldRenderMs)} ms after loading; median of ${COLD_RUNS} processes`,
  },
  {
    name: 'largest HTML ÷ 20 KB budget (Gmail clips at ~102 KB)',
    value: round2(sizes.html / 1024),
    unit: 'KB',
    ratio: round2(sizes.html / (20 * 1024)),
    goal: '< 1',
    ok: sizes.html < 20 * 1024,
  },
  { name: 'largest text part', value: round2(sizes.text / 1024), unit: 'KB' },
];

writeBenchReport('templates', metrics);
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
