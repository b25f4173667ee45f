/**
 * The built site in a real browser (Debian's Chromium), in all seven languages:
 * every page opens cleanly, search finds the article in each language, the
 * language picker and the country choice work (and fit a phone), no
 * placeholder is offered to copy, and axe finds no accessibility violation in
 * light and dark theme, on desktop and at 375 px, nor in any email document.
 */
import AxeBuilder from '@axe-core/playwright';
import { countries, renderEmail, templateIds } from '@csp-enablement/templates';
import { sweep, sweepTimeoutMs, type SweepProgress } from '@csp-enablement/testkit/sweep';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, localePath, TRANSLATED_LANGUAGES } from '../src/i18n/locales.ts';
import { ui } from '../src/i18n/ui.ts';
import {
  ARTICLE_PAGES,
  launchChromium,
  PAGE_TIMEOUT_MS,
  PAGES_AT_ONCE,
  sitePages,
  startServer,
  type RunningServer,
} from './harness.ts';

let server: RunningServer;
let browser: Browser;
const pages = sitePages();

beforeAll(async () => {
  server = await startServer({ port: 0 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser.close().catch(() => undefined);
  await server.close();
});

const url = (path: string): string => new URL(path, server.url).href;

interface PageOptions {
  theme?: 'light' | 'dark';
  width?: number;
}

async function newContext(options: PageOptions): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    colorScheme: options.theme ?? 'light',
  });
  if (options.theme) {
    const theme = options.theme;
    await context.addInitScript((t) => {
      localStorage.setItem('starlight-theme', t);
    }, theme);
  }
  return context;
}

async function withPage<T>(
  options: PageOptions,
  run: (page: Page, context: BrowserContext) => Promise<T>,
): Promise<T> {
  const context = await newContext(options);
  const page = await context.newPage();
  try {
    return await run(page, context);
  } finally {
    await context.close();
  }
}

/** A page of a sweep, reused for path after path; `path` is the one it is checking. */
interface SweepPage {
  page: Page;
  context: BrowserContext;
  path: string;
}

/**
 * Checks every path in a few pages of the one browser at once (PAGES_AT_ONCE),
 * each path with its own deadline (PAGE_TIMEOUT_MS) that names it; resolves to
 * every failure, `path: what went wrong`. Give the test sweepTimeout(paths).
 */
async function sweepPages(
  paths: readonly string[],
  options: PageOptions & { listen?: (swept: SweepPage) => void },
  check: (page: Page, path: string, progress: SweepProgress) => Promise<void>,
): Promise<string[]> {
  const result = await sweep(paths, {
    concurrency: PAGES_AT_ONCE,
    itemTimeoutMs: PAGE_TIMEOUT_MS,
    open: async () => {
      const context = await newContext(options);
      // Playwright's own waits end at the page's deadline, which names the page.
      context.setDefaultTimeout(PAGE_TIMEOUT_MS);
      const swept: SweepPage = { page: await context.newPage(), context, path: '' };
      options.listen?.(swept);
      return swept;
    },
    close: (swept) => swept.context.close(),
    check: (swept, path, progress) => {
      swept.path = path;
      return check(swept.page, path, progress);
    },
  });
  expect(result.visited.length, 'pages visited').toBe(paths.length);
  return result.failures;
}

/** A sweep test's timeout: each page's full deadline, and a minute for the rest. */
const sweepTimeout = (paths: readonly unknown[]): number =>
  sweepTimeoutMs(paths.length, PAGE_TIMEOUT_MS, 60_000);

