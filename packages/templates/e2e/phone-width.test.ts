/**
 * Every email fits a phone: rendered in Chromium at 320, 375 and 600 px, light and dark,
 * the document is never wider than the viewport. The emails set
 * `x-apple-disable-message-reformatting`, so iOS Mail does not shrink a wide email to fit:
 * the customer would scroll sideways.
 */
import { browserLaunchOptions } from '@csp-enablement/testkit/browser';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allPairs,
  countryCodes,
  renderEmail,
  templateIds,
  type RenderedEmail,
} from '../src/index.js';

const WIDTHS = [320, 375, 600] as const;
const SCHEMES = ['light', 'dark'] as const;

let browser: Browser;
let emails: RenderedEmail[] = [];

beforeAll(async () => {
  browser = await chromium.launch(browserLaunchOptions());
  emails = await Promise.all(
    allPairs().map(({ templateId, country }) => renderEmail(templateId, country)),
  );
});
afterAll(async () => {
  await browser.close();
});

describe('every email fits the screen, with no sideways scroll', () => {
  const variants = WIDTHS.flatMap((width) => SCHEMES.map((scheme) => ({ width, scheme })));

  it('checks every template × country (28 today)', () => {
    expect(emails).toHaveLength(templateIds.length * countryCodes.length);
  });

  it.each(variants)('at $width px, $scheme', async ({ width, scheme }) => {
    const context = await browser.newContext({
      viewport: { width, height: 800 },
      colorScheme: scheme,
    });
    try {
      const page = await context.newPage();
      const tooWide: string[] = [];
      for (const email of emails) {
        await page.setContent(email.html);
        const { scrollWidth, innerWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
        }));
        if (scrollWidth > innerWidth)
          tooWide.push(
            `${email.templateId} ${email.country} at ${width} px (${scheme}): ` +
              `scrollWidth ${scrollWidth} > innerWidth ${innerWidth}`,
          );
      }
      expect(tooWide, 'emails wider than the viewport').toEqual([]);
    } finally {
      await context.close();
    }
  });
});
