/**
 * Microsoft's labels and facts, as the templates package's single source holds
 * them. The site never writes them itself: components take them from here.
 */
import {
  displayLabel,
  factStatement,
  microsoftFact,
  partnerCenterLabels,
  provenancePage,
  type MicrosoftFact,
  type MicrosoftFactId,
  type MicrosoftLabelKey,
  type PartnerCenterLabelKey,
} from '@csp-enablement/templates';

import type { SiteLanguage } from '../i18n/locales.ts';

export type { MicrosoftFact, MicrosoftFactId, MicrosoftLabelKey, PartnerCenterLabelKey };

/** A Microsoft 365 admin center label as the site shows it in a language. */
export const adminLabel = (key: MicrosoftLabelKey, lang: SiteLanguage = 'en'): string =>
  displayLabel(lang, key);

/** A Partner Center label as the site shows it. */
export const partnerCenterLabel = (key: PartnerCenterLabelKey): string =>
  partnerCenterLabels[key].text;

export const fact = (id: MicrosoftFactId): MicrosoftFact => microsoftFact(id);

/** A fact's statement in the page's language, its labels as that language shows them. */
export const factText = (id: MicrosoftFactId, lang: SiteLanguage): string =>
  factStatement(microsoftFact(id), lang);

/** The language of a Microsoft page, from its locale path (`/de-de/` → `de`); English otherwise. */
export const pageLanguageOf = (url: string): string =>
  /\/([a-z]{2})-[a-z]{2}\//i.exec(url)?.[1]?.toLowerCase() ?? 'en';

export interface SourceEntry {
  url: string;
  title: string;
  /** The language of the page (Microsoft Learn's locale path), for its title and quotes. */
  lang: string;
  /** The quoted words of confirmed facts. */
  quotes: string[];
  /** The ids of the facts not confirmed yet on that page. */
  unconfirmed: MicrosoftFactId[];
}

/** The pages behind some facts, each once, in the order the facts are given. */
export function sourcesOf(ids: readonly MicrosoftFactId[]): SourceEntry[] {
  const byUrl = new Map<string, SourceEntry>();
  for (const id of ids) {
    const { provenance } = microsoftFact(id);
    const page = provenancePage(provenance);
    if (!page) throw new Error(`Microsoft fact ${id} names no page to cite`);
    const entry = byUrl.get(page.url) ?? {
      ...page,
      lang: pageLanguageOf(page.url),
      quotes: [],
      unconfirmed: [],
    };
    if (provenance.status === 'confirmed') {
      if (!entry.quotes.includes(provenance.source.quote))
        entry.quotes.push(provenance.source.quote);
    } else {
      entry.unconfirmed.push(id);
    }
    byUrl.set(page.url, entry);
  }
  return [...byUrl.values()];
}
