import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { allPairs, templateIds } from '../src/index.js';
import { prerenderEmails } from '../src/scripts/prerender-emails.js';

let outDir = '';
afterEach(() => {
  rmSync(outDir, { recursive: true, force: true });
});

describe('prerender', () => {
  it('leaves no file of a removed country or template behind, and keeps the compiled templates', async () => {
    outDir = mkdtempSync(join(tmpdir(), 'templates-prerender-'));
    // What an earlier build left: a country and a template since removed, and tsc's
    // compiled template module, which shares the folder.
    for (const [path, content] of [
      ['reseller-invitation/ZZ.html', '<p>removed country</p>'],
      ['reseller-invitation/ZZ.json', '{}'],
      ['retired-template/GB.html', '<p>removed template</p>'],
      ['reseller-invitation.js', 'export {};'],
    ] as const) {
      mkdirSync(join(outDir, path, '..'), { recursive: true });
      writeFileSync(join(outDir, path), content);
    }

    await prerenderEmails(pathToFileURL(`${outDir}/`));

    expect(existsSync(join(outDir, 'reseller-invitation/ZZ.html'))).toBe(false);
    expect(existsSync(join(outDir, 'reseller-invitation/ZZ.json'))).toBe(false);
    expect(existsSync(join(outDir, 'retired-template'))).toBe(false);
    expect(existsSync(join(outDir, 'reseller-invitation.js'))).toBe(true);
    const folders = readdirSync(outDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.sort()).toEqual([...templateIds].sort());
    const rendered = folders.flatMap((folder) =>
      readdirSync(join(outDir, folder)).map((file) => `${folder}/${file}`),
    );
    expect(rendered.sort()).toEqual(
      allPairs()
        .flatMap(({ templateId, country }) =>
          ['html', 'txt', 'json'].map((ext) => `${templateId}/${country}.${ext}`),
        )
        .sort(),
    );
  });
});
