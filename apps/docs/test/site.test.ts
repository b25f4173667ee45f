/**
 * Checks of the built site in dist/ (turbo builds it before `test`): every
 * page, link, anchor and email file, and where the content comes from.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countries, placeholderFields, renderEmail, templateIds } from '@csp-enablement/templates';
import { parse, type HTMLElement } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, localePath, TRANSLATED_LANGUAGES } from '../src/i18n/locales.ts';
import { countriesFor, countryChoiceLabel } from '../src/lib/emails.ts';
import { changelogPath } from '../src/lib/changelog-loader.ts';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === 'pagefind' || entry.name === 'emails' ? [] : htmlFiles(path);
    return entry.name.endsWith('.html') ? [path] : [];
  });
}

const urlOf = (file: string): string => {
  const path = `/${relative(dist, file).split(sep).join('/')}`;
  return path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path;
};

const pages = new Map<string, HTMLElement>(
  htmlFiles(dist).map((file) => [urlOf(file), parse(readFileSync(file, 'utf8'))]),
);
const page = (url: string): HTMLElement => {
  const found = pages.get(url);
  if (!found) throw new Error(`No page ${url} in dist/`);
  return found;
};

const articlePages = [
  '/',
  '/step-1-send-csp-invitation/',
  '/step-2-customer-authorization-request/',
  '/customer-acceptance/',
  '/troubleshooting/',
];
const galleryPages = countries.map((c) => `/email-gallery/${c.code.toLowerCase()}/`);
/** Every page exists in every language: English at the root, the others under `/de/` … */
const expectedPages = [
  ...LANGUAGES.flatMap((lang) =>
    [
      ...articlePages,
      '/country-marketplaces/',
      '/email-gallery/',
      '/template-changelog/',
      ...galleryPages,
    ].map((p) => localePath(lang, p)),
  ),
  '/404.html',
  ...TRANSLATED_LANGUAGES.map((lang) => `/${lang}/404/`),
];
const langOf = (url: string): string =>
  TRANSLATED_LANGUAGES.find((lang) => url.startsWith(`/${lang}/`)) ?? 'en';

/** Resolves a site path to the file the server sends, or undefined. */
function fileFor(pathname: string): string | undefined {
  const direct = join(dist, decodeURIComponent(pathname));
  if (pathname.endsWith('/'))
    return existsSync(join(direct, 'index.html')) ? join(direct, 'index.html') : undefined;
  return existsSync(direct) ? direct : undefined;
}