describe('every page', () => {
  it(
    'opens with its title, no console error and no failed request',
    async () => {
      expect(pages.length).toBeGreaterThanOrEqual(LANGUAGES.length * (9 + countries.length));
      const problems: string[] = [];
      const listen = (swept: SweepPage): void => {
        const { page } = swept;
        page.on('console', (message) => {
          // The one expected error: the 404 page's own status.
          if (
            message.type() === 'error' &&
            !(swept.path === '/404.html' && message.text().includes('404'))
          )
            problems.push(`${swept.path} console: ${message.text()}`);
        });
        page.on('pageerror', (error) =>
          problems.push(`${swept.path} page error: ${error.message}`),
        );
        page.on('requestfailed', (request) => {
          // Leaving a page cancels what it was still loading (lazy frames, prefetches): not a failure.
          if (request.failure()?.errorText !== 'net::ERR_ABORTED')
            problems.push(
              `${swept.path} request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`,
            );
        });
      };
      const failures = await sweepPages(pages, { listen }, async (page, path, progress) => {
        progress.step('loading');
        // The 404 page is what the server answers for any unknown address.
        const address = path === '/404.html' ? '/no-such-page/' : path;
        const response = await page.goto(url(address), { waitUntil: 'load' });
        progress.step('reading the title');
        expect(response?.status(), path).toBe(path === '/404.html' ? 404 : 200);
        expect(
          (await page.locator('h1').first().textContent())?.trim().length,
          path,
        ).toBeGreaterThan(3);
        expect(await page.title(), path).toMatch(/\| CSP Enablement Kit$/);
      });
      expect({ failures, problems }).toEqual({ failures: [], problems: [] });
    },
    sweepTimeout(pages),
  );

  const articlePages = LANGUAGES.flatMap((lang) => ARTICLE_PAGES.map((p) => localePath(lang, p)));
  it(
    'shows the reference number on the article pages, in every language',
    async () => {
      const failures = await sweepPages(articlePages, {}, async (page, path, progress) => {
        progress.step('loading');
        await page.goto(url(path));
        progress.step('reading the reference');
        await expect(page.locator('.kb-reference').textContent()).resolves.toContain('AA-06184');
      });
      expect(failures).toEqual([]);
    },
    sweepTimeout(articlePages),
  );
});

describe('search', () => {
  async function search(
    page: Page,
    query: string,
    from = '/customer-acceptance/',
  ): Promise<string[]> {
    await page.goto(url(from));
    await page.locator('button[data-open-modal]').first().click();
    const input = page.locator('.pagefind-ui__search-input');
    await input.fill(query);
    const results = page.locator('.pagefind-ui__result-link');
    await results.first().waitFor({ timeout: 15_000 });
    return await results.evaluateAll((links) =>
      links.map((a) => (a as HTMLAnchorElement).pathname),
    );
  }

  for (const query of ['Global Administrator', 'AA-06184', 'Replace Advisor']) {
    it(`finds the article by "${query}"`, async () => {
      await withPage({}, async (page) => {
        const found = await search(page, query);
        expect(
          found.some((path) => ARTICLE_PAGES.includes(path)),
          found.join(', '),
        ).toBe(true);
      });
    });
  }

  // Pagefind indexes each language on its own: a search on a page in a
  // language finds that language's pages, by the words of that language.
  const localSearches = [
    { lang: 'de', query: 'Globaler Administrator' },
    { lang: 'fr', query: 'locataire' },
    { lang: 'es', query: 'inquilino' },
    { lang: 'it', query: 'rivenditore' },
    { lang: 'nl', query: 'beheerder' },
    { lang: 'sv', query: 'klientorganisation' },
  ] as const;
  for (const { lang, query } of localSearches) {
    it(`finds ${lang} pages by "${query}" from a ${lang} page, and only pages in ${lang}`, async () => {
      await withPage({}, async (page) => {
        const found = await search(page, query, `/${lang}/customer-acceptance/`);
        expect(found.length).toBeGreaterThan(0);
        expect(
          found.every((path) => path.startsWith(`/${lang}/`)),
          found.join(', '),
        ).toBe(true);
        expect(
          found.some((path) => ARTICLE_PAGES.map((p) => localePath(lang, p)).includes(path)),
          found.join(', '),
        ).toBe(true);
      });
    });
  }

  it('takes the reader from a "Global Administrator" result to the article', async () => {
    await withPage({}, async (page) => {
      await search(page, 'Global Administrator');
      const result = page
        .locator('.pagefind-ui__result-link')
        .filter({
          hasText: /Enabling Ingram Micro|Step 2|Customer acceptance|Troubleshooting|Step 1/,
        })
        .first();
      const target = await result.evaluate((a) => (a as HTMLAnchorElement).pathname);
      expect(ARTICLE_PAGES).toContain(target);
      await result.click();
      await page.waitForURL((u) => u.pathname === target);
      await expect(page.locator('.kb-reference').textContent()).resolves.toContain('AA-06184');
      await expect(page.locator('main').textContent()).resolves.toContain('Global Administrator');
    });
  });
});

