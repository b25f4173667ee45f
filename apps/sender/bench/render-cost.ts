/**
 * The send path's render cost: a 1,000-row batch through the embedded outbox with the
 * Sender's own default renderer (lockedRenderer: the installed templates package's
 * pre-rendered artifacts, read and checked against the lock once at start), wrapped to
 * count and time every call the batch makes. Compared in the same run with what that
 * start costs, and with what rendering the same email live with renderEmail costs.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runBatch } from '#core/batches/run.js';
import { lockedRenderer, renderEmail, type Renderer } from '#core/catalog.js';
import { loadConfig } from '#core/config.js';
import { createTransport } from '#core/runtime.js';
import { Sender } from '#core/sending/sender.js';
import { Store } from '#core/store.js';
import { batchCsv } from './csv.ts';
import { round2, round3, type Metric } from './report.ts';

const TEMPLATE = 'reseller-invitation';
const COUNTRY = 'US';

export async function benchSendRenderCost(root: string, rows: number): Promise<Metric[]> {
  const config = loadConfig({ SENDER_DATA_DIR: join(root, 'render-cost') }, root);
  const transport = createTransport(config);
  await transport.check();
  const store = new Store(config.dataDir);
  const warnings: string[] = [];
  // What `new Sender(...)` does by default, timed: all artifacts read and verified.
  const loadStart = performance.now();
  const locked = lockedRenderer((line) => warnings.push(line));
  const loadMs = performance.now() - loadStart;
  const fromArtifacts = [...locked.sources.values()].filter((s) => s === 'artifact').length;
  let renders = 0;
  let renderMs = 0;
  const timed: Renderer = async (templateId, country) => {
    const start = performance.now();
    try {
      return await locked.render(templateId, country);
    } finally {
      renders += 1;
      renderMs += performance.now() - start;
    }
  };
  // The alternative, measured here: one live render of the same email (warm: after a first).
  await renderEmail(TEMPLATE, COUNTRY);
  const liveStart = performance.now();
  await renderEmail(TEMPLATE, COUNTRY);
  const liveMs = performance.now() - liveStart;
  try {
    const sender = new Sender({ store, transport, retry: config.retry, render: timed });
    const file = join(root, 'render-cost.csv');
    const content = batchCsv(rows);
    writeFileSync(file, content);
    const start = performance.now();
    const summary = await runBatch(sender, {
      file,
      content,
      template: TEMPLATE,
      country: COUNTRY,
      createdBy: 'bench',
    });
    const totalMs = performance.now() - start;
    if (summary.sentNowCount !== rows)
      throw new Error(`render-cost batch sent ${summary.sentNowCount}`);
    const share = renderMs / totalMs;
    return [
      {
        name: `send path render cost, ${rows.toLocaleString('en')}-row batch (share of its wall time)`,
        value: round2(renderMs),
        unit: 'ms',
        ratio: round3(share),
        goal: '<= 0.001',
        ok: share <= 0.001 && fromArtifacts === locked.sources.size,
        note: `${renders} renderer calls (1 to plan + 1 per chunk of ${transport.maxBatchSize}), each answered from the pre-rendered artifacts (${fromArtifacts} of ${locked.sources.size} read${warnings.length > 0 ? `; ${warnings.join('; ')}` : ''}). Rendering that email live with renderEmail costs ${round2(liveMs)} ms warm, measured in this run`,
      },
      {
        name: `send path start: reading and verifying all ${locked.sources.size} artifacts against the lock, once per process`,
        value: round2(loadMs),
        unit: 'ms',
        note: 'what `new Sender()` pays once instead of rendering (templates bench: about 30 ms warm, 350 ms cold for all of them)',
      },
    ];
  } finally {
    await store.close();
  }
}
