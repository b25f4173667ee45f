/**
 * Everything the site shows about the emails comes from @csp-enablement/templates:
 * this module only arranges it (which template belongs to which step, where each
 * rendered part is published). No email text is written here.
 */
import {
  countries,
  placeholderFields,
  renderEmail,
  templateIds,
  type CountryRecord,
  type RenderedEmail,
  type TemplateId,
} from '@csp-enablement/templates';
import { localePath, type SiteLanguage } from '../i18n/locales.ts';

export { countries, templateIds, placeholderFields };
export type { CountryRecord, RenderedEmail, TemplateId };

/**
 * Whether the gallery offers to copy an email. Only the reseller's own
 * invitation is ever copied (the Cloud Marketplace or the sender app sends the
 * Customer Authorization Request), and only once every value in it is confirmed:
 * a placeholder must never be copied or mistaken for a working link.
 */
export function copyable(entry: GalleryEntry): boolean {
  return (
    entry.status === 'rendered' &&
    entry.templateId === 'reseller-invitation' &&
    placeholderFields(entry.country).length === 0
  );
}

export type EmailPart = 'html' | 'txt';

/** Where the build publishes one rendered part, e.g. `/emails/reseller-invitation/GB.txt`. */
export function emailPath(templateId: TemplateId, countryCode: string, part: EmailPart): string {
  return `/emails/${templateId}/${countryCode}.${part}`;
}

/** The gallery page of one country, e.g. `/email-gallery/gb/`, `/de/email-gallery/gb/`. */
export function galleryPath(countryCode: string, lang: SiteLanguage = 'en'): string {
  return localePath(lang, `/email-gallery/${countryCode.toLowerCase()}/`);
}

/** Where one email is shown: its country's gallery page, at the template's heading. */
export function galleryLink(
  templateId: TemplateId,
  countryCode: string,
  lang: SiteLanguage = 'en',
): string {
  return `${galleryPath(countryCode, lang)}#${templateId}`;
}

export type GalleryEntry =
  | { templateId: TemplateId; country: CountryRecord; status: 'rendered'; email: RenderedEmail }
  | { templateId: TemplateId; country: CountryRecord; status: 'untranslated'; reason: string };

/**
 * The templates package throws this while a country's language has no
 * translation yet. That one case is shown on the page as "not available yet";
 * any other render error fails the build.
 */
const UNTRANSLATED = /^No translations for locale /;

export async function renderEntry(
  templateId: TemplateId,
  country: CountryRecord,
): Promise<GalleryEntry> {
  try {
    return {
      templateId,
      country,
      status: 'rendered',
      email: await renderEmail(templateId, country.code),
    };
  } catch (error) {
    if (error instanceof Error && UNTRANSLATED.test(error.message)) {
      return { templateId, country, status: 'untranslated', reason: error.message };
    }
    throw error;
  }
}

let entries: Promise<readonly GalleryEntry[]> | undefined;

/** The emails of one country, in template order. */
export async function countryEntries(countryCode: string): Promise<readonly GalleryEntry[]> {
  return (await galleryEntries()).filter((entry) => entry.country.code === countryCode);
}

/** Every template × country of the registry, rendered once per build, in registry order. */
export function galleryEntries(): Promise<readonly GalleryEntry[]> {
  entries ??= Promise.all(
    countries.flatMap((country) =>
      templateIds.map((templateId) => renderEntry(templateId, country)),
    ),
  );
  return entries;
}

export async function renderedEmail(
  templateId: TemplateId,
  countryCode: string,
): Promise<RenderedEmail> {
  const entry = (await galleryEntries()).find(
    (e) => e.templateId === templateId && e.country.code === countryCode,
  );
  if (entry?.status !== 'rendered') {
    throw new Error(`No rendered email for ${templateId} × ${countryCode}`);
  }
  return entry.email;
}

/** The name of a country's email language in the reader's language, e.g. `de-DE` → "German", "Deutsch". */
export function languageName(locale: string, lang: SiteLanguage = 'en'): string {
  return new Intl.DisplayNames([lang], { type: 'language' }).of(locale.slice(0, 2)) ?? locale;
}

/** A country's name in the reader's language: "Deutschland" on the German site. */
export function countryName(country: CountryRecord, lang: SiteLanguage): string {
  return lang === 'en'
    ? country.name
    : (new Intl.DisplayNames([lang], { type: 'region' }).of(country.code) ?? country.name);
}

/** How a country is offered for choice: found by its name in the reader's language, and by its code ("Deutschland · DE"). */
export function countryChoiceLabel(country: CountryRecord, lang: SiteLanguage): string {
  return `${countryName(country, lang)} · ${country.code}`;
}

/** The registry's countries, those whose emails are in the reader's language first (registry order otherwise). */
export function countriesFor(lang: SiteLanguage): CountryRecord[] {
  const own = (c: CountryRecord): boolean => c.locale.slice(0, 2) === lang;
  return [...countries.filter(own), ...countries.filter((c) => !own(c))];
}