describe('the built site', () => {
  it('has every page, and no others', () => {
    expect(existsSync(join(dist, 'index.html')), 'run the build first').toBe(true);
    expect([...pages.keys()].sort()).toEqual([...expectedPages].sort());
  });

  it('gives every page a language, one h1, a description and a canonical URL', () => {
    for (const [url, doc] of pages) {
      expect(doc.querySelector('html')?.getAttribute('lang'), url).toBe(langOf(url));
      expect(doc.querySelectorAll('h1'), url).toHaveLength(1);
      expect(
        doc.querySelector('meta[name="description"]')?.getAttribute('content')?.length ?? 0,
        url,
      ).toBeGreaterThan(40);
      if (url !== '/404.html') {
        expect(doc.querySelector('link[rel="canonical"]')?.getAttribute('href'), url).toMatch(
          /^https?:\/\//,
        );
      }
    }
  });

  it('has no broken internal link or anchor, in content or components', () => {
    const broken: string[] = [];
    for (const [url, doc] of pages) {
      const refs = [
        ...doc.querySelectorAll('a[href]').map((a) => a.getAttribute('href') ?? ''),
        ...doc.querySelectorAll('iframe[src], script[src]').map((e) => e.getAttribute('src') ?? ''),
        ...doc.querySelectorAll('link[href]').map((l) => l.getAttribute('href') ?? ''),
      ];
      for (const ref of refs) {
        const target = new URL(ref, `http://site.test${url}`);
        if (target.host !== 'site.test') continue;
        const file = fileFor(target.pathname);
        if (!file) {
          broken.push(`${url} → ${ref}`);
          continue;
        }
        const id = decodeURIComponent(target.hash.slice(1));
        if (id && file.endsWith('.html')) {
          const targetDoc = pages.get(target.pathname) ?? parse(readFileSync(file, 'utf8'));
          if (!targetDoc.getElementById(id)) broken.push(`${url} → ${ref} (no #${id})`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('shows the reference number AA-06184 on every article page', () => {
    for (const url of articlePages) {
      expect(page(url).querySelector('.kb-reference')?.text, url).toContain('AA-06184');
    }
  });

  it('links every page to its translations (hreflang) and lists every page of every language in the sitemap', () => {
    const sitemap = readFileSync(join(dist, 'sitemap-0.xml'), 'utf8');
    const listed = new Set(
      [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1] ?? '').pathname),
    );
    for (const [url, doc] of pages) {
      if (url === '/404.html' || url.endsWith('/404/')) continue;
      expect(listed.has(url), `${url} in the sitemap`).toBe(true);
      const english = url.replace(/^\/(de|fr|es|it|nl|sv)\//, '/');
      const alternates: Record<string, string> = Object.fromEntries(
        doc
          .querySelectorAll('link[rel="alternate"][hreflang]')
          .map((l): [string, string] => [
            l.getAttribute('hreflang') ?? '',
            new URL(l.getAttribute('href') ?? '').pathname,
          ]),
      );
      expect(alternates, url).toEqual({
        ...Object.fromEntries(LANGUAGES.map((lang) => [lang, localePath(lang, english)])),
        'x-default': english,
      });
      // Every alternate is a page that exists: no language falls back to another.
      for (const target of Object.values(alternates))
        expect(pages.has(target), `${url} → ${target}`).toBe(true);
    }
  });

  it('offers a language picker that leads to the same page in every language', () => {
    for (const [url, doc] of pages) {
      if (url === '/404.html') continue;
      const english = url.replace(/^\/(de|fr|es|it|nl|sv)\//, '/');
      const options =
        doc.querySelector('starlight-lang-select select')?.querySelectorAll('option') ?? [];
      expect(
        options.map((o) => o.getAttribute('value')),
        url,
      ).toEqual(LANGUAGES.map((lang) => localePath(lang, english)));
    }
  });

  it('uses Starlight steps and asides, and a country choice in the reader’s language', () => {
    for (const url of [
      '/step-1-send-csp-invitation/',
      '/step-2-customer-authorization-request/',
      '/customer-acceptance/',
    ]) {
      expect(page(url).querySelector('ol.sl-steps'), url).not.toBeNull();
      expect(page(url).querySelectorAll('aside.starlight-aside').length, url).toBeGreaterThan(0);
    }
    for (const lang of LANGUAGES)
      for (const url of [
        '/step-1-send-csp-invitation/',
        '/step-2-customer-authorization-request/',
      ].map((p) => localePath(lang, p))) {
        const choice = page(url).querySelector('[data-country-choice]');
        expect(
          choice?.querySelectorAll('details > summary').map((t) => t.text.trim()),
          url,
        ).toEqual(countriesFor(lang).map((c) => countryChoiceLabel(c, lang)));
      }
    expect(
      page('/de/step-1-send-csp-invitation/').querySelector('[data-country-choice] summary')?.text,
    ).toBe('Deutschland · DE');
  });

  it('lists every registry country on the marketplaces page, placeholders marked', () => {
    const rows = page('/country-marketplaces/').querySelectorAll('table.marketplaces tbody tr');
    expect(rows).toHaveLength(countries.length);
    countries.forEach((country, i) => {
      const row = rows[i];
      expect(row?.querySelector('th')?.text).toContain(country.name);
      if (country.invitationUrl.provenance.status === 'verified')
        expect(row?.text).toContain(country.invitationUrl.value);
      else {
        expect(row?.text).not.toContain(country.invitationUrl.value);
        expect(row?.text).toContain("ask Ingram Micro Sales for your country's link");
      }
      // A marketplace address is a link only once confirmed.
      expect(row?.querySelector(`a[href="${country.marketplaceUrl.value}"]`) !== null).toBe(
        country.marketplaceUrl.provenance.status === 'verified',
      );
      const marked = (row?.querySelectorAll('.mark-placeholder') ?? []).length;
      const expected = [country.marketplaceUrl, country.invitationUrl].filter(
        (v) => v.provenance.status === 'placeholder',
      ).length;
      expect(marked, country.code).toBe(expected);
    });
  });

  it('publishes every email part exactly as the templates package renders it', async () => {
    for (const country of countries) {
      for (const templateId of templateIds) {
        const html = join(dist, 'emails', templateId, `${country.code}.html`);
        const email = await renderEmail(templateId, country.code).catch(() => undefined);
        if (!email) continue; // not translated yet: the gallery says so (see emails.test.ts)
        expect(readFileSync(html, 'utf8'), `${templateId} ${country.code}`).toBe(email.html);
        expect(readFileSync(html.replace(/\.html$/, '.txt'), 'utf8')).toBe(email.text);
      }
    }
  });

  it('shows each email in a sandboxed, lazy iframe, never inline; a copy button only for a confirmed reseller invitation', async () => {
    for (const country of countries) {
      const doc = page(`/email-gallery/${country.code.toLowerCase()}/`);
      const source = doc.toString();
      for (const templateId of templateIds) {
        const email = await renderEmail(templateId, country.code).catch(() => undefined);
        if (!email) continue;
        for (const part of ['html', 'txt']) {
          const frame = doc.querySelector(
            `iframe[src="/emails/${templateId}/${country.code}.${part}"]`,
          );
          expect(frame?.getAttribute('loading')).toBe('lazy');
          expect(frame?.getAttribute('sandbox')).toBe('');
          expect(frame?.getAttribute('title')?.length ?? 0).toBeGreaterThan(10);
        }
        const copyable =
          templateId === 'reseller-invitation' && placeholderFields(country).length === 0;
        expect(
          doc.querySelector(`button[data-copy-src="/emails/${templateId}/${country.code}.txt"]`) !==
            null,
          `${templateId} ${country.code}`,
        ).toBe(copyable);
        const longestLine = email.text
          .split('\n')
          .reduce((a, b) => (b.length > a.length ? b : a), '');
        expect(source).not.toContain(longestLine);
      }
      if (placeholderFields(country).length > 0)
        expect(doc.querySelector('.placeholder-note')).not.toBeNull();
    }
  });

  it('adds script only where the copy button is', () => {
    for (const [url, doc] of pages) {
      const inline = doc
        .querySelectorAll('script')
        .map((s) => s.text)
        .join('\n');
      expect(inline.includes('clipboard'), url).toBe(
        doc.querySelector('button[data-copy-src]') !== null,
      );
    }
  });

  it('renders the templates changelog, every version of it', () => {
    const versions = [...readFileSync(changelogPath(), 'utf8').matchAll(/^## (\S+)/gm)].map(
      (m) => m[1],
    );
    expect(versions.length).toBeGreaterThan(0);
    const headings = page('/template-changelog/')
      .querySelectorAll('.sl-markdown-content h2')
      .map((h) => h.text.trim());
    for (const version of versions) expect(headings).toContain(version);
  });
});
