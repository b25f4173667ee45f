/**
 * The built site in a real browser (Debian's Chromium), in all seven languages:
 * every page opens cleanly, search finds the article in each language, the
 * language picker and the country choice work (and fit a phone), no
 * placeholder is offered to copy, and axe finds no accessibility violation in
 * light and dark theme, on desktop and at 375 px, nor in any email document.
 */
import { readFileSync } from 'node:fs';
import { countries, renderEmail, templateIds } from '@csp-enablement/templates';
import { axeViolations } from '@csp-enablement/testkit/axe';
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

/**
 * Every page is loaded once at 1280 px in light theme and checked there; the sampled
 * pages (below) are then switched to dark theme with Starlight's theme picker, and
 * loaded again at 375 px to be checked in dark and light. One load serves several
 * checks (the sweep used to load each page once per check, 5 times for a sampled page):
 * what each check asserts is unchanged, and each check is still its own test below.
 */
const variants = [
  { name: 'light theme, desktop', theme: 'light', width: 1280 },
  { name: 'dark theme, desktop', theme: 'dark', width: 1280 },
  { name: 'light theme, 375 px', theme: 'light', width: 375 },
  { name: 'dark theme, 375 px', theme: 'dark', width: 375 },
] as const;
type VariantName = (typeof variants)[number]['name'];

/**
 * Which pages axe checks in a variant. Light at 1280 px: every page of every
 * language. Dark, and both themes at 375 px: a sample that covers every
 * component and every language: every page in English and German, the overview,
 * Step 1 and the gallery index in the other languages, and one country's gallery
 * page in each language. AXE_ALL_PAGES=1 checks every page in every variant.
 */
const SAMPLE_IN_EVERY_LANGUAGE = [
  '/',
  '/step-1-send-csp-invitation/',
  '/email-gallery/',
  '/email-gallery/fr/',
];
const inSample = (path: string): boolean => {
  if (process.env.AXE_ALL_PAGES === '1') return true;
  const lang = TRANSLATED_LANGUAGES.find((l) => path.startsWith(`/${l}/`));
  if (!lang || lang === 'de')
    return !/^\/(de\/)?email-gallery\/[a-z]{2}\/$/.test(path) || path.endsWith('/fr/');
  return SAMPLE_IN_EVERY_LANGUAGE.map((p) => localePath(lang, p)).includes(path);
};
const isGalleryPage = (path: string): boolean => /\/email-gallery\/([a-z]{2}\/)?$/.test(path);

/** The email frames run no script (sandbox=""); they are checked as documents below. */
const AXE_EXCLUDE = ['iframe.email-html', 'iframe.email-text'];

