import type { Language } from '../countries/schema.js';
import { english } from './en.js';
import type { Messages } from './types.js';

const byLanguage: Partial<Record<Language, Messages>> = {
  en: english('organisation'),
};

/** Locales whose spelling differs from their language's default. */
const byLocale: Readonly<Record<string, Messages>> = {
  'en-US': english('organization'),
  'en-CA': english('organization'),
};

export function messagesFor(locale: string): Messages {
  const messages = byLocale[locale] ?? byLanguage[locale.slice(0, 2) as Language];
  if (!messages) throw new Error(`No translations for locale ${locale}`);
  return messages;
}

export type { Messages, MicrosoftUiLabels, EmailFacts } from './types.js';
