/**
 * Writes every template × country into `<outDir>/<template>/<COUNTRY>.{html,txt,json}`
 * plus `<outDir>/index.json`, so that consumers can use the locked emails without
 * rendering them.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { allPairs } from '../lock.js';
import { renderEmail, type RenderedEmail } from '../render.js';

export type EmailIndexEntry = Omit<RenderedEmail, 'html' | 'text'>;

export async function prerenderEmails(outDir: URL): Promise<EmailIndexEntry[]> {
  clearPrerendered(outDir);
  const index: EmailIndexEntry[] = [];
  for (const { templateId, country } of allPairs()) {
    const { html, text, ...meta } = await renderEmail(templateId, country);
    const dir = new URL(`${templateId}/`, outDir);
    mkdirSync(dir, { recursive: true });
    writeFileSync(new URL(`${country}.html`, dir), html);
    writeFileSync(new URL(`${country}.txt`, dir), text);
    writeFileSync(new URL(`${country}.json`, dir), `${JSON.stringify(meta, null, 2)}\n`);
    index.push(meta);
  }
  writeFileSync(new URL('index.json', outDir), `${JSON.stringify(index, null, 2)}\n`);
  return index;
}

/**
 * Removes what an earlier prerender wrote, so that a removed country's or template's
 * files cannot ship. Only the folders and index.json: tsc writes the compiled templates
 * (`<template>.js`, `.d.ts`) into the same folder, just before this runs.
 */
function clearPrerendered(outDir: URL): void {
  mkdirSync(outDir, { recursive: true });
  for (const entry of readdirSync(outDir, { withFileTypes: true })) {
    if (entry.isDirectory() || entry.name === 'index.json')
      rmSync(new URL(entry.isDirectory() ? `${entry.name}/` : entry.name, outDir), {
        recursive: true,
        force: true,
      });
  }
}
