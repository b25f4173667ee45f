/**
 * `pnpm bench` for the templates: how long rendering takes and how big the
 * emails are (Gmail clips HTML at about 102 KB; our goal is 20 KB).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { allPairs } from '../lock.js';
import { packageFile } from '../package-info.js';
import { renderEmail } from '../render.js';

const pairs = allPairs();
// One warm-up pass: the first render pays for module initialisation.
for (const { templateId, country } of pairs) await renderEmail(templateId, country);

const rounds = 5;
const timings: number[] = [];
let largestHtml = 0;
let largestText = 0;
for (let round = 0; round < rounds; round++) {
  for (const { templateId, country } of pairs) {
    const start = performance.now();
    const email = await renderEmail(templateId, country);
    timings.push(performance.now() - start);
    largestHtml = Math.max(largestHtml, Buffer.byteLength(email.html));
    largestText = Math.max(largestText, Buffer.byteLength(email.text));
  }
}
timings.sort((a, b) => a - b);
const pct = (p: number) =>
  timings[Math.min(timings.length - 1, Math.floor(p * timings.length))] ?? 0;
const round2 = (n: number) => Math.round(n * 100) / 100;

const report = {
  name: 'templates',
  metrics: [
    {
      name: `emails rendered (${pairs.length} template × country)`,
      value: pairs.length,
      unit: 'emails',
    },
    { name: 'render time p50', value: round2(pct(0.5)), unit: 'ms' },
    {
      name: 'render time p95',
      value: round2(pct(0.95)),
      unit: 'ms',
      goal: '<= 50',
      ok: pct(0.95) <= 50,
    },
    {
      name: 'largest HTML',
      value: round2(largestHtml / 1024),
      unit: 'KB',
      goal: '< 20',
      ok: largestHtml < 20 * 1024,
    },
    { name: 'largest text part', value: round2(largestText / 1024), unit: 'KB' },
  ],
};
const out = packageFile('../../bench/results/');
mkdirSync(out, { recursive: true });
writeFileSync(new URL('templates.json', out), `${JSON.stringify(report, null, 2)}\n`);
console.table(report.metrics);
