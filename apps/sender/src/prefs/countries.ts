/** The country list in the order of the user's language (Accept-Language), by name. */
import { countries } from '../catalog.js';
import type { CountryRecord } from '@csp-enablement/templates';

const sorted = new Map<string, readonly CountryRecord[]>();

/** The user's preferred language that Intl can sort in; English when none is given or known. */
export function userLocale(acceptLanguage: string | undefined): string {
  const tags = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((t) => t.tag !== '' && t.tag !== '*' && t.q > 0 && t.tag.length <= 35)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of tags) {
    try {
      const [supported] = Intl.Collator.supportedLocalesOf([tag]);
      if (supported !== undefined) return supported;
    } catch {
      // Not a language tag: the next one.
    }
  }
  return 'en';
}

/** Countries sorted by name with that language's collation (cached per language). */
export function countriesFor(acceptLanguage: string | undefined): readonly CountryRecord[] {
  const locale = userLocale(acceptLanguage);
  let list = sorted.get(locale);
  if (list === undefined) {
    const collator = new Intl.Collator(locale, { sensitivity: 'base' });
    list = [...countries].sort((a, b) => collator.compare(a.name, b.name));
    // Clients choose the tag: the cache stays small whatever they send.
    if (sorted.size >= 64) sorted.clear();
    sorted.set(locale, list);
  }
  return list;
}
