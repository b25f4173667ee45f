// `pnpm bench`: runs every workspace's `bench` script (one at a time, so the
// numbers are not skewed by each other on a 2-core machine), then prints one
// table of every metric against its goal and writes bench/results/summary.json.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const resultsDir = new URL('../bench/results/', import.meta.url).pathname;
for (const file of readdirSync(resultsDir).filter((f) => f.endsWith('.json')))
  rmSync(join(resultsDir, file));

const turbo = spawnSync('turbo', ['run', 'bench', '--concurrency=1', '--output-logs=new-only'], {
  stdio: 'inherit',
});

const reports = readdirSync(resultsDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(resultsDir, f), 'utf8')));
const rows = reports.flatMap((report) =>
  report.metrics.map((m) => ({
    workspace: report.name,
    metric: m.name,
    value: m.value,
    unit: m.unit,
    goal: m.goal ?? '',
    ok: m.ok === undefined ? '' : m.ok ? 'yes' : 'NO',
  })),
);
console.log('\nBenchmark');
console.table(rows);
const missed = rows.filter((r) => r.ok === 'NO');
writeFileSync(
  join(resultsDir, 'summary.json'),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, rows }, null, 2)}\n`,
);
console.log(`${rows.length} metrics, ${missed.length} below goal; JSON in bench/results/`);
process.exit(turbo.status === 0 ? 0 : 1);