describe('every page', () => {
  const articlePages = LANGUAGES.flatMap((lang) => ARTICLE_PAGES.map((p) => localePath(lang, p)));
  const sampled = pages.filter(inSample);
  /** What each check found, `path: what`, filled by the one sweep in beforeAll. */
  const found = {
    sweep: [] as string[],
    problems: [] as string[],
    references: [] as string[],
    fit: [] as string[],
    axe: new Map<VariantName, string[]>(variants.map((v) => [v.name, []])),
    axeChecked: new Map<VariantName, number>(variants.map((v) => [v.name, 0])),
  };
  const axeFound = (variant: VariantName): string[] => found.axe.get(variant) ?? [];

  async function checkAxe(page: Page, path: string, variant: (typeof variants)[number]) {
    const theme = await page.evaluate(() => document.documentElement.dataset.theme);
    if (theme !== variant.theme) {
      axeFound(variant.name).push(`${path}: the page is in ${theme ?? 'no'} theme`);
      return;
    }
    // An open country is checked too (its colours differ from a closed one's).
    await page.evaluate(() => {
      const first = document.querySelector('[data-country-choice] details');
      if (first instanceof HTMLDetailsElement) first.open = true;
    });
    for (const v of await axeViolations(page, { exclude: AXE_EXCLUDE }))
      axeFound(variant.name).push(`${path}: ${v.id} (${v.impact}) ${v.targets.join(' | ')}`);
    found.axeChecked.set(variant.name, (found.axeChecked.get(variant.name) ?? 0) + 1);
  }

  /** Chooses a theme as a reader does (Starlight's picker stores it and applies it). */
  async function chooseTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
    await page.evaluate((t) => {
      const select = document.querySelector('starlight-theme-select select');
      if (!(select instanceof HTMLSelectElement)) throw new Error('no theme picker');
      select.value = t;
      select.dispatchEvent(new Event('change'));
    }, theme);
  }

  beforeAll(async () => {
    const listen = (swept: SweepPage): void => {
      const { page } = swept;
      page.on('console', (message) => {
        // The one expected error: the 404 page's own status.
        if (
          message.type() === 'error' &&
          !(swept.path === '/404.html' && message.text().includes('404'))
        )
          found.problems.push(`${swept.path} console: ${message.text()}`);
      });
      page.on('pageerror', (error) =>
        found.problems.push(`${swept.path} page error: ${error.message}`),
      );
      page.on('requestfailed', (request) => {
        // Leaving a page cancels what it was still loading (lazy frames, prefetches): not a failure.
        if (request.failure()?.errorText !== 'net::ERR_ABORTED')
          found.problems.push(
            `${swept.path} request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`,
          );
      });
    };
    const [lightDesktop, darkDesktop, lightPhone, darkPhone] = variants;
    found.sweep = await sweepPages(pages, { listen }, async (page, path, progress) => {
      await page.setViewportSize({ width: 1280, height: 900 });
      progress.step('loading');
      // The 404 page is what the server answers for any unknown address.
      const address = path === '/404.html' ? '/no-such-page/' : path;
      const response = await page.goto(url(address), { waitUntil: 'load' });
      progress.step('reading the title');
      expect(response?.status(), path).toBe(path === '/404.html' ? 404 : 200);
      expect((await page.locator('h1').first().textContent())?.trim().length, path).toBeGreaterThan(
        3,
      );
      expect(await page.title(), path).toMatch(/\| CSP Enablement Kit$/);
      if (articlePages.includes(path)) {
        progress.step('reading the reference');
        const reference = await page.locator('.kb-reference').textContent();
        if (!reference?.includes('AA-06184'))
          found.references.push(`${path}: reference reads "${reference ?? ''}"`);
      }
      // A fresh context's pages start in light theme (no stored choice).
      progress.step(`running axe, ${lightDesktop.name}`);
      await checkAxe(page, path, lightDesktop);
      if (isGalleryPage(path)) {
        progress.step('measuring at 375 px');
        await page.setViewportSize({ width: 375, height: 900 });
        const width = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          inner: window.innerWidth,
        }));
        if (width.scroll > width.inner)
          found.fit.push(`${path}: ${width.scroll} px wide in ${width.inner} px`);
        await page.setViewportSize({ width: 1280, height: 900 });
      }
      if (!sampled.includes(path)) return;
      progress.step('choosing dark theme');
      await chooseTheme(page, 'dark');
      progress.step(`running axe, ${darkDesktop.name}`);
      await checkAxe(page, path, darkDesktop);
      progress.step('loading at 375 px');
      await page.setViewportSize({ width: 375, height: 900 });
      await page.reload({ waitUntil: 'load' });
      progress.step(`running axe, ${darkPhone.name}`);
      await checkAxe(page, path, darkPhone);
      progress.step('choosing light theme');
      await chooseTheme(page, 'light');
      progress.step(`running axe, ${lightPhone.name}`);
      await checkAxe(page, path, lightPhone);
      // The next page in this worker starts without a stored theme again.
      await page.evaluate(() => {
        localStorage.removeItem('starlight-theme');
      });
    });
  }, sweepTimeout(pages));

  it('opens with its title, no console error and no failed request', () => {
    expect(pages.length).toBeGreaterThanOrEqual(LANGUAGES.length * (9 + countries.length));
    expect({ failures: found.sweep, problems: found.problems }).toEqual({
      failures: [],
      problems: [],
    });
  });

  it('shows the reference number on the article pages, in every language', () => {
    expect(found.sweep).toEqual([]);
    expect(found.references).toEqual([]);
  });

  it('issue 17: every gallery page fits a 375 px phone (no sideways scrolling)', () => {
    expect(pages.filter(isGalleryPage).length).toBe(LANGUAGES.length * (1 + countries.length));
    expect(found.sweep).toEqual([]);
    expect(found.fit).toEqual([]);
  });

  for (const variant of variants) {
    it(`has no accessibility violations (axe-core) on any page, ${variant.name}`, () => {
      const expected = variant.name === 'light theme, desktop' ? pages.length : sampled.length;
      expect(expected).toBeGreaterThanOrEqual(LANGUAGES.length * SAMPLE_IN_EVERY_LANGUAGE.length);
      expect(found.sweep).toEqual([]);
      expect(axeFound(variant.name)).toEqual([]);
      expect(found.axeChecked.get(variant.name)).toBe(expected);
    });
  }
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

  // Pagefind's results line ("N Ergebnisse für …") comes from src/content/i18n/<lang>.json.
  const pagefindStrings = (lang: string): Record<string, string> =>
    JSON.parse(
      readFileSync(new URL(`../src/content/i18n/${lang}.json`, import.meta.url), 'utf8'),
    ) as Record<string, string>;
  const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const { lang, query } of localSearches) {
    it(`issue 17: says how many results it found in ${lang} on a ${lang} page`, async () => {
      const strings = pagefindStrings(lang);
      // One result or many: either of the language's own lines.
      const line = (key: string): string =>
        escape(strings[key] ?? `missing ${key}`)
          .replace('\\[COUNT\\]', '\\d+')
          .replace('\\[SEARCH_TERM\\]', `.{0,2}${escape(query)}.{0,2}`);
      const expected = new RegExp(
        `^(?:${line('pagefind.many_results')}|${line('pagefind.one_result')})$`,
      );
      await withPage({}, async (page) => {
        await search(page, query, `/${lang}/`);
        const message = page.locator('.pagefind-ui__message');
        await expect
          .poll(async () => (await message.textContent())?.trim() ?? '', { timeout: 15_000 })
          .toMatch(expected);
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

describe('theme picker', () => {
  it('issue 17: shows "System" uncut on /de/ at 1280 px', async () => {
    await withPage({ width: 1280 }, async (page) => {
      await page.goto(url('/de/'));
      const select = page.locator('starlight-theme-select select').first();
      await select.waitFor({ state: 'visible' });
      const fit = await select.evaluate((el) => {
        const sel = el as HTMLSelectElement;
        const style = getComputedStyle(sel);
        const inner =
          sel.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        const text = sel.options[sel.selectedIndex]?.text ?? '';
        const context = document.createElement('canvas').getContext('2d');
        if (!context) return { inner, text, width: Number.POSITIVE_INFINITY };
        context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        return { inner, text, width: context.measureText(text).width };
      });
      expect(fit.text).toBe('System');
      expect(
        fit.inner,
        `"${fit.text}" is ${fit.width} px in ${fit.inner} px`,
      ).toBeGreaterThanOrEqual(fit.width);
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

describe('email documents', () => {
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
        const results = await axeViolations(page, {
          tags: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
        });
        progress.step('reading the wrapper');
        const email = await renderEmail(templateId, code);
        const wrapper = page.getByRole('article', { name: email.subject });
        await expect(wrapper.getAttribute('aria-roledescription')).resolves.toBe('email');
        await expect(wrapper.getAttribute('lang')).resolves.toBe(email.locale);
        checked++;
        for (const v of results) violations.push(`${templateId} ${code}: ${v.id}`);
      });
      expect(checked).toBe(countries.length * templateIds.length);
      expect({ failures, violations }).toEqual({ failures: [], violations: [] });
    },
    sweepTimeout(emailDocuments),
  );
});
