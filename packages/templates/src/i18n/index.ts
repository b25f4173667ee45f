import { isLanguage, SUPPORTED_LANGUAGES, type Language } from '../languages.js';
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
  en: english('gb'),
  de: german,
  fr: french,
  es: spanish('es-ES'),
  it: italian,
  nl: dutch,
  sv: swedish,
};

/** Locales whose spelling or usage differs from their language's default. */
const byLocale: Readonly<Partial<Record<string, Messages>>> = {
  'en-US': english('us'),
  'en-CA': english('us'),
  'es-MX': spanish('es-MX'),
};

/** The language of a locale (`de-DE` → `de`), or an error naming the supported ones. */
export function languageOf(locale: string): Language {
  const language = locale.slice(0, 2);
  if (!isLanguage(language)) {
    throw new Error(
      `No translations for locale ${locale}: supported languages are ${SUPPORTED_LANGUAGES.join(', ')}`,
    );
  }
  return language;
}

export function messagesFor(locale: string): Messages {
  return byLocale[locale] ?? byLanguage[languageOf(locale)];
}

export type { Messages, MicrosoftUiLabels, EmailFacts, Voice } from './types.js';
