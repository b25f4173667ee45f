import type { Language } from '../countries/schema.js';
import { german } from './de.js';
import { english } from './en.js';
import { spanish } from './es.js';
import { french } from './fr.js';
import { italian } from './it.js';
import { dutch } from './nl.js';
import { swedish } from './sv.js';
import type { Messages } from './types.js';

/** Every supported language has a default text: the type makes a missing one a compile error. */
const byLanguage: Readonly<Record<Language, Messages>> = {
  en: english('organisation'),
  de: german,
  fr: french,
  es: spanish('es-ES'),
  it: italian,
  nl: dutch,
  sv: swedish,
};

/** Locales whose spelling or usage differs from their language's default. */
const byLocale: Readonly<Partial<Record<string, Messages>>> = {
  'en-US': english('organization'),
  'en-CA': english('organization'),
  'es-MX': spanish('es-MX'),
};

export function messagesFor(locale: string): Messages {
  const messages = byLocale[locale] ?? byLanguage[locale.slice(0, 2) as Language];
  // Reached only for a locale whose language is not in SUPPORTED_LANGUAGES.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
  if (!messages) throw new Error(`No translations for locale ${locale}`);
  return messages;
}

export type { Messages, MicrosoftUiLabels, EmailFacts } from './types.js';
