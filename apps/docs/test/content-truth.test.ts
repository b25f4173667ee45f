/**
 * The built site, in every language, states Microsoft's labels and facts exactly
 * as the templates package's single source does (the label of the page's
 * language, with the English beside an unconfirmed one, as in the emails), every correction of the original article names
 * its source, every article page ends with its sources, and no placeholder can
 * be copied or mistaken for a working link.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  countries,
  displayLabel,
  factStatement,
  MICROSOFT_LABEL_KEYS,
  microsoftFacts,
  PARTNER_CENTER_LABEL_KEYS,
  partnerCenterLabels,
} from '@csp-enablement/templates';
import { HTMLElement, NodeType, parse, type Node } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import {
  LANGUAGES,
  localePath,
  TRANSLATED_LANGUAGES,
  type SiteLanguage,
} from '../src/i18n/locales.ts';
import { UI } from '../src/i18n/ui.ts';

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

const ENGLISH_ARTICLE_PAGES = [
  '/',
  '/step-1-send-csp-invitation/',
  '/step-2-customer-authorization-request/',
  '/customer-acceptance/',
  '/troubleshooting/',
];
/** Every article page in every language: `/`, `/de/`, …, `/sv/troubleshooting/`. */
const ARTICLE_PAGES = LANGUAGES.flatMap((lang) =>
  ENGLISH_ARTICLE_PAGES.map((p) => localePath(lang, p)),
);
/** The language of a built page, from its path. */
const langOf = (url: string): SiteLanguage =>
  LANGUAGES.find((lang) => lang !== 'en' && url.startsWith(`/${lang}/`)) ?? 'en';
const advice = (url: string): string => UI[langOf(url)].placeholderAdvice.replaceAll('’', "'");

const updatedNotes = (doc: HTMLElement, url: string) =>
  doc
    .querySelectorAll('aside.starlight-aside')
    .filter(
      (aside) =>
        aside.querySelector('.starlight-aside__title')?.text.trim() ===
        UI[langOf(url)].updatedNoteTitle,
    );