describe('language picker', () => {
  it('opens the same page in the chosen language', async () => {
    await withPage({}, async (page) => {
      await page.goto(url('/troubleshooting/'));
      await page.locator('starlight-lang-select select').first().selectOption({ label: 'Deutsch' });
      await page.waitForURL((u) => u.pathname === '/de/troubleshooting/');
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('de');
      await expect(page.locator('h1').textContent()).resolves.toBe('Fehlerbehebung');
    });
  });
});

describe('country choice', () => {
  const open = (page: Page) => page.locator('[data-country-choice] details[open]');

  it('opens a country, and the same country on the next page', async () => {
    await withPage({}, async (page) => {
      await page.goto(url('/step-2-customer-authorization-request/'));
      await page.getByText('Germany · DE', { exact: true }).click();
      await expect(open(page).getAttribute('data-country')).resolves.toBe('DE');
      // Germany's marketplace address is not confirmed yet: shown as plain text, not a link.
      await expect(open(page).textContent()).resolves.toContain('de.cloud.im');
      await expect(
        open(page)
          .getByRole('link', { name: /de\.cloud\.im/ })
          .count(),
      ).resolves.toBe(0);
      await expect(open(page).textContent()).resolves.toContain('German (de-DE)');

      // One country at a time.
      await page.getByText('Mexico · MX', { exact: true }).click();
      await expect(open(page).count()).resolves.toBe(1);
      await expect(open(page).textContent()).resolves.toContain('https://mx.cloud.im');
      // `toggle` is dispatched in a task of its own: a reader's next click comes after it.
      await page.waitForFunction(() => localStorage.getItem('csp-country') === 'MX');

      // Remembered: Step 1 opens on Mexico too, in another language as well.
      await page.goto(url('/step-1-send-csp-invitation/'));
      await expect(open(page).getAttribute('data-country')).resolves.toBe('MX');
      // Mexico's invitation link is a placeholder: no link, nothing to copy, what to do instead.
      const mexico = countries.find((c) => c.code === 'MX');
      await expect(open(page).textContent()).resolves.toContain(
        "ask Ingram Micro Sales for your country's link",
      );
      await expect(open(page).textContent()).resolves.not.toContain(mexico?.invitationUrl.value);
      await page.goto(url('/es/step-1-send-csp-invitation/'));
      await expect(open(page).locator('summary').textContent()).resolves.toBe('México · MX');

      // Keyboard: a country opens with Enter on its name.
      await page.locator('[data-country-choice] summary', { hasText: 'Suecia · SE' }).focus();
      await page.keyboard.press('Enter');
      await expect(open(page).getAttribute('data-country')).resolves.toBe('SE');
    });
  });

  it('names the countries in the page’s language, that language’s countries first', async () => {
    await withPage({}, async (page) => {
      await page.goto(url('/de/step-1-send-csp-invitation/'));
      const names = await page.locator('[data-country-choice] summary').allTextContents();
      expect(names[0]).toBe('Deutschland · DE');
      expect(names).toContain('Vereinigte Staaten · US');
      await page.goto(url('/es/step-2-customer-authorization-request/'));
      const spanish = await page.locator('[data-country-choice] summary').allTextContents();
      expect(spanish.slice(0, 2)).toEqual(['España · ES', 'México · MX']);
    });
  });

  it('fits a 375 px phone: no sideways scrolling, every country visible', async () => {
    await withPage({ width: 375 }, async (page) => {
      for (const path of [
        '/step-1-send-csp-invitation/',
        '/de/step-2-customer-authorization-request/',
      ]) {
        await page.goto(url(path));
        const widths = await page.evaluate(() => ({
          page: document.documentElement.scrollWidth,
          choice: document.querySelector('[data-country-choice]')?.scrollWidth ?? 0,
          box: document.querySelector('[data-country-choice]')?.clientWidth ?? 0,
        }));
        expect(widths.page, path).toBeLessThanOrEqual(375);
        expect(widths.choice, path).toBeLessThanOrEqual(widths.box);
        for (const summary of await page.locator('[data-country-choice] summary').all())
          await expect(summary.isVisible()).resolves.toBe(true);
      }
    });
  });

  it('works without JavaScript: each country opens on its own', async () => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 375, height: 800 },
    });
    try {
      const page = await context.newPage();
      await page.goto(url('/fr/step-1-send-csp-invitation/'));
      await page.getByText('France · FR', { exact: true }).click();
      await expect(open(page).textContent()).resolves.toContain(ui('fr').placeholderAdvice);
    } finally {
      await context.close();
    }
  });

  it('leads from a country to that country’s email, in the page’s language', async () => {
    await withPage({}, async (page) => {
      await page.goto(url('/step-1-send-csp-invitation/'));
      await page.getByText('France · FR', { exact: true }).click();
      await open(page)
        .getByRole('link', { name: /email for France/ })
        .click();
      await page.waitForURL(
        (u) => u.pathname === '/email-gallery/fr/' && u.hash === '#reseller-invitation',
      );
      await expect(page.locator('h1').textContent()).resolves.toContain('France');
      // Remembered across languages: the Italian page opens on France.
      await page.goto(url('/it/step-1-send-csp-invitation/'));
      await expect(open(page).locator('summary').textContent()).resolves.toBe('Francia · FR');
      await open(page)
        .getByRole('link', { name: /Francia/ })
        .click();
      await page.waitForURL((u) => u.pathname === '/it/email-gallery/fr/');
    });
  });
});

