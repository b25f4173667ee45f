/**
 * Writes every template × country into dist/emails/<template>/<COUNTRY>.{html,txt,json}
 * so that consumers can use the locked emails without rendering them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { allPairs } from '../lock.js';
import { packageFile } from '../package-info.js';
import { renderEmail, type RenderedEmail } from '../render.js';

const index: Omit<RenderedEmail, 'html' | 'text'>[] = [];
for (const { templateId, country } of allPairs()) {
  const { html, text, ...meta } = await renderEmail(templateId, country);
  const dir = packageFile(`dist/emails/${templateId}/`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL(`${country}.html`, dir), html);
  writeFileSync(new URL(`${country}.txt`, dir), text);
  writeFileSync(new URL(`${country}.json`, dir), `${JSON.stringify(meta, null, 2)}\n`);
  index.push(meta);
}
writeFileSync(packageFile('dist/emails/index.json'), `${JSON.stringify(index, null, 2)}\n`);
console.log(`Pre-rendered ${index.length} emails into dist/emails/`);
