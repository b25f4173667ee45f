/**
 * Shared by the browser tests and the benchmark: the machine's Chromium (or Chrome)
 * driven by playwright-core, the built site served on a free port, and the page list.
 */
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { BROWSER_ARGS, requireBrowser } from '@csp-enablement/testkit/browser';
import { chromium, type Browser } from 'playwright-core';
import { distDir, startServer, type RunningServer } from '../scripts/server.ts';

/** The one browser of every browser test (see @csp-enablement/testkit/browser). */
export const BROWSER = requireBrowser();

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: BROWSER.path, args: BROWSER_ARGS });
}

export { startServer, type RunningServer };

/**
 * Each page's own deadline when the tests sweep many pages (testkit's sweep): a page
 * takes a second or two, several on a slow shared machine; only a page that hangs
 * misses it. The test's timeout is this times its page count, so a slower machine
 * only takes longer.
 */
export const PAGE_TIMEOUT_MS = 60_000;

/**
 * Pages checked at once in the one browser. On the shared 2-core machine at a load of
 * about 20, the light desktop axe sweep took 574 s with 3 against 594 s with 1: little
 * gain while other work holds the cores. Not yet measured on an idle machine, nor 2 or 4.
 */
export const PAGES_AT_ONCE = 3;

/** Every page of the built site, as URL paths (`/`, `/troubleshooting/`, …, `/404.html`). */
export function sitePages(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory())
        return entry.name === 'pagefind' || entry.name === 'emails' ? [] : walk(path);
      return entry.name.endsWith('.html') ? [path] : [];
    });
  return walk(distDir)
    .map((file) => `/${relative(distDir, file).split(sep).join('/')}`.replace(/index\.html$/, ''))
    .sort();
}

export const ARTICLE_PAGES = [
  '/',
  '/step-1-send-csp-invitation/',
  '/step-2-customer-authorization-request/',
  '/customer-acceptance/',
  '/troubleshooting/',
];
