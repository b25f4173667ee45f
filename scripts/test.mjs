// `pnpm test`: lint, typecheck, unit and integration tests, build, browser tests,
// then one closing line `N passed, N failed` summed over every Vitest run.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { requireBrowser } from '../packages/testkit/src/browser.ts';
import { formatTimeline, latestRunSummary } from '../packages/testkit/src/timeline.ts';
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

const CONCURRENCY = 2;
const turboStarted = Date.now();
const turbo = spawnSync(
  'turbo',
  [
    'run',
    'lint',
    'lint:root',
    'typecheck',
    'test',
    'build',
    'e2e',
    '--continue',
    `--concurrency=${CONCURRENCY}`,
    '--output-logs=errors-only',
    // The run summary (.turbo/runs/*.json) has each task's start and end: the timeline below.
    '--summarize',
  ],
  { stdio: 'inherit', cwd: root, env },
);

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
const summary = latestRunSummary(root, turboStarted);
if (summary) console.log(`\n${formatTimeline(summary, CONCURRENCY)}`);
if (skipped.length > 0) console.log(`\nSkipped (${skipped.length}):\n  ${skipped.join('\n  ')}`);
const ok = turbo.status === 0 && failed === 0;
if (turbo.status !== 0 && failed === 0) failed = 1; // a failed lint, typecheck or build step
if (!ok) console.error('\nSome steps failed: see the turbo output above.');
console.log(
  `${passed} passed, ${failed} failed${skipped.length > 0 ? `, ${skipped.length} skipped` : ''}`,
);
process.exit(ok ? 0 : 1);
