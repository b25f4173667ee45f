import { allPairs, countries, renderEmail, templateIds } from '@csp-enablement/templates';
import { describe, expect, it } from 'vitest';
import {
  copyable,
  countriesFor,
  countryChoiceLabel,
  countryEntries,
  emailPath,
  galleryEntries,
  galleryLink,
  galleryPath,
  languageName,
  renderEntry,
} from '../src/lib/emails.ts';
import { LANGUAGES } from '../src/i18n/locales.ts';
import { ui } from '../src/i18n/ui.ts';

describe('gallery entries', () => {
  it('cover every template × country of the registry, in registry order', async () => {
    const entries = await galleryEntries();
    expect(entries.map((e) => ({ templateId: e.templateId, country: e.country.code }))).toEqual(
      countries.flatMap((c) => templateIds.map((templateId) => ({ templateId, country: c.code }))),
    );
    expect(entries).toHaveLength(allPairs().length);
  });

  it('hold exactly what the templates package renders', async () => {
    for (const entry of await galleryEntries()) {
      if (entry.status !== 'rendered') continue;
      const email = await renderEmail(entry.templateId, entry.country.code);
      expect(entry.email.text).toBe(email.text);
      expect(entry.email.html).toBe(email.html);
      expect(entry.email.fingerprint).toBe(email.fingerprint);
    }
  });

  it('mark a country as untranslated only when the templates package says so', async () => {
    for (const entry of await galleryEntries()) {
      if (entry.status === 'rendered') continue;
      await expect(renderEmail(entry.templateId, entry.country.code)).rejects.toThrow(
        /^No translations for locale /,
      );
      expect(entry.reason).toMatch(/^No translations for locale /);
    }
  });

  it('let any other render error fail the build', async () => {
    const bogus = { ...countries[0], code: 'XX' } as (typeof countries)[number];
    await expect(renderEntry('reseller-invitation', bogus)).rejects.toThrow(/Unknown country "XX"/);
  });

  it('group by country in template order', async () => {
    const gb = await countryEntries('GB');
    expect(gb.map((e) => e.templateId)).toEqual([...templateIds]);
    expect(gb.every((e) => e.country.code === 'GB')).toBe(true);
  });
});

describe('names and paths', () => {
  it('label every template in every language', () => {
    for (const lang of LANGUAGES)
      for (const id of templateIds) expect(ui(lang).templateNames[id].length).toBeGreaterThan(3);
  });

  it('publish each part under /emails/ and each country under /email-gallery/', () => {
    expect(emailPath('reseller-invitation', 'GB', 'txt')).toBe(
      '/emails/reseller-invitation/GB.txt',
    );
    expect(emailPath('customer-authorization-request', 'DE', 'html')).toBe(
      '/emails/customer-authorization-request/DE.html',
    );
    expect(galleryPath('GB')).toBe('/email-gallery/gb/');
    expect(galleryLink('reseller-invitation', 'MX')).toBe('/email-gallery/mx/#reseller-invitation');
    expect(galleryLink('reseller-invitation', 'MX', 'es')).toBe(
      '/es/email-gallery/mx/#reseller-invitation',
    );
  });

  it('name each email language in the reader’s language', () => {
    expect(languageName('de-DE')).toBe('German');
    expect(languageName('es-MX')).toBe('Spanish');
    expect(languageName('sv-SE')).toBe('Swedish');
    expect(languageName('de-DE', 'de')).toBe('Deutsch');
    expect(languageName('sv-SE', 'fr')).toBe('suédois');
  });
});

describe('the country choice', () => {
  it('labels each country so a reader finds it in their language, with its code', () => {
    const de = countries.find((c) => c.code === 'DE');
    const nl = countries.find((c) => c.code === 'NL');
    if (!de || !nl) throw new Error('DE and NL are in the registry');
    expect(countryChoiceLabel(de, 'de')).toBe('Deutschland · DE');
    expect(countryChoiceLabel(de, 'en')).toBe('Germany · DE');
    expect(countryChoiceLabel(nl, 'nl')).toBe('Nederland · NL');
    expect(countryChoiceLabel(de, 'fr')).toBe('Allemagne · DE');
  });

  it('puts the countries of the site’s language first, the others in registry order', () => {
    expect(
      countriesFor('es')
        .map((c) => c.code)
        .slice(0, 2),
    ).toEqual(['ES', 'MX']);
    expect(countriesFor('de')[0]?.code).toBe('DE');
    expect(countriesFor('sv')[0]?.code).toBe('SE');
    expect(countriesFor('en').map((c) => c.code)).toEqual(countries.map((c) => c.code));
    for (const lang of LANGUAGES) expect(countriesFor(lang)).toHaveLength(countries.length);
  });
});

describe('what the gallery offers to copy', () => {
  const verified = (country: (typeof countries)[number]) => ({
    ...country,
    invitationUrl: {
      ...country.invitationUrl,
      provenance: { status: 'verified' as const, source: 'test' },
    },
    marketplaceUrl: {
      ...country.marketplaceUrl,
      provenance: { status: 'verified' as const, source: 'test' },
    },
    supportContact: {
      ...country.supportContact,
      provenance: { status: 'verified' as const, source: 'test' },
    },
  });

  it('only the reseller invitation, and only once every value in it is confirmed', async () => {
    const [gb] = await countryEntries('GB');
    if (gb?.status !== 'rendered') throw new Error('GB reseller invitation not rendered');
    expect(gb.templateId).toBe('reseller-invitation');
    // Today every country has a placeholder partner ID: nothing is copyable.
    for (const entry of await galleryEntries()) expect(copyable(entry)).toBe(false);
    expect(copyable({ ...gb, country: verified(gb.country) })).toBe(true);
    expect(
      copyable({
        ...gb,
        templateId: 'customer-authorization-request',
        country: verified(gb.country),
      }),
    ).toBe(false);
  });
});