describe('"Updated since the original article" notes', () => {
  it('appear on the article pages for each correction, in every language', () => {
    const expected = {
      '/': 1,
      '/step-1-send-csp-invitation/': 2,
      '/step-2-customer-authorization-request/': 1,
      '/customer-acceptance/': 3,
      '/troubleshooting/': 2,
    };
    for (const lang of LANGUAGES) {
      const counts = Object.fromEntries(
        ENGLISH_ARTICLE_PAGES.map((url) => [
          url,
          updatedNotes(page(localePath(lang, url)), localePath(lang, url)).length,
        ]),
      );
      expect(counts, lang).toEqual(expected);
    }
  });

  it('are distinct landmarks, each named by its topic', () => {
    for (const [url, doc] of pages) {
      const names = doc
        .querySelectorAll('aside[aria-label]')
        .map((a) => a.getAttribute('aria-label'));
      expect(new Set(names).size, url).toBe(names.length);
      for (const note of updatedNotes(doc, url))
        expect(
          note.getAttribute('aria-label')?.startsWith(`${UI[langOf(url)].updatedNoteTitle}: `),
          url,
        ).toBe(true);
    }
  });

  it('each name a source: a Microsoft page, linked, for every fact they state', () => {
    const unsourced: string[] = [];
    for (const [url, doc] of pages) {
      for (const note of updatedNotes(doc, url)) {
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
            ? displayLabel(langOf(url), key as (typeof MICROSOFT_LABEL_KEYS)[number])
            : partnerCenterLabels[key as (typeof PARTNER_CENTER_LABEL_KEYS)[number]].text;
        if (el.text !== expected) wrong.push(`${url}: ${el.text} ≠ ${expected}`);
      }
      for (const el of doc.querySelectorAll('[data-ms-fact]')) {
        facts++;
        const fact = microsoftFacts.find((f) => f.id === el.getAttribute('data-ms-fact'));
        if (!fact || el.text !== factStatement(fact, langOf(url)))
          wrong.push(`${url}: fact ${String(el.getAttribute('data-ms-fact'))}`);
        // A fact is stated in the page's language, never marked as English there.
        if (langOf(url) !== 'en' && el.closest('[lang^="en"]'))
          wrong.push(`${url}: fact ${String(el.getAttribute('data-ms-fact'))} marked as English`);
      }
    }
    expect(wrong).toEqual([]);
    expect(labels).toBeGreaterThanOrEqual(12 * LANGUAGES.length);
    expect(facts).toBeGreaterThan(8 * LANGUAGES.length);
  });

  it('never appear in other words: every mention of a label is the label as Microsoft writes it', () => {
    const labelsOf = (lang: SiteLanguage): string[] =>
      [
        ...MICROSOFT_LABEL_KEYS.map((key) => displayLabel(lang, key)),
        ...PARTNER_CENTER_LABEL_KEYS.map((key) => partnerCenterLabels[key].text),
      ]
        .filter((t) => t.includes(' ')) // one-word labels ("Customers") are ordinary words too
        .map((t) => t.replaceAll('’', "'"));
    const wrong: string[] = [];
    for (const [url, doc] of pages) {
      const texts = labelsOf(langOf(url));
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

  it('the acceptance steps show every language’s labels, with the English beside the unconfirmed ones', () => {
    for (const lang of LANGUAGES) {
      const steps = page(localePath(lang, '/customer-acceptance/'))
        .querySelectorAll('ol.sl-steps > li')
        .map((li) => li.text.replace(/\s+/g, ' '));
      expect(steps, lang).toHaveLength(3);
      expect(steps[1], lang).toContain(displayLabel(lang, 'acceptAgreementPage'));
      expect(steps[1], lang).toContain(displayLabel(lang, 'customerAgreement'));
      expect(steps[2], lang).toContain(displayLabel(lang, 'acceptAndAuthorizeButton'));
      if (lang !== 'en') expect(steps[2], lang).toContain('(Accept & Authorize)');
    }
    expect(displayLabel('de', 'acceptAndAuthorizeButton')).toBe(
      'Akzeptieren und autorisieren (Accept & Authorize)',
    );
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
    expect(headings.at(-1)?.text.trim()).toBe(UI[langOf(url)].sources);
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
    for (const lang of LANGUAGES)
      for (const url of [
        '/step-1-send-csp-invitation/',
        '/country-marketplaces/',
        ...countries.map((c) => `/email-gallery/${c.code.toLowerCase()}/`),
      ].map((p) => localePath(lang, p)))
        expect(mainText(page(url)).toLowerCase(), url).toContain(advice(url).toLowerCase());
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

/**
 * What a reader of a translated page reads in the page's language: the body's
 * text, leaving out what is marked as English (`lang="en"`: a quoted source,
 * a Partner Center label) and scripts.
 */
function unmarkedText(node: Node, pageLang: SiteLanguage): string {
  if (node.nodeType === NodeType.TEXT_NODE) return node.text;
  if (!(node instanceof HTMLElement)) return '';
  const el = node;
  if (['script', 'style', 'template'].includes(el.rawTagName.toLowerCase())) return '';
  if (pageLang !== 'en' && el.getAttribute('lang')?.toLowerCase().startsWith('en')) return ' ';
  return el.childNodes.map((child) => unmarkedText(child, pageLang)).join('');
}
const fail = (): never => {
  throw new Error('no Microsoft facts');
};
const normalise = (text: string): string => text.replace(/\s+/g, ' ').replaceAll('’', "'").trim();

/** Every string of a table, functions called with a marker that splits them into their fixed parts. */
function englishParts(value: unknown): string[] {
  const MARK = '\u0000';
  if (typeof value === 'string') return value.split(MARK);
  if (typeof value === 'function') {
    const fn = value as (...args: string[]) => unknown;
    return englishParts(fn(...Array.from({ length: Math.max(fn.length, 1) }, () => MARK)));
  }
  if (Array.isArray(value)) return value.flatMap(englishParts);
  if (value && typeof value === 'object') return Object.values(value).flatMap(englishParts);
  return [];
}

describe('translated pages', () => {
  /** The English sentences a translated page must not hold: facts and the site's UI table. */
  const englishSentences = [
    ...new Set(
      [...microsoftFacts.map((f) => factStatement(f, 'en')), ...englishParts(UI.en)]
        .map(normalise)
        // Sentences, not names: "Customer Authorization Request" is the Marketplace's button.
        .filter((part) => part.split(' ').length >= 4),
    ),
  ];

  it('finds the English sentences it looks for', () => {
    expect(englishSentences).toContain(normalise(UI.en.registryReasons.marketplaceUrl));
    for (const fact of microsoftFacts)
      expect(englishSentences).toContain(normalise(factStatement(fact, 'en')));
    expect(englishSentences.length).toBeGreaterThan(50);
  });

  it('finds them on the English pages, where they belong (the check sees what it looks for)', () => {
    const english = [...pages]
      .filter(([url]) => langOf(url) === 'en')
      .map(([, doc]) => normalise(unmarkedText(doc.querySelector('body') ?? doc, 'en')))
      .join(' ');
    const seen = englishSentences.filter((sentence) => english.includes(sentence));
    expect(seen).toContain(normalise(UI.en.registryReasons.marketplaceUrl));
    expect(seen).toContain(normalise(factStatement(microsoftFacts[0] ?? fail(), 'en')));
  });

  it.each(TRANSLATED_LANGUAGES)(
    '/%s/ holds no sentence of the English fact or UI tables, except quoted text marked lang="en"',
    (lang) => {
      const found: string[] = [];
      for (const [url, doc] of pages) {
        if (langOf(url) !== lang) continue;
        const body = doc.querySelector('body');
        const text = body ? normalise(unmarkedText(body, lang)) : '';
        for (const sentence of englishSentences)
          if (text.includes(sentence)) found.push(`${url}: "${sentence}"`);
      }
      expect(found).toEqual([]);
    },
  );
});

describe('the email gallery’s envelope', () => {
  it('shows Step 1 as sent by the reseller, Step 2 from the Cloud Marketplace, and the support contact as a placeholder', () => {
    for (const lang of LANGUAGES)
      for (const country of countries) {
        const url = localePath(lang, `/email-gallery/${country.code.toLowerCase()}/`);
        const envelope = (templateId: string): string =>
          normalise(
            page(url).querySelector(`section[aria-labelledby="${templateId}"] dl.facts`)?.text ??
              '',
          );
        const step1 = envelope('reseller-invitation');
        // The article says "sent from DoNotReply@IngramMicro.com" of Step 2 only.
        expect(step1, url).not.toContain(country.senderAddress.value);
        expect(step1, url).toContain(normalise(UI[lang].fromReseller));
        expect(envelope('customer-authorization-request'), url).toContain(
          country.senderAddress.value,
        );
        if (country.supportContact.provenance.status === 'placeholder')
          expect(step1, url).toContain(`${country.supportContact.value} ${UI[lang].placeholder}`);
      }
  });
});

describe('the original article’s words', () => {
  /** Sentences of the seed article (AA-06184) the site quotes word for word. */
  const STEP2_OVERVIEW = 'Accept request in the Microsoft customer-level access portal';
  const STEP2_BODY =
    'Enabling Ingram Micro as the CSP Partner on the Customer Tenant (through Cloud Marketplace)';

  it('name Step 2 as the article does, twice, quoted in English on every page', () => {
    for (const lang of LANGUAGES) {
      for (const url of ['/', '/step-2-customer-authorization-request/'].map((p) =>
        localePath(lang, p),
      )) {
        const quotes = page(url)
          .querySelectorAll(lang === 'en' ? 'main' : 'main q[lang="en"]')
          .map((q) => normalise(q.text));
        const text = quotes.join(' ');
        expect(text, url).toContain(STEP2_OVERVIEW);
        expect(text, url).toContain(STEP2_BODY);
      }
    }
  });

  it('keep "Not all three will be displayed" and say what the article leaves out', () => {
    const step2 = mainText(page('/step-2-customer-authorization-request/'));
    expect(step2).toContain(
      'The links will be specific to each country marketplace. Not all three will be displayed.',
    );
    expect(step2).toContain('The article does not name the sub-tab.');
    for (const [url, doc] of pages) {
      expect(mainText(doc), url).not.toContain('The email carries only the links');
      expect(mainText(doc), url).not.toMatch(/retired Office 365/i);
    }
  });

  it('say once who may accept: the article’s Global Administrator and Microsoft’s Billing Administrator', () => {
    for (const lang of LANGUAGES) {
      const notes = updatedNotes(
        page(localePath(lang, '/customer-acceptance/')),
        localePath(lang, '/customer-acceptance/'),
      );
      const who = notes.find((n) =>
        n.querySelector('[data-ms-fact="billingAdministratorMayAccept"]'),
      );
      expect(who?.querySelector('q')?.text.replace(/\s+/g, ' '), lang).toBe(
        'Note that the person accepting the invitation must have the global admin role permissions on the tenant.',
      );
      expect(
        who?.querySelector('[data-ms-label="admin.globalAdministrator"]'),
        lang,
      ).not.toBeNull();
      expect(
        who?.querySelector('[data-ms-label="admin.billingAdministrator"]'),
        lang,
      ).not.toBeNull();
      // No second, contradicting box on the page.
      expect(
        page(localePath(lang, '/customer-acceptance/')).querySelectorAll(
          'aside.starlight-aside--caution',
        ),
        lang,
      ).toHaveLength(0);
    }
  });
});
