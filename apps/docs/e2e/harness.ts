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
