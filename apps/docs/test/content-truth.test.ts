/**
 * The built site states Microsoft's labels and facts exactly as the templates
 * package's single source does, every correction of the original article names
 * its source, every article page ends with its sources, and no placeholder can
 * be copied or mistaken for a working link.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  countries,
  displayLabel,
  MICROSOFT_LABEL_KEYS,
  microsoftFacts,
  PARTNER_CENTER_LABEL_KEYS,
  partnerCenterLabels,
} from '@csp-enablement/templates';
import { parse, type HTMLElement } from 'node-html-parser';
import { describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === 'pagefind' || entry.name === 'emails' ? [] : htmlFiles(path);
    return entry.name.endsWith('.html') ? [path] : [];
  });
}
const pages = new Map<string, HTMLElement>(
  htmlFiles(dist).map((file) => {
    const path = `/${relative(dist, file).split(sep).join('/')}`.replace(/index\.html$/, '');
    return [path, parse(readFileSync(file, 'utf8'))];
  }),
);
const page = (url: string): HTMLElement => {
  const found = pages.get(url);
  if (!found) throw new Error(`No page ${url} in dist/; run the build first`);
  return found;
};
/** What a reader reads: the page's main content, the flow diagram's SVG text included. */
const mainText = (doc: HTMLElement): string =>
  (doc.querySelector('main')?.text ?? '').replace(/\s+/g, ' ').replaceAll('’', "'");

const ARTICLE_PAGES = [
  '/',
  '/step-1-send-csp-invitation/',
  '/step-2-customer-authorization-request/',
  '/customer-acceptance/',
  '/troubleshooting/',
];
const UPDATED = 'Updated since the original article';
const ADVICE = "ask Ingram Micro Sales for your country's link";

const updatedNotes = (doc: HTMLElement) =>
  doc
    .querySelectorAll('aside.starlight-aside')
    .filter((aside) => aside.querySelector('.starlight-aside__title')?.text.trim() === UPDATED);

describe('"Updated since the original article" notes', () => {
  it('appear on the article pages for each correction', () => {
    const counts = Object.fromEntries(
      ARTICLE_PAGES.map((url) => [url, updatedNotes(page(url)).length]),
    );
    expect(counts).toEqual({
      '/': 1,
      '/step-1-send-csp-invitation/': 2,
      '/step-2-customer-authorization-request/': 1,
      '/customer-acceptance/': 3,
      '/troubleshooting/': 2,
    });
  });

  it('are distinct landmarks, each named by its topic', () => {
    for (const [url, doc] of pages) {
      const names = doc.querySelectorAll('aside[aria-label]').map((a) => a.getAttribute('aria-label'));
      expect(new Set(names).size, url).toBe(names.length);
      for (const note of updatedNotes(doc))
        expect(note.getAttribute('aria-label'), url).toMatch(/^Updated since the original article: \S/);
    }
  });

  it('each name a source: a Microsoft page, linked, for every fact they state', () => {
    const unsourced: string[] = [];
    for (const [url, doc] of pages) {
      for (const note of updatedNotes(doc)) {
        const links = note.querySelectorAll('.note-sources cite a[href^="https://"]');
        const facts = note.querySelectorAll('[data-ms-fact]');
        if (links.length === 0 || facts.length === 0)
          unsourced.push(`${url}: ${note.text.trim().slice(0, 80)}`);
      }
    }
    expect(unsourced).toEqual([]);
  });
});

