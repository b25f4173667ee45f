// `pnpm test`: lint, typecheck, unit and integration tests, build, browser tests,
// then one closing line `N passed, N failed` summed over every Vitest run.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { availableParallelism } from 'node:os';
import { requireBrowser } from '../packages/testkit/src/browser.ts';
import { runScheduled } from '../packages/testkit/src/schedule.ts';
import { formatTimeline } from '../packages/testkit/src/timeline.ts';
import { formatCpuUse, measureCpu } from '../packages/testkit/src/cpu.ts';
import { ensureSystemDeps } from './system-deps.mjs';

const root = new URL('..', import.meta.url).pathname;
const workspaces = ['apps', 'packages']
  .filter((dir) => existsSync(join(root, dir)))
  .flatMap((dir) =>
    readdirSync(join(root, dir), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => join(root, dir, d.name)),
  );

ensureSystemDeps();

// One browser for every browser test, named here so the output says which one ran.
const browser = requireBrowser();
console.log(`Browser tests use ${browser.path} (${browser.source}).`);
const env = { ...process.env, CHROME_PATH: browser.path };

// Resend's published OpenAPI file, when it lies beside the repository, lets the
// sender's contract test compare the project's own schema with it. Naming it in the
// environment makes it part of turbo's cache key for that test.
const publishedSpec = join(root, '..', 'shared', 'resend-openapi', 'resend.yaml');
if (!env.RESEND_OPENAPI_SPEC && existsSync(publishedSpec)) env.RESEND_OPENAPI_SPEC = publishedSpec;

// Results of an earlier run must not be counted; turbo restores cached ones.
for (const ws of workspaces) rmSync(join(ws, '.test-results'), { recursive: true, force: true });

// The tasks, in the order that keeps both cores busy (packages/testkit/src/schedule.ts):
// turbo lists the graph, then runs, hashes and caches each task; the ready task heading
// the longest chain of expected work starts first. Expected seconds come from a quiet
// run on 2 cores (only the order depends on them; a wrong guess costs time, not a pass).
const CONCURRENCY = 2;
const TASKS = ['lint', 'lint:root', 'typecheck', 'test', 'build', 'e2e'];
const EXPECTED_SECONDS = {
  '@csp-enablement/docs#e2e': 240,
  '@csp-enablement/templates#e2e': 150,
  '@csp-enablement/sender#e2e': 110,
  '@csp-enablement/sender#test': 150,
  '@csp-enablement/templates#test': 80,
  '@csp-enablement/docs#build': 60,
  '@csp-enablement/docs#typecheck': 45,
  '@csp-enablement/docs#lint': 40,
  '@csp-enablement/sender#lint': 40,
  '@csp-enablement/docs#test': 25,
};
const BY_TASK = { e2e: 100, test: 30, build: 20, typecheck: 15, lint: 15 };
// Tasks that mostly wait, not compute: the sender's e2e used 42 core-s in 139 s (its trials
// wait on the local Resend server's rate limit, its faults and a takeover). They start when
// ready beside the two that hold the cores, so their waiting no longer keeps a core idle.
const BACKGROUND = new Set(['@csp-enablement/sender#e2e']);
const expected = (id) => EXPECTED_SECONDS[id] ?? BY_TASK[id.split('#')[1]] ?? 10;

const dry = spawnSync('turbo', ['run', ...TASKS, '--dry=json'], {
  cwd: root,
  env,
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
if (dry.status !== 0) {
  process.stderr.write(dry.stdout + dry.stderr);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const graph = JSON.parse(dry.stdout).tasks.map((t) => ({
  id: t.taskId,
  dependencies: t.dependencies,
  // A package without the script: nothing to run, but its dependents wait on it.
  exists: t.command !== '<NONEXISTENT>',
}));
const exists = new Map(graph.map((t) => [t.id, t.exists]));

/** One task through turbo (hashed, cached, logs shown only when it fails). */
function runTask(id) {
  if (!exists.get(id)) return Promise.resolve({ ok: true, cached: true });
  return new Promise((resolve) => {
    const child = spawn('turbo', ['run', id, '--only', '--output-logs=errors-only'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (error) => {
      output += String(error);
    });
    child.on('close', (code) => {
      if (code !== 0) process.stdout.write(`\n${output}\n`);
      resolve({ ok: code === 0, cached: /Cached:\s+1 cached, 1 total/.test(output) });
    });
  });
}

const turboStarted = Date.now();
const cpuUse = measureCpu(availableParallelism());
const records = await runScheduled(graph, {
  concurrency: CONCURRENCY,
  estimate: (id) => (exists.get(id) ? expected(id) : 0),
  background: (id) => BACKGROUND.has(id),
  run: runTask,
  onDone: (r) => {
    if (!exists.get(r.id)) return;
    const took = `${((r.end - r.start) / 1000).toFixed(1)} s`;
    const line =
      r.state === 'skipped'
        ? `- ${r.id}: not run, ${r.reason} failed`
        : `${r.state === 'passed' ? '✓' : '✗'} ${r.id} ${r.cached ? '(cached)' : took}`;
    console.log(`  ${line}`);
  },
});
const turboEnded = Date.now();
const cpuMeasured = cpuUse();
const ran = records.filter((r) => exists.get(r.id));
const turbo = { status: ran.every((r) => r.state === 'passed') ? 0 : 1 };

let passed = 0;
let failed = 0;
const skipped = [];
const tables = [];
for (const ws of workspaces) {
  const dir = join(ws, '.test-results');
  if (!existsSync(dir)) continue;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const report = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    passed += report.numPassedTests ?? 0;
    // A suite that failed to load has no failed tests of its own: count it once.
    failed += report.numFailedTests || report.numFailedTestSuites || 0;
    for (const suite of report.testResults ?? [])
      for (const test of suite.assertionResults ?? [])
        if (['skipped', 'pending', 'todo'].includes(test.status))
          skipped.push(`${relative(root, ws)}: ${test.fullName ?? test.title}`);
  }
  // Tables the tests published (see packages/testkit/src/report.ts): turbo shows only
  // failing tasks' logs, so they are printed here.
  const tablesDir = join(dir, 'tables');
  if (existsSync(tablesDir))
    for (const file of readdirSync(tablesDir).sort())
      tables.push(readFileSync(join(tablesDir, file), 'utf8').trimEnd());
}
for (const table of tables) console.log(`\n${table}`);
console.log(`\n${formatTimeline(ran, CONCURRENCY, turboStarted, turboEnded)}`);
console.log(formatCpuUse(cpuMeasured));
if (skipped.length > 0) console.log(`\nSkipped (${skipped.length}):\n  ${skipped.join('\n  ')}`);
const ok = turbo.status === 0 && failed === 0;
if (turbo.status !== 0 && failed === 0) failed = 1; // a failed lint, typecheck or build step
if (!ok) console.error('\nSome steps failed: see the turbo output above.');
console.log(
  `${passed} passed, ${failed} failed${skipped.length > 0 ? `, ${skipped.length} skipped` : ''}`,
);
process.exit(ok ? 0 : 1);
