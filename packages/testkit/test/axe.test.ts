import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../src/axe.js';
import { BROWSER_ARGS, requireBrowser } from '../src/browser.js';

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: requireBrowser().path, args: BROWSER_ARGS });
  page = await browser.newPage();
});
afterAll(async () => {
  await browser.close();
});

const PAGE = `<!doctype html><html lang="en"><head><title>t</title></head><body><main>
  <h1>Check</h1><img src="data:," id="bare"><p style="color:#777;background:#888">faint</p>
</main></body></html>`;

describe('axeViolations', () => {
  it('finds what axe finds: an image without alt, text without contrast', async () => {
    await page.setContent(PAGE);
    const ids = (await axeViolations(page)).map((v) => v.id).sort();
    expect(ids).toEqual(['color-contrast', 'image-alt']);
    const image = (await axeViolations(page)).find((v) => v.id === 'image-alt');
    expect(image?.targets).toEqual(['#bare']);
  });

  it('leaves out what is excluded, and runs only the rules of the tags given', async () => {
    await page.setContent(PAGE);
    const excluded = await axeViolations(page, { exclude: ['#bare'] });
    expect(excluded.map((v) => v.id)).toEqual(['color-contrast']);
    const tagged = await axeViolations(page, { tags: ['wcag2a'] });
    expect(tagged.map((v) => v.id)).toEqual(['image-alt']);
  });

  it('refuses a page with a frame it would not see into, naming the frame', async () => {
    await page.setContent(`${PAGE}<iframe class="email" srcdoc="<img src=data:,>"></iframe>`);
    await expect(axeViolations(page)).rejects.toThrow(/exclude them: <iframe class="email"/);
    await expect(axeViolations(page, { exclude: ['iframe.email'] })).resolves.toHaveLength(2);
  });
});