describe('Microsoft’s labels and facts on the site', () => {
  it('are stated exactly as the single source states them', () => {
    const wrong: string[] = [];
    let labels = 0;
    let facts = 0;
    for (const [url, doc] of pages) {
      for (const el of doc.querySelectorAll('[data-ms-label]')) {
        labels++;
        const [kind, key] = (el.getAttribute('data-ms-label') ?? '').split('.');
        const expected =
          kind === 'admin'
            ? displayLabel('en', key as (typeof MICROSOFT_LABEL_KEYS)[number])
            : partnerCenterLabels[key as (typeof PARTNER_CENTER_LABEL_KEYS)[number]].text;
        if (el.text !== expected) wrong.push(`${url}: ${el.text} ≠ ${expected}`);
      }
      for (const el of doc.querySelectorAll('[data-ms-fact]')) {
        facts++;
        const fact = microsoftFacts.find((f) => f.id === el.getAttribute('data-ms-fact'));
        if (el.text !== fact?.statement)
          wrong.push(`${url}: fact ${String(el.getAttribute('data-ms-fact'))}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(labels).toBeGreaterThanOrEqual(12);
    expect(facts).toBeGreaterThan(8);
  });

  it('never appear in other words: every mention of a label is the label as Microsoft writes it', () => {
    const texts = [
      ...MICROSOFT_LABEL_KEYS.map((key) => displayLabel('en', key)),
      ...PARTNER_CENTER_LABEL_KEYS.map((key) => partnerCenterLabels[key].text),
    ].filter((t) => t.includes(' ')); // one-word labels ("Customers") are ordinary words too
    const wrong: string[] = [];
    for (const [url, doc] of pages) {
      const text = mainText(doc);
      for (const label of texts) {
        let at = text.toLowerCase().indexOf(label.toLowerCase());
        while (at !== -1) {
          if (text.slice(at, at + label.length) !== label)
            wrong.push(`${url}: "${text.slice(at, at + label.length)}"`);
          at = text.toLowerCase().indexOf(label.toLowerCase(), at + 1);
        }
      }
      // "Accept agreement & authorize partner" is the page's title: nobody selects it.
      if (/\bselects?\s+(the\s+)?[“"]?Accept agreement & authorize partner/i.test(text))
        wrong.push(`${url}: selects the page title`);
    }
    expect(wrong).toEqual([]);
  });

  it('the acceptance steps follow Microsoft’s page: the agreement if shown, then Accept & Authorize', () => {
    const steps = page('/customer-acceptance/')
      .querySelectorAll('ol.sl-steps > li')
      .map((li) => li.text.replace(/\s+/g, ' '));
    expect(steps).toHaveLength(3);
    expect(steps[1]).toContain('On the Accept agreement & authorize partner page');
    expect(steps[1]).toContain('Microsoft Customer Agreement (if shown)');
    expect(steps[2]).toContain('select Accept & Authorize');
  });
});

describe('Sources', () => {
  it.each(ARTICLE_PAGES)('%s ends with its sources, each Microsoft page linked', (url) => {
    const content = page(url).querySelector('.sl-markdown-content');
    const headings = content?.querySelectorAll('h2') ?? [];
    expect(headings.at(-1)?.text.trim()).toBe('Sources');
    const items = content?.querySelectorAll('ol.source-list > li') ?? [];
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items[0]?.text).toContain('AA-06184');
    for (const item of items.slice(1))
      expect(item.querySelector('cite a[href^="https://"]'), item.text).not.toBeNull();
    // Every page a note on this page cites is in its list.
    const listed = new Set(
      items.flatMap((li) => li.querySelectorAll('a').map((a) => a.getAttribute('href'))),
    );
    for (const a of content?.querySelectorAll('.note-sources a') ?? [])
      expect(listed, url).toContain(a.getAttribute('href'));
  });
});

describe('placeholders', () => {
  const placeholderUrls = countries.flatMap((c) =>
    [c.invitationUrl, c.marketplaceUrl]
      .filter((v) => v.provenance.status === 'placeholder')
      .map((v) => v.value),
  );

  it('are never a link, nor text to copy, on any page', () => {
    expect(placeholderUrls.length).toBeGreaterThan(countries.length);
    const found: string[] = [];
    for (const [url, doc] of pages) {
      for (const a of doc.querySelectorAll('a[href]'))
        if (placeholderUrls.includes(a.getAttribute('href') ?? ''))
          found.push(`${url}: link ${String(a.getAttribute('href'))}`);
      const text = doc.text;
      for (const c of countries)
        if (
          c.invitationUrl.provenance.status === 'placeholder' &&
          text.includes(c.invitationUrl.value)
        )
          found.push(`${url}: ${c.code} invitation URL as text`);
    }
    expect(found).toEqual([]);
  });

  it('are replaced by what to do instead', () => {
    for (const url of [
      '/step-1-send-csp-invitation/',
      '/country-marketplaces/',
      '/email-gallery/',
      ...countries.map((c) => `/email-gallery/${c.code.toLowerCase()}/`),
    ])
      expect(mainText(page(url)), url).toContain(ADVICE);
  });

  it('are described as a typical shape, never as Microsoft’s exact one', () => {
    expect(mainText(page('/step-1-send-csp-invitation/'))).toContain('typical shape');
    for (const [url, doc] of pages) expect(mainText(doc), url).not.toMatch(/exact shape|DAP=false/);
  });
});

describe('Step 2’s email', () => {
  it('is sent by the Cloud Marketplace, has no copy button, and leads to the same acceptance page', () => {
    const step2 = mainText(page('/step-2-customer-authorization-request/'));
    expect(step2).toContain(
      'The Cloud Marketplace sends this email (or the sender app, for sales), not you',
    );
    expect(step2).toContain('same Microsoft acceptance page');
    expect(mainText(page('/customer-acceptance/'))).toContain(
      'both lead to the same Microsoft acceptance page',
    );
    for (const [url, doc] of pages)
      expect(
        doc.querySelector('button[data-copy-src*="customer-authorization-request"]'),
        url,
      ).toBeNull();
  });
});
