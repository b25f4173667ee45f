/**
 * A missing translation must fail the build, never fall back to English:
 * the check the build runs (src/lib/translation-check.ts), on the real content
 * and on a content folder with a page missing, copied or left over.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SUPPORTED_LANGUAGES } from '@csp-enablement/templates';
import { afterEach, describe, expect, it } from 'vitest';
import { LANGUAGE_LABELS, LANGUAGES, TRANSLATED_LANGUAGES } from '../src/i18n/locales.ts';
import { missingUiStrings, UI } from '../src/i18n/ui.ts';
import { pageTranslationProblems } from '../src/lib/translation-check.ts';

const docs = fileURLToPath(new URL('../src/content/docs/', import.meta.url));
let scratch: string | undefined;
afterEach(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
});
const copyOfDocs = (): string => {
  scratch = mkdtempSync(join(tmpdir(), 'docs-i18n-'));
  cpSync(docs, scratch, { recursive: true });
  return scratch;
};

describe('page translations', () => {
  it('exist for every English page in every language, and nothing else', () => {
    // The site's languages are the emails' languages: one list, in the templates package.
    expect(LANGUAGES).toEqual(SUPPORTED_LANGUAGES);
    expect(TRANSLATED_LANGUAGES).toEqual(SUPPORTED_LANGUAGES.filter((lang) => lang !== 'en'));
    expect(pageTranslationProblems(docs)).toEqual([]);
  });

  it('name a page missing in one language', () => {
    const dir = copyOfDocs();
    unlinkSync(join(dir, 'sv', 'troubleshooting.mdx'));
    expect(pageTranslationProblems(dir)).toEqual([
      'sv/troubleshooting.mdx is missing (English: troubleshooting.mdx)',
    ]);
  });

  it('refuse an English page copied in place of a translation', () => {
    const dir = copyOfDocs();
    cpSync(join(dir, 'index.mdx'), join(dir, 'it', 'index.mdx'));
    expect(pageTranslationProblems(dir)).toEqual([
      'it/index.mdx is a copy of the English page, not a translation',
    ]);
  });

  it('name a translated page that has no English page', () => {
    const dir = copyOfDocs();
    writeFileSync(join(dir, 'nl', 'extra.md'), '---\ntitle: Extra\n---\n');
    expect(pageTranslationProblems(dir)).toEqual(['nl/extra.md has no English page extra.md']);
  });
});

describe('language names', () => {
  it('name each language in itself, for the picker', () => {
    expect(LANGUAGE_LABELS).toMatchObject({
      en: 'English',
      de: 'Deutsch',
      fr: 'Français',
      sv: 'Svenska',
    });
  });
});

describe('UI strings', () => {
  it('exist in every language', () => {
    expect(Object.keys(UI).sort()).toEqual([...LANGUAGES].sort());
    expect(missingUiStrings()).toEqual([]);
  });

  it('are translated, not English left in place', () => {
    for (const lang of TRANSLATED_LANGUAGES) {
      expect(UI[lang].updatedNoteTitle, lang).not.toBe(UI.en.updatedNoteTitle);
      expect(UI[lang].placeholderAdvice, lang).not.toBe(UI.en.placeholderAdvice);
    }
  });
});

describe('Starlight’s and Pagefind’s UI strings', () => {
  /** Pagefind's search strings: Starlight ships them in few languages, so the site gives them all. */
  const PAGEFIND_KEYS = [
    'clear_search',
    'load_more',
    'search_label',
    'filters_label',
    'zero_results',
    'many_results',
    'one_result',
    'alt_search',
    'search_suggestion',
    'searching',
  ].map((key) => `pagefind.${key}`);

  it.each(TRANSLATED_LANGUAGES)('exist in %s, for search results too', (lang) => {
    const file = fileURLToPath(new URL(`../src/content/i18n/${lang}.json`, import.meta.url));
    const strings = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    for (const key of PAGEFIND_KEYS) expect(strings[key], `${lang}.json: ${key}`).toBeTruthy();
    expect(strings['pagefind.many_results']).toContain('[COUNT]');
  });
});
