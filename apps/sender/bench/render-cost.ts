/**
 * The send path's render cost: a 1,000-row batch through the embedded outbox
 * with the Sender's own renderer (renderEmail from the templates package)
 * wrapped to count and time every render it asks for.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runBatch } from '#core/batch.js';
import { renderEmail, type Renderer } from '#core/catalog.js';
import { loadConfig } from '#core/config.js';
import { createTransport } from '#core/runtime.js';
import { Sender } from '#core/sender.js';
import { Store } from '#core/store.js';
import { batchCsv } from './csv.ts';
import { round2, type Metric } from './report.ts';

export async function benchSendRenderCost(root: string, rows: number): Promise<Metric[]> {
  const config = loadConfig({ SENDER_DATA_DIR: join(root, 'render-cost') }, root);
  const transport = createTransport(config);
  await transport.check();
  const store = new Store(config.dataDir);
  let renders = 0;
  let renderMs = 0;
  const timed: Renderer = async (templateId, country) => {
    const start = performance.now();
    try {
      return await renderEmail(templateId, country);
    } finally {
      renders += 1;
      renderMs += performance.now() - start;
    }
  };
  try {
    const sender = new Sender({ store, transport, retry: config.retry, render: timed });
    const file = join(root, 'render-cost.csv');
    const content = batchCsv(rows);
    writeFileSync(file, content);
    const start = performance.now();
    const summary = await runBatch(sender, {
      file,
      content,
      template: 'reseller-invitation',
      country: 'US',
      createdBy: 'bench',
    });
    const totalMs = performance.now() - start;
    if (summary.sentNow.length !== rows)
      throw new Error(`render-cost batch sent ${summary.sentNow.length}`);
    return [
      {
        name: `send path render cost, ${rows.toLocaleString('en')}-row batch (share of its wall time)`,
        value: round2(renderMs),
        unit: 'ms',
        ratio: round2(renderMs / totalMs),
        note: `not 0: the Sender renders with renderEmail, once per template × country per process (${renders} render calls: 1 to plan + 1 per chunk of ${transport.maxBatchSize}, each verified against the lock), instead of reading the pre-rendered dist/emails artifacts`,
      },
    ];
  } finally {
    store.close();
  }
}
