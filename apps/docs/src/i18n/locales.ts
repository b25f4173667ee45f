import { SUPPORTED_LANGUAGES, type Language } from '@csp-enablement/templates';

/**
 * The site's languages are the emails' languages, from the one list in the
 * templates package (packages/templates/src/languages.ts): English at the root,
 * every other language under its own path (`/de/`, `/fr/` …). Starlight's
 * `locales` option and every per-language check read this list; the typed
 * tables (ui.ts, sidebar.ts) make a language without its strings a type error.
 */
export const LANGUAGES = SUPPORTED_LANGUAGES;
export type SiteLanguage = Language;

/** The languages under a path of their own (all but English, which is at the root). */
export const TRANSLATED_LANGUAGES = LANGUAGES.filter(
  (lang): lang is Exclude<SiteLanguage, 'en'> => lang !== 'en',
);

/** A language's name in itself, capitalised as a picker's entry: "Deutsch", "Français". */
export function languageLabel(lang: SiteLanguage): string {
  const name = new Intl.DisplayNames([lang], { type: 'language' }).of(lang) ?? lang;
  return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
}

/** Each language's name in itself, for the language picker. */
export const LANGUAGE_LABELS: Readonly<Record<SiteLanguage, string>> = Object.fromEntries(
  LANGUAGES.map((lang) => [lang, languageLabel(lang)]),
) as Record<SiteLanguage, string>;

/** Starlight's `locales`: English is the root locale, the others are directories. */
export const starlightLocales = Object.fromEntries(
  LANGUAGES.map((lang) => [lang === 'en' ? 'root' : lang, { label: LANGUAGE_LABELS[lang], lang }]),
);

export function isSiteLanguage(value: string): value is SiteLanguage {
  return (LANGUAGES as readonly string[]).includes(value);
}

/** A root-relative site path in a language: `/troubleshooting/` → `/de/troubleshooting/`. */
export function localePath(lang: SiteLanguage, path: string): string {
  return lang === 'en' ? path : `/${lang}${path}`;
}