describe('email gallery', () => {
  const galleryPages = countries.map((country) => `/email-gallery/${country.code.toLowerCase()}/`);
  it(
    'offers nothing to copy while a link is a placeholder, and never Step 2’s email',
    async () => {
      let checked = 0;
      const failures = await sweepPages(galleryPages, {}, async (page, path, progress) => {
        progress.step('loading');
        await page.goto(url(path));
        progress.step('reading the notes');
        for (const templateId of templateIds) {
          const section = page.locator(`section.email:has(h2#${templateId})`);
          await expect(
            section.getByRole('button', { name: 'Copy invitation text' }).count(),
          ).resolves.toBe(0);
          const note = templateId === 'reseller-invitation' ? '.placeholder-note' : '.who-sends';
          await expect(section.locator(note).isVisible()).resolves.toBe(true);
          const said = (await section.locator(note).textContent())?.replace(/\s+/g, ' ') ?? '';
          expect(said).toMatch(
            templateId === 'reseller-invitation'
              ? /not a working link.*ask Ingram Micro Sales for your country's link/
              : /The Cloud Marketplace sends this email.*same Microsoft acceptance page/,
          );
          checked++;
        }
      });
      expect(failures).toEqual([]);
      expect(checked).toBe(countries.length * templateIds.length);
    },
    sweepTimeout(galleryPages),
  );

  it('loads each email on demand in a sandboxed frame', async () => {
    await withPage({}, async (page) => {
      const loaded: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes('/emails/')) loaded.push(new URL(request.url()).pathname);
      });
      await page.goto(url('/email-gallery/gb/'), { waitUntil: 'load' });
      expect(loaded.every((path) => path.includes('/GB.'))).toBe(true);
      const frame = page.locator('iframe.email-html').first();
      await frame.scrollIntoViewIfNeeded();
      const email = await renderEmail('reseller-invitation', 'GB');
      await expect
        .poll(() =>
          page.locator('iframe.email-html').first().contentFrame().locator('body').textContent(),
        )
        .toContain(email.preheader);
      await expect(frame.getAttribute('sandbox')).resolves.toBe('');
    });
  });
});

const variants = [
  { name: 'light theme, desktop', theme: 'light', width: 1280 },
  { name: 'dark theme, desktop', theme: 'dark', width: 1280 },
  { name: 'light theme, 375 px', theme: 'light', width: 375 },
  { name: 'dark theme, 375 px', theme: 'dark', width: 375 },
] as const;

/**
 * Which pages axe checks in a variant. Light at 1280 px: every page of every
 * language. Dark, and both themes at 375 px: a sample that covers every
 * component and every language (axe takes about a second a page, and the full
 * set would take about ten minutes on two cores): every page in English and
 * German, the overview, Step 1 and the gallery index in the other languages,
 * and one country's gallery page in each language. AXE_ALL_PAGES=1 checks every
 * page in every variant.
 */
