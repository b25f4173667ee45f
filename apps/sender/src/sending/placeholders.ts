import {
  countries,
  placeholderFields,
  type CountryRecord,
  type RegistryField,
} from '@csp-enablement/templates';

/** The parts of an email a recipient reads. */
export interface EmailContent {
  from: string;
  html: string;
  text: string;
}

/** One registry value marked placeholder that an email carries. */
export interface PlaceholderHit {
  country: string;
  field: RegistryField;
  value: string;
  reason: string;
}

const escapeHtml = (s: string): string =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/**
 * How a value can show in an email: as written, HTML-escaped (`&` → `&amp;` in an href),
 * and for a link what identifies it on its own (the partner id of an invitation link,
 * the host of a marketplace address, which the emails print without `https://`).
 */
function needles(field: RegistryField, value: string): string[] {
  const out = new Set([value, escapeHtml(value)]);
  if (/^https?:\/\//i.test(value)) {
    const url = new URL(value);
    const id = url.searchParams.get('partnerId');
    if (field === 'invitationUrl' && id) out.add(id);
    else if (field !== 'invitationUrl') out.add(url.host);
  }
  return [...out].map((n) => n.toLowerCase());
}

/** Every placeholder value of the registry with what to look for; the email's own country first. */
function candidates(list: readonly CountryRecord[]): { hit: PlaceholderHit; needles: string[] }[] {
  return list.flatMap((country) =>
    placeholderFields(country).map((field) => {
      const record = country[field];
      const reason = record.provenance.status === 'placeholder' ? record.provenance.reason : '';
      return {
        hit: { country: country.code, field, value: record.value, reason },
        needles: needles(field, record.value),
      };
    }),
  );
}

const defaultCandidates = candidates(countries);

// The locked emails come from the catalog as the same objects every time (a batch hands
// the same one for each of its up to 100 emails; previews cycle through 56): one scan each.
const scanned = new WeakMap<EmailContent, PlaceholderHit[]>();

/**
 * Every registry value marked placeholder (of any country: links, addresses, any record)
 * found in the email's From, HTML or text, compared case-insensitively.
 */
export function placeholdersIn(
  email: EmailContent,
  list: readonly CountryRecord[] = countries,
): PlaceholderHit[] {
  const own = list === countries;
  const known = own ? scanned.get(email) : undefined;
  if (known) return known;
  const haystack = `${email.from}\n${email.html}\n${email.text}`.toLowerCase();
  const hits = (own ? defaultCandidates : candidates(list))
    .filter((c) => c.needles.some((n) => haystack.includes(n)))
    .map((c) => c.hit);
  if (own) scanned.set(email, hits);
  return hits;
}

/** `cloud.support.uk@ingrammicro.com (registry record GB supportContact: …)`, one per value. */
export function describePlaceholders(hits: readonly PlaceholderHit[]): string {
  return hits
    .map((h) => `${h.value} (registry record ${h.country} ${h.field}, placeholder: ${h.reason})`)
    .join('; ');
}

/** The refusal for an email carrying placeholders, or undefined when it carries none. */
export function placeholderRefusal(
  email: EmailContent,
  transportName: string,
  list: readonly CountryRecord[] = countries,
): string | undefined {
  const hits = placeholdersIn(email, list);
  if (hits.length === 0) return undefined;
  return `the email carries registry placeholder value${hits.length === 1 ? '' : 's'} ${describePlaceholders(hits)}: the ${transportName} transport of this run does not send placeholders to real recipients, so it was not sent`;
}
