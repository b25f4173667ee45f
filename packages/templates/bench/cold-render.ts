/**
 * A fresh process's first pass over the whole matrix: loading the package
 * (react, react-email, the templates) and rendering every template × country
 * once. Prints { importMs, renderMs } as JSON for render.ts.
 */
import { performance } from 'node:perf_hooks';

const start = performance.now();
const { allPairs, renderEmail } = await import('#templates');
const imported = performance.now();
for (const { templateId, country } of allPairs()) await renderEmail(templateId, country);
const done = performance.now();
process.stdout.write(
  `${JSON.stringify({ importMs: imported - start, renderMs: done - imported })}\n`,
);
