// `pnpm bench [--check] [--quick]`: the performance report as ratios.
//
// 1. Build: a cold `turbo run build` (an empty turbo cache in a temporary
//    directory, so the developer's own cache is neither used nor touched)
//    against the fully cached re-run from that same cache.
// 2. Every workspace's `bench` script through turbo, one at a time (so the
//    figures do not skew each other on a 2-core machine), its build tasks
//    replayed from that same temporary cache.
// 3. One table: each row's value, ratio, goal and pass/fail; notes under it;
//    bench/results/summary.json.
//
// --check exits non-zero when a goal is missed (a failed bench always does).
// --quick runs the workspaces' small sizes and skips the build measurement
// (for working on the benches themselves; its figures are not the report).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const args = new Set(process.argv.slice(2));
for (const arg of args) {
  if (arg !== '--check' && arg !== '--quick') {
    console.error(`pnpm bench: unknown option ${arg} (known: --check, --quick)`);
    process.exit(2);
  }
}
const check = args.has('--check');
const quick = args.has('--quick');

const resultsDir = new URL('../bench/results/', import.meta.url).pathname;
mkdirSync(resultsDir, { recursive: true });
for (const file of readdirSync(resultsDir).filter((f) => f.endsWith('.json')))
  rmSync(join(resultsDir, file));

const round2 = (n) => Math.round(n * 100) / 100;
const cacheDir = mkdtempSync(join(tmpdir(), 'csp-bench-turbo-cache-'));
const turbo = (taskArgs, options = {}) =>
  spawnSync('turbo', [...taskArgs, `--cache-dir=${cacheDir}`], {
    encoding: 'utf8',
    env: { ...process.env, ...(quick ? { BENCH_QUICK: '1' } : {}) },
    ...options,
  });

/** Runs `turbo run build` and returns its wall time and whether turbo replayed every task. */
function timedBuild() {
  const start = performance.now();
  const run = turbo(['run', 'build', '--output-logs=errors-only'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - start) / 1000;
  if (run.status !== 0) {
    process.stdout.write(run.stdout);
    throw new Error(`turbo run build failed (exit ${String(run.status)})`);
  }
  const cached = /Cached:\s+(\d+) cached, (\d+) total/.exec(run.stdout);
  return { seconds, cached: cached ? `${cached[1]}/${cached[2]}` : '?' };
}

let benchStatus;
try {
  if (!quick) {
    console.log('bench: cold turbo run build (empty temporary cache)…');
    const cold = timedBuild();
    console.log('bench: fully cached turbo run build…');
    const warm = timedBuild();
    const ratio = warm.seconds / cold.seconds;
    const report = {
      name: 'build',
      metrics: [
        {
          name: 'cold turbo run build (empty cache)',
          value: round2(cold.seconds),
          unit: 's',
          note: `${cold.cached} tasks from cache`,
        },
        {
          name: 'fully cached re-run ÷ cold build',
          value: round2(warm.seconds),
          unit: 's',
          ratio: round2(ratio),
          note: `${warm.cached} tasks from cache; cold ÷ cached = ${round2(1 / ratio)}×`,
        },
      ],
    };
    writeFileSync(join(resultsDir, 'build.json'), `${JSON.stringify(report, null, 2)}\n`);
  }
  const benches = turbo(['run', 'bench', '--concurrency=1', '--output-logs=new-only'], {
    stdio: 'inherit',
  });
  benchStatus = benches.status ?? 1;
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  benchStatus = 1;
} finally {
  rmSync(cacheDir, { recursive: true, force: true });
}

const order = ['build', 'sender', 'templates', 'docs'];
const reports = readdirSync(resultsDir)
  .filter((f) => f.endsWith('.json') && f !== 'summary.json')
  .map((f) => JSON.parse(readFileSync(join(resultsDir, f), 'utf8')))
  .sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
const rows = reports.flatMap((report) =>
  report.metrics.map((m) => ({
    workspace: report.name,
    metric: m.name,
    value: m.value ?? '—',
    unit: m.unit,
    ratio: m.ratio ?? '',
    goal: m.goal ?? '',
    pass: m.ok === undefined ? '' : m.ok ? 'pass' : 'FAIL',
    note: m.note ?? '',
  })),
);
const machine = `${cpus().length} cores, load average ${loadavg()
  .map((l) => l.toFixed(2))
  .join(' ')}, Node ${process.version}${quick ? ', --quick sizes' : ''}`;
console.log(`\nBenchmark (${machine})`);
console.table(
  rows.map((r) => ({
    workspace: r.workspace,
    metric: r.metric,
    value: r.value,
    unit: r.unit,
    ratio: r.ratio,
    goal: r.goal,
    pass: r.pass,
  })),
);
const noted = rows.map((row, i) => ({ ...row, i })).filter((row) => row.note !== '');
if (noted.length > 0) {
  console.log('Notes:');
  for (const row of noted) console.log(`  [${row.i}] ${row.note}`);
}
const missed = rows.filter((r) => r.pass === 'FAIL');
writeFileSync(
  join(resultsDir, 'summary.json'),
  `${JSON.stringify({ date: new Date().toISOString(), machine, rows }, null, 2)}\n`,
);
console.log(
  `${rows.length} rows, ${rows.filter((r) => r.goal !== '').length} with a goal, ${missed.length} missed${
    missed.length > 0 ? `: ${missed.map((r) => `${r.workspace} "${r.metric}"`).join('; ')}` : ''
  }. JSON in bench/results/`,
);
if (benchStatus !== 0) console.error('A bench failed: see its output above.');
process.exit(benchStatus !== 0 || (check && missed.length > 0) ? 1 : 0);
