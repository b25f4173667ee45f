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

export { countries, templateIds, placeholderFields };
export type { CountryRecord, RenderedEmail, TemplateId };

/** What the site says wherever a value is a placeholder instead of a working link. */
export const PLACEHOLDER_ADVICE = "ask Ingram Micro Sales for your country's link";

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

/** How the docs refer to each template (page labels, not email text). */
export const templateLabels: Readonly<Record<TemplateId, { name: string; step: string }>> = {
  'reseller-invitation': { name: 'Reseller invitation', step: 'Step 1' },
  'customer-authorization-request': { name: 'Customer Authorization Request', step: 'Step 2' },
};

export type EmailPart = 'html' | 'txt';

/** Where the build publishes one rendered part, e.g. `/emails/reseller-invitation/GB.txt`. */
export function emailPath(templateId: TemplateId, countryCode: string, part: EmailPart): string {
  return `/emails/${templateId}/${countryCode}.${part}`;
}

/** The gallery page of one country, e.g. `/email-gallery/gb/`. */
export function galleryPath(countryCode: string): string {
  return `/email-gallery/${countryCode.toLowerCase()}/`;
}

/** Where one email is shown: its country's gallery page, at the template's heading. */
export function galleryLink(templateId: TemplateId, countryCode: string): string {
  return `${galleryPath(countryCode)}#${templateId}`;
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
    return { templateId, country, status: 'rendered', email: await renderEmail(templateId, country.code) };
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
    countries.flatMap((country) => templateIds.map((templateId) => renderEntry(templateId, country))),
  );
  return entries;
}

export async function renderedEmail(templateId: TemplateId, countryCode: string): Promise<RenderedEmail> {
  const entry = (await galleryEntries()).find(
    (e) => e.templateId === templateId && e.country.code === countryCode,
  );
  if (entry?.status !== 'rendered') {
    throw new Error(`No rendered email for ${templateId} × ${countryCode}`);
  }
  return entry.email;
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });

/** The English name of a country's email language, e.g. `de-DE` → "German". */
export function languageName(locale: string): string {
  return languageNames.of(locale.slice(0, 2)) ?? locale;
}

/** The tab label of a country: the same on every page, so synced tabs follow the reader. */
export function countryTabLabel(country: CountryRecord): string {
  return country.name;
}
