/**
 * The site's languages: English at the root, and the six other languages the
 * emails are written in, each under its own path (`/de/`, `/fr/` …). Starlight's
 * `locales` option and every per-language check read this one list.
 */
export const LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'nl', 'sv'] as const;
export type SiteLanguage = (typeof LANGUAGES)[number];

/** The languages under a path of their own (all but English, which is at the root). */
export const TRANSLATED_LANGUAGES = LANGUAGES.filter(
  (lang): lang is Exclude<SiteLanguage, 'en'> => lang !== 'en',
);

/** Each language's name in itself, for the language picker. */
export const LANGUAGE_LABELS: Readonly<Record<SiteLanguage, string>> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
  it: 'Italiano',
  nl: 'Nederlands',
  sv: 'Svenska',
};

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
