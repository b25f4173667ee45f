/**
 * The languages of the emails, and of the docs site, which derives its own list
 * from this one (apps/docs/src/i18n/locales.ts). English first: it is the
 * reference every other language is checked against, and the site's root.
 * Adding a language here is step 1 of "Add a language" in the root README; the
 * types then name every table that still needs it.
 */
export const SUPPORTED_LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'nl', 'sv'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

export function isLanguage(value: string): value is Language {
  return (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}