const SAMPLE_IN_EVERY_LANGUAGE = [
  '/',
  '/step-1-send-csp-invitation/',
  '/email-gallery/',
  '/email-gallery/fr/',
];
const inSample = (path: string): boolean => {
  const lang = TRANSLATED_LANGUAGES.find((l) => path.startsWith(`/${l}/`));
  if (!lang || lang === 'de')
    return !/^\/(de\/)?email-gallery\/[a-z]{2}\/$/.test(path) || path.endsWith('/fr/');
  return SAMPLE_IN_EVERY_LANGUAGE.map((p) => localePath(lang, p)).includes(path);
};
const axePages = (variant: (typeof variants)[number]): string[] =>
  (variant.theme === 'light' && variant.width === 1280) || process.env.AXE_ALL_PAGES === '1'
    ? pages
    : pages.filter(inSample);

/**
 * The emails are shown in `sandbox=""` frames, where the browser runs no script
 * at all, so axe cannot run inside them; the frames themselves (title, size)
 * are checked with their page, and the email documents on their own below.
 */
const axeForPage = (page: Page): AxeBuilder =>
  new AxeBuilder({ page }).exclude('iframe.email-html').exclude('iframe.email-text');

describe('accessibility (axe-core)', () => {
  for (const variant of variants) {
    const checked = axePages(variant);
    it(
      `has no violations on any page, ${variant.name}`,
      async () => {
        expect(checked.length).toBeGreaterThanOrEqual(
          LANGUAGES.length * SAMPLE_IN_EVERY_LANGUAGE.length,
        );
        const violations: string[] = [];
        const options = { theme: variant.theme, width: variant.width };
        const failures = await sweepPages(checked, options, async (page, path, progress) => {
          progress.step('loading');
          await page.goto(url(path), { waitUntil: 'load' });
          progress.step('checking the theme');
          const theme = await page.evaluate(() => document.documentElement.dataset.theme);
          expect(theme, path).toBe(variant.theme);
          // An open country is checked too (its colours differ from a closed one's).
          await page.evaluate(() => {
            const first = document.querySelector('[data-country-choice] details');
            if (first instanceof HTMLDetailsElement) first.open = true;
          });
          progress.step('running axe');
          const results = await axeForPage(page).analyze();
          for (const v of results.violations) {
            violations.push(
              `${path}: ${v.id} (${v.impact ?? '?'}) ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
            );
          }
        });
        expect({ failures, violations }).toEqual({ failures: [], violations: [] });
      },
      sweepTimeout(checked),
    );
  }

  const emailDocuments = countries.flatMap((country) =>
    templateIds.map((templateId) => ({
      path: `/emails/${templateId}/${country.code}.html`,
      templateId,
      code: country.code,
    })),
  );
  const emailAt = new Map(emailDocuments.map((d) => [d.path, d]));
  it(
    'finds no violation in any email document, best practices included',
    async () => {
      // Each email is wrapped as the Email Markup Consortium recommends (an article
      // named by its subject, in its language) with its content in one main
      // landmark, so the page-structure best practices hold for it too.
      const violations: string[] = [];
      let checked = 0;
      const failures = await sweepPages([...emailAt.keys()], {}, async (page, path, progress) => {
        const { templateId, code } = emailAt.get(path) ?? {};
        if (templateId === undefined || code === undefined) throw new Error('not an email');
        progress.step('loading');
        const response = await page.goto(url(path));
        if (response?.status() !== 200) return; // not translated yet
        progress.step('running axe');
        const results = await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
          .analyze();
        progress.step('reading the wrapper');
        const email = await renderEmail(templateId, code);
        const wrapper = page.getByRole('article', { name: email.subject });
        await expect(wrapper.getAttribute('aria-roledescription')).resolves.toBe('email');
        await expect(wrapper.getAttribute('lang')).resolves.toBe(email.locale);
        checked++;
        for (const v of results.violations) violations.push(`${templateId} ${code}: ${v.id}`);
      });
      expect(checked).toBe(countries.length * templateIds.length);
      expect({ failures, violations }).toEqual({ failures: [], violations: [] });
    },
    sweepTimeout(emailDocuments),
  );
});
