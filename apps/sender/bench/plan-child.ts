/**
 * One size of the plan-growth bench (growth.ts), in a process of its own:
 * `node bench/plan-child.ts ROOT ROWS` plans a ROWS-row batch (parse, validate, render +
 * verify, queue in SQLite; nothing sent) in a data folder under ROOT, times the parse +
 * validate step alone, and prints `{ "plan": ms or the planner's refusal, "parse": ms }`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseBatchCsv } from '#core/batches/csv.js';
import { BatchFileError } from '#core/batches/import.js';
import { runBatch } from '#core/batches/run.js';
import { loadConfig } from '#core/config.js';
import { openRuntime } from '#core/runtime.js';
import { batchCsv } from './csv.ts';

/** Thrown from onStart: the plan is done (every row queued) and nothing is sent. */
class PlanDone extends Error {}

/** The parse + validate step alone (no render, no SQLite), to tell which part grows. */
function parseMs(rows: number): number | null {
  const content = batchCsv(rows);
  const start = performance.now();
  try {
    parseBatchCsv('bench.csv', content);
  } catch (error) {
    if (error instanceof BatchFileError) return null;
    throw error;
  }
  return performance.now() - start;
}

async function planMs(root: string, rows: number): Promise<number | string> {
  const config = loadConfig({ SENDER_DATA_DIR: join(root, `plan-${rows}`) }, root);
  const runtime = await openRuntime(config, () => undefined);
  try {
    const file = join(root, `plan-${rows}.csv`);
    const content = batchCsv(rows);
    writeFileSync(file, content);
    const start = performance.now();
    let planned: number | undefined;
    try {
      await runBatch(runtime.sender, {
        file,
        content,
        template: 'reseller-invitation',
        country: 'US',
        createdBy: 'bench',
        onStart: ({ total }) => {
          planned = performance.now() - start;
          if (total !== rows) throw new Error(`planned ${total} rows, expected ${rows}`);
          throw new PlanDone();
        },
      });
    } catch (error) {
      if (error instanceof BatchFileError) return error.problems.join('; ');
      if (!(error instanceof PlanDone)) throw error;
    }
    if (planned === undefined) throw new Error('the batch never reached its plan');
    return planned;
  } finally {
    await runtime.close();
  }
}

const [root, rowsArg] = process.argv.slice(2);
const rows = Number(rowsArg);
if (root === undefined || !Number.isInteger(rows) || rows <= 0)
  throw new Error('usage: node bench/plan-child.ts ROOT ROWS');
const plan = await planMs(root, rows);
const parse = parseMs(rows);
process.stdout.write(JSON.stringify({ plan, parse }));
